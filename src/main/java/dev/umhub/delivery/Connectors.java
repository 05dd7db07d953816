package dev.umhub.delivery;

import dev.umhub.connector.Connector;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The connectors on the classpath, by destination name. Adding a connector bean adds a destination. */
@Component
public class Connectors {

    private final Map<String, Connector> byName = new TreeMap<>();

    public Connectors(List<Connector> connectors) {
        for (Connector c : connectors) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalStateException("two connectors are named '" + c.name() + "'");
            }
        }
    }

    public Optional<Connector> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Connector> all() {
        return byName.values();
    }
}
