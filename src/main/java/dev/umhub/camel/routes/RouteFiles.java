package dev.umhub.camel.routes;

import dev.umhub.support.Secrets;
import dev.umhub.web.IntakePaths;
import dev.umhub.web.Readiness;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;

/**
 * umhub's Camel routes, one YAML file at a time, so that an edit can never take a working route away:
 * <ul>
 * <li>a new version is parsed and built aside first (under other ids, not started); only when that works does it
 * replace the running version. A file that does not parse or build leaves the previous version running and is
 * reported with the error and its line ({@code stale});</li>
 * <li>a file with no version that builds ({@code failed}) keeps its HTTP paths known, and the front door answers them
 * 503 with Retry-After (and quarantines the body) instead of an empty 500;</li>
 * <li>a deleted file's routes are removed live, with the HTTP mappings Camel's platform-http leaves behind;</li>
 * <li>one broken file at start-up stops nothing else.</li>
 * </ul>
 * Files that hold route configurations ({@code routes/shared/}) are applied first; when one changes, every route file
 * is rebuilt so that its routes pick the new configuration up.
 */
public class RouteFiles implements IntakePaths, Readiness {

    private static final Logger log = LoggerFactory.getLogger(RouteFiles.class);

    /** A file as loaded: its last good text and definitions, and its last error. */
    private record Loaded(String text, Map<String, String> companionTexts, List<String> routeIds,
                          List<String> configurationIds, List<HttpRoute> http, String state, String errorFile,
                          String error, int errorLine, Instant loadedAt, Instant failedAt) {
    }

    private final CamelContext camel;
    private final CamelModel model;
    private final RouteSource source;
    private final List<RoutesBuilder> coreRoutes;
    private final List<RouteFileCompanion> companions;
    private final Clock clock;
    private final Runnable afterChange;
    private final Runnable listeners;
    private final Map<String, Loaded> files = new ConcurrentHashMap<>();
    /** What each route file was last loaded from: its text and its companions' texts. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile List<HttpRoute> kameletSources = List.of();

    /**
     * @param coreRoutes  umhub's routes written in Java ({@code direct:ingest}), added once before the files
     * @param afterChange run once routes were loaded, replaced or removed (clears mappings Camel leaves behind)
     * @param listeners   told that the set of routes changed (destinations appear and go with their routes)
     */
    public RouteFiles(CamelContext camel, RouteSource source, List<RoutesBuilder> coreRoutes,
                      List<RouteFileCompanion> companions, Clock clock, Runnable afterChange,
                      Runnable listeners) {
        this.camel = camel;
        this.model = new CamelModel(camel);
        this.source = source;
        this.coreRoutes = coreRoutes;
        this.companions = companions;
        this.clock = clock;
        this.afterChange = afterChange;
        this.listeners = listeners;
    }

    /**
     * Loads every file and adds the core routes; called once Camel runs. In an order that lets no event in before it
     * can be delivered: route configurations (routes name them by id when they are built), then the routes events
     * arrive by only from inside ({@code direct:}, such as destinations), then, once the destinations are known, the
     * core routes ({@code direct:ingest}) and last the sources.
     */
    public synchronized void start() throws Exception {
        Map<String, String> all = source.read();
        Map<String, String> routeFiles = routeFiles(all);
        routeFiles.forEach((name, text) -> {
            if (RouteFileParser.definesConfigurations(text)) {
                load(name, text, companionsOf(name, all));
            }
        });
        routeFiles.forEach((name, text) -> {
            if (!files.containsKey(name) && !isSource(name, text)) {
                load(name, text, companionsOf(name, all));
            }
        });
        listeners.run();
        for (RoutesBuilder core : coreRoutes) {
            camel.addRoutes(core);
        }
        routeFiles.forEach((name, text) -> {
            if (!files.containsKey(name)) {
                load(name, text, companionsOf(name, all));
            }
        });
        routeFiles.forEach((name, text) -> seen.put(name, fingerprint(text, companionsOf(name, all))));
        afterChange.run();
        findKameletSources();
        started = true;
        log.info("Routes from {}: {}", source.describe(), states());
        listeners.run();
    }

