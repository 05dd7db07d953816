package dev.umhub.delivery;

import dev.umhub.camel.routes.RouteFileException;
import dev.umhub.camel.routes.RoutesChanged;
import dev.umhub.connector.Connector;
import dev.umhub.connector.route.DestinationMappings;
import dev.umhub.connector.route.JsonataMapping;
import dev.umhub.connector.route.RouteDestination;
import dev.umhub.connector.route.RouteDestinationProperties;
import dev.umhub.connector.route.RouteDestinations;
import dev.umhub.rules.KnownDestinations;
import dev.umhub.store.Json;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Every destination umhub can deliver to, by name: a destination is a Camel route consuming
 * {@code direct:deliver-<name>} (a route file, or a host application's own route). Providers whose protocol needs
 * Java (HubSpot's batches, GA4's client ids) bring a {@link Connector} of that name that maps and reads for their
 * route; any other route is a {@link RouteDestination} with umhub's canonical body or its JSONata mapping, configured
 * under {@code umhub.destinations.<name>.*}. The Java connectors are destinations even while their route is missing
 * (their deliveries then wait and retry); route destinations come and go with their routes.
 */
public class Destinations implements KnownDestinations, ApplicationListener<RoutesChanged> {

    private static final Logger log = LoggerFactory.getLogger(Destinations.class);

    private final Map<String, Connector> java = new TreeMap<>();
    private final CamelContext camel;
    private final Binder binder;
    private final DestinationMappings mappings;
    private final Json json;
    private final ApplicationEventPublisher events;
    private volatile SortedMap<String, Connector> current;

    public Destinations(List<Connector> connectors, CamelContext camel, Environment environment,
                        DestinationMappings mappings, Json json, ApplicationEventPublisher events) {
        for (Connector c : connectors) {
            if (java.put(c.name(), c) != null) {
                throw new IllegalStateException("two connectors are named '" + c.name() + "'");
            }
        }
        this.camel = camel;
        this.binder = Binder.get(environment);
        this.mappings = mappings;
        this.json = json;
        this.events = events;
        this.current = Collections.unmodifiableSortedMap(new TreeMap<>(java));
    }

    public Optional<Connector> get(String name) {
        return Optional.ofNullable(current.get(name));
    }

    /** By name. */
    public Collection<Connector> all() {
        return current.values();
    }

    /** By name. */
    @Override
    public Set<String> names() {
        return current.keySet();
    }

    @Override
    public void onApplicationEvent(RoutesChanged event) {
        refresh();
        events.publishEvent(new KnownDestinations.Changed(this));
    }

    /** Takes in the routes as they are now: destinations whose route appeared or went. */
    public synchronized void refresh() {
        SortedMap<String, Connector> next = new TreeMap<>(java);
        for (Route r : camel.getRoutes()) {
            String name = RouteDestinations.nameOf(uri(r));
            if (name != null && !next.containsKey(name)) {
                Connector known = current.get(name);
                next.put(name, known != null ? known : routeDestination(name));
            }
        }
        boolean changed = !next.keySet().equals(current.keySet());
        current = Collections.unmodifiableSortedMap(next);
        if (changed) {
            log.info("Destinations: {}", names());
        }
    }

    private static String uri(Route r) {
        return r.getEndpoint() == null ? null : r.getEndpoint().getEndpointUri();
    }

    private RouteDestination routeDestination(String name) {
        RouteDestinationProperties p = binder.bind("umhub.destinations." + name,
                Bindable.ofInstance(new RouteDestinationProperties())).orElseGet(RouteDestinationProperties::new);
        Supplier<JsonataMapping> inline = inlineMapping(name, p.getMapping());
        return new RouteDestination(name, p, () -> mappings.of(name).orElseGet(inline), json.mapper());
    }

    /** A mapping written in the configuration; one that does not compile makes every delivery of it a dead letter. */
    private static Supplier<JsonataMapping> inlineMapping(String name, String text) {
        if (text.isBlank()) {
            return () -> null;
        }
        String where = "umhub.destinations." + name + ".mapping";
        try {
            JsonataMapping m = JsonataMapping.compile(where, text);
            return () -> m;
        } catch (RouteFileException e) {
            log.error("{} (line {}): {}", where, e.line(), e.getMessage());
            return () -> {
                throw new dev.umhub.connector.UnmappableEventException(where + " does not compile: " + e.getMessage());
            };
        }
    }
}