    /** Whether a file has a route that takes events from outside umhub (HTTP, a timer, a folder, Kafka...). */
    private boolean isSource(String name, String text) {
        try {
            return RouteFileParser.parse(camel, name, text).routes().stream()
                    .map(r -> r.getInput() == null ? "" : r.getInput().getEndpointUri())
                    .anyMatch(uri -> uri == null || !uri.startsWith("direct:") && !uri.startsWith("seda:"));
        } catch (RouteFileException unparsable) {
            return true; // refused when loaded, with its error
        }
    }

    /** Whether the routes come from a folder that can change (not the ones bundled in the jar). */
    public boolean watchesAFolder() {
        return source.live();
    }

    /** Applies what changed in the folder since the last look: added, edited and deleted files. */
    public synchronized void refresh() {
        if (!started || !source.live()) {
            return;
        }
        Map<String, String> all;
        try {
            all = source.read();
        } catch (RuntimeException e) {
            log.warn("Could not read the routes folder {}: {}", source.describe(), e.getMessage());
            return;
        }
        Map<String, String> routeFiles = routeFiles(all);
        boolean changed = false;
        for (String gone : new ArrayList<>(seen.keySet())) {
            if (!routeFiles.containsKey(gone)) {
                seen.remove(gone);
                remove(gone);
                changed = true;
            }
        }
        for (Map.Entry<String, String> f : routeFiles.entrySet()) {
            String name = f.getKey();
            Map<String, String> companionTexts = companionsOf(name, all);
            String fingerprint = fingerprint(f.getValue(), companionTexts);
            if (!fingerprint.equals(seen.get(name))) {
                seen.put(name, fingerprint);
                boolean configurations = RouteFileParser.definesConfigurations(f.getValue())
                        || files.containsKey(name) && !files.get(name).configurationIds().isEmpty();
                // a refused configuration leaves the running one in place: the routes using it need no rebuild
                // (a rebuild takes their routes down for a moment, and HTTP sources would answer 503 meanwhile)
                if (load(name, f.getValue(), companionTexts) && configurations) {
                    rebuildRouteFiles(name);
                }
                changed = true;
            }
        }
        if (changed) {
            afterChange.run();
            findKameletSources();
            listeners.run();
        }
    }

    private static Map<String, String> routeFiles(Map<String, String> all) {
        Map<String, String> out = new java.util.TreeMap<>();
        all.forEach((name, text) -> {
            if (name.matches(".*\\.ya?ml")) {
                out.put(name, text);
            }
        });
        return out;
    }

    /** The companions of a route file, by their file names (absent ones with a null text). */
    private Map<String, String> companionsOf(String routeFile, Map<String, String> all) {
        Map<String, String> out = new LinkedHashMap<>();
        String base = routeFile.replaceAll("\\.ya?ml$", "");
        for (RouteFileCompanion c : companions) {
            out.put(base + c.extension(), all.get(base + c.extension()));
        }
        return out;
    }

    private static String fingerprint(String text, Map<String, String> companionTexts) {
        StringBuilder f = new StringBuilder(text);
        companionTexts.forEach((name, t) -> f.append('\u0000').append(name).append('\u0000').append(t));
        return f.toString();
    }

    /**
     * Loads or replaces one file; never throws: the outcome is in its state.
     *
     * @return whether the new text now runs (false: refused, the previous version, if any, kept)
     */
    synchronized boolean load(String name, String text, Map<String, String> companionTexts) {
        Loaded before = files.get(name);
        ParsedRoutes parsed;
        List<HttpRoute> http = List.of();
        try {
            parsed = RouteFileParser.parse(camel, name, text);
            assignIds(name, parsed);
            http = HttpRoute.of(camel, parsed);
            checkIdsFree(name, parsed);
            checkPathsFree(name, parsed, http);
            checkCompanions(parsed, companionTexts);
            TrialBuild.check(camel, model, name, text);
        } catch (RouteFileException e) {
            failed(name, before, e, notServedElsewhere(name, http));
            return false;
        }
        try {
            if (before != null) {
                removeDefinitions(before);
            }
            ParsedRoutes fresh = RouteFileParser.parse(camel, name, text);
            assignIds(name, fresh);
            model.putConfigurations(fresh.configurations());
            applyCompanions(fresh, companionTexts);
            model.addRoutes(fresh.routes());
            files.put(name, new Loaded(text, companionTexts, ids(fresh.routes()),
                    configurationIds(fresh.configurations()), http, "running", null, null, 0, clock.instant(), null));
            log.info("Route file {} loaded: routes {}", name, ids(fresh.routes()));
            return true;
        } catch (Exception e) {
            // built aside but not in place (a consumer that would not start): put the previous version back
            RouteFileException error = RouteFileParser.buildFailure(e, parsed);
            model.removeRoutes(ids(parsed.routes()));
            if (before != null && before.text() != null) {
                restore(name, before);
            }
            failed(name, before, error, notServedElsewhere(name, http));
            return false;
        }
    }

    private void checkCompanions(ParsedRoutes parsed, Map<String, String> companionTexts) throws RouteFileException {
        for (RouteFileCompanion c : companions) {
            for (Map.Entry<String, String> t : companionTexts.entrySet()) {
                if (t.getKey().endsWith(c.extension())) {
                    c.check(t.getKey(), parsed.routes(), t.getValue());
                }
            }
        }
    }

    private void applyCompanions(ParsedRoutes parsed, Map<String, String> companionTexts) {
        for (RouteFileCompanion c : companions) {
            companionTexts.forEach((file, text) -> {
                if (file.endsWith(c.extension())) {
                    c.apply(parsed.routes(), text);
                }
            });
        }
    }

    /** Removes a deleted file's routes (and route configurations). */
    synchronized void remove(String name) {
        Loaded gone = files.remove(name);
        if (gone == null) {
            return;
        }
        try {
            removeDefinitions(gone);
            companions.forEach(c -> c.removed(gone.routeIds()));
            log.info("Route file {} deleted: routes {} removed", name, gone.routeIds());
        } catch (Exception e) {
            log.error("Route file {} deleted, but its routes could not all be removed: {}", name,
                    RouteFileParser.message(e));
        }
    }

    private void restore(String name, Loaded before) {
        try {
            ParsedRoutes again = RouteFileParser.parse(camel, name, before.text());
            assignIds(name, again);
            model.putConfigurations(again.configurations());
            applyCompanions(again, before.companionTexts());
            model.addRoutes(again.routes());
        } catch (Exception e) {
            log.error("Route file {}: the previous version could not be put back either: {}", name,
                    RouteFileParser.message(e));
        }
    }

    private void failed(String name, Loaded before, RouteFileException e, List<HttpRoute> attempted) {
        boolean previousRuns = before != null && before.text() != null && before.routeIds().stream()
                .allMatch(id -> camel.getRoute(id) != null);
        Instant now = clock.instant();
        String errorFile = e.file() == null ? name : e.file();
        String error = Secrets.mask(e.getMessage());
        Loaded state = previousRuns
                ? new Loaded(before.text(), before.companionTexts(), before.routeIds(), before.configurationIds(),
                        before.http(), "stale", errorFile, error, e.line(), before.loadedAt(), now)
                : new Loaded(null, Map.of(), List.of(), List.of(), attempted, "failed", errorFile, error, e.line(),
                        null, now);
        files.put(name, state);
        log.error("Route file {} refused ({}{}): {}; {}", name, errorFile, e.line() > 0 ? ", line " + e.line() : "",
                error, previousRuns ? "its previous version keeps running"
                        : "its paths answer 503 until it is fixed");
    }

    private void rebuildRouteFiles(String except) {
        new LinkedHashMap<>(files).forEach((name, loaded) -> {
            if (!name.equals(except) && loaded.configurationIds().isEmpty() && loaded.text() != null) {
                load(name, loaded.text(), loaded.companionTexts());
            }
        });
    }

    private void removeDefinitions(Loaded loaded) {
        model.removeRoutes(loaded.routeIds());
        model.removeConfigurations(loaded.configurationIds());
    }

    /** Routes without an id get one from their file, so an edit replaces them instead of adding a second copy. */
    private static void assignIds(String name, ParsedRoutes parsed) {
        String base = idOf(name);
        int n = 0;
        for (RouteDefinition r : parsed.routes()) {
            n++;
            if (r.getId() == null || r.getId().isBlank()) {
                r.setId(parsed.routes().size() == 1 ? base : base + "-" + n);
            }
        }
    }

    /** A route file's name as an id: {@code sources/my-hook.yaml} is {@code sources-my-hook}. */
    static String idOf(String name) {
        return name.replaceAll("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /**
     * Two files serving one path would take turns holding Spring's mapping (the last one built wins, and deleting
     * either removes it), so a copy of a source file made to start editing would take live webhooks away.
     */
    private void checkPathsFree(String name, ParsedRoutes parsed, List<HttpRoute> http) throws RouteFileException {
        for (HttpRoute h : http) {
            Optional<String> other = servedElsewhere(name, h.path());
            if (other.isPresent()) {
                RouteDefinition r = parsed.routes().stream().filter(d -> h.routeId().equals(d.getId())).findFirst()
                        .orElseThrow();
                throw new RouteFileException("path " + h.path() + " is already served by " + other.get(),
                        RouteFileParser.line(r), null);
            }
        }
    }

    /** Which other file has a version running that serves this path. */
    private Optional<String> servedElsewhere(String name, String path) {
        return files.entrySet().stream().filter(f -> !f.getKey().equals(name) && !f.getValue().routeIds().isEmpty())
                .filter(f -> f.getValue().http().stream().anyMatch(h -> h.path().equals(path)))
                .map(Map.Entry::getKey).findFirst();
    }

    /** A refused file's paths answer 503 (its sender retries later), but never a path another file serves. */
    private List<HttpRoute> notServedElsewhere(String name, List<HttpRoute> attempted) {
        return attempted.stream().filter(h -> servedElsewhere(name, h.path()).isEmpty()).toList();
    }

    private void checkIdsFree(String name, ParsedRoutes parsed) throws RouteFileException {
        for (RouteDefinition r : parsed.routes()) {
            for (Map.Entry<String, Loaded> other : files.entrySet()) {
                if (!other.getKey().equals(name) && other.getValue().routeIds().contains(r.getId())) {
                    throw new RouteFileException("route id '" + r.getId() + "' is already used by "
                            + other.getKey(), RouteFileParser.line(r), null);
                }
            }
            if (camel.getRoute(r.getId()) != null && files.values().stream().noneMatch(f -> f.routeIds().contains(r.getId()))
                    && (files.get(name) == null || !files.get(name).routeIds().contains(r.getId()))) {
                throw new RouteFileException("route id '" + r.getId() + "' is already used by a route umhub did not"
                        + " load from its folder", RouteFileParser.line(r), null);
            }
        }
    }

    private static List<String> ids(List<RouteDefinition> routes) {
        return routes.stream().map(RouteDefinition::getId).toList();
    }

    private static List<String> configurationIds(List<RouteConfigurationDefinition> configurations) {
        return configurations.stream().map(RouteConfigurationDefinition::getId).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public Optional<Intake> find(String path) {
        PathContainer container = PathContainer.parsePath(path);
        boolean declared = false;
        for (Loaded f : files.values()) {
            for (HttpRoute h : f.http()) {
                if (h.pattern().matches(container)) {
                    if (f.routeIds().contains(h.routeId()) && started(h)) {
                        return Optional.of(new Intake(true));
                    }
                    declared = true; // by a refused file: 503 unless another file serves it
                }
            }
        }
        if (!declared) {
            for (HttpRoute h : kameletSources) {
                if (h.pattern().matches(container)) {
                    return Optional.of(new Intake(started(h)));
                }
            }
        }
        return declared ? Optional.of(new Intake(false)) : Optional.empty();
    }

    private boolean started(HttpRoute h) {
        return camel.getRouteController().getRouteStatus(h.routeId()) == ServiceStatus.Started;
    }

    /** The host's routes made from umhub's source Kamelets, looked up whenever umhub's routes change. */
    private void findKameletSources() {
        kameletSources = camel.getRoutes().stream().map(r -> HttpRoute.ofSourceKamelet(camel, r)).flatMap(Optional::stream)
                .toList();
    }

    @Override
    public boolean ready() {
        return started && camel.isStarted();
    }

    /** Every file's state, by file name. */
    public List<RouteFileState> states() {
        return files.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            Loaded l = e.getValue();
            return new RouteFileState(e.getKey(), l.state(), l.routeIds(), l.http().stream().map(HttpRoute::path).toList(),
                    l.errorFile(), l.error(), l.errorLine(), l.loadedAt(), l.failedAt());
        }).toList();
    }
}
