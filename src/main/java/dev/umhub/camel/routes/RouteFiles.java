package dev.umhub.camel.routes;

import dev.umhub.support.Secrets;
import dev.umhub.web.IntakePaths;
import dev.umhub.web.Readiness;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

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

    /** A route that listens on an HTTP path (platform-http). */
    private record HttpRoute(String routeId, String path, PathPattern pattern) {
    }

    private final CamelContext camel;
    private final RouteSource source;
    private final List<RoutesBuilder> coreRoutes;
    private final List<RouteFileCompanion> companions;
    private final Clock clock;
    private final Consumer<CamelContext> afterChange;
    private final Runnable listeners;
    private final Map<String, Loaded> files = new ConcurrentHashMap<>();
    /** What each route file was last loaded from: its text and its companions' texts. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private volatile boolean started;

    /**
     * @param coreRoutes  umhub's routes written in Java ({@code direct:ingest}), added once before the files
     * @param afterChange run after routes were removed or replaced (clears mappings Camel leaves behind)
     * @param listeners   told that the set of routes changed (destinations appear and go with their routes)
     */
    public RouteFiles(CamelContext camel, RouteSource source, List<RoutesBuilder> coreRoutes,
                      List<RouteFileCompanion> companions, Clock clock, Consumer<CamelContext> afterChange,
                      Runnable listeners) {
        this.camel = camel;
        this.source = source;
        this.coreRoutes = coreRoutes;
        this.companions = companions;
        this.clock = clock;
        this.afterChange = afterChange;
        this.listeners = listeners;
    }

    /** Adds the core routes and loads every file; called once Camel runs. */
    public synchronized void start() throws Exception {
        for (RoutesBuilder core : coreRoutes) {
            camel.addRoutes(core);
        }
        Map<String, String> all = source.read();
        Map<String, String> routeFiles = routeFiles(all);
        // route configurations first: routes name them by id when they are built
        routeFiles.forEach((name, text) -> {
            if (RouteFileParser.definesConfigurations(text)) {
                load(name, text, companionsOf(name, all));
            }
        });
        routeFiles.forEach((name, text) -> {
            if (!files.containsKey(name)) {
                load(name, text, companionsOf(name, all));
            }
        });
        routeFiles.forEach((name, text) -> seen.put(name, fingerprint(text, companionsOf(name, all))));
        started = true;
        log.info("Routes from {}: {}", source.describe(), states());
        listeners.run();
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
                load(name, f.getValue(), companionTexts);
                if (configurations) {
                    rebuildRouteFiles(name);
                }
                changed = true;
            }
        }
        if (changed) {
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

    /** Loads or replaces one file; never throws: the outcome is in its state. */
    synchronized void load(String name, String text, Map<String, String> companionTexts) {
        Loaded before = files.get(name);
        ParsedRoutes parsed;
        try {
            parsed = RouteFileParser.parse(camel, name, text);
            assignIds(name, parsed);
            checkIdsFree(name, parsed);
            checkCompanions(parsed, companionTexts);
            validate(name, text);
        } catch (RouteFileException e) {
            failed(name, before, e, httpOf(name, text));
            return;
        }
        ModelCamelContext model = (ModelCamelContext) camel;
        try {
            if (before != null) {
                removeDefinitions(before);
            }
            ParsedRoutes fresh = RouteFileParser.parse(camel, name, text);
            assignIds(name, fresh);
            applyConfigurations(fresh.configurations());
            applyCompanions(fresh, companionTexts);
            model.addRouteDefinitions(fresh.routes());
            files.put(name, new Loaded(text, companionTexts, ids(fresh.routes()),
                    configurationIds(fresh.configurations()), http(fresh), "running", null, null, 0, clock.instant(),
                    null));
            log.info("Route file {} loaded: routes {}", name, ids(fresh.routes()));
        } catch (Exception e) {
            // built aside but not in place (a consumer that would not start): put the previous version back
            RouteFileException error = RouteFileParser.buildFailure(e, parsed);
            removeQuietly(ids(parsed.routes()));
            if (before != null && before.text() != null) {
                restore(name, before);
            }
            failed(name, before, error, http(parsed));
        } finally {
            afterChange.accept(camel);
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
        } finally {
            afterChange.accept(camel);
        }
    }

    /** Builds a file's routes under other ids without starting them: does it build, with today's beans and options? */
    private void validate(String name, String text) throws RouteFileException {
        ParsedRoutes trial = RouteFileParser.parse(camel, name, text);
        if (trial.routes().isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        int n = 0;
        for (RouteDefinition r : trial.routes()) {
            String id = "umhub-trial-" + (++n) + "-" + name.replaceAll("[^A-Za-z0-9]+", "-");
            r.setId(id);
            r.autoStartup(false);
            ids.add(id);
        }
        ModelCamelContext model = (ModelCamelContext) camel;
        try {
            applyConfigurations(trial.configurations());
            model.addRouteDefinitions(trial.routes());
        } catch (Exception e) {
            throw RouteFileParser.buildFailure(e, trial);
        } finally {
            removeQuietly(ids);
        }
    }

    private void restore(String name, Loaded before) {
        try {
            ParsedRoutes again = RouteFileParser.parse(camel, name, before.text());
            assignIds(name, again);
            applyConfigurations(again.configurations());
            applyCompanions(again, before.companionTexts());
            ((ModelCamelContext) camel).addRouteDefinitions(again.routes());
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

    private void applyConfigurations(List<RouteConfigurationDefinition> configurations) throws Exception {
        ModelCamelContext model = (ModelCamelContext) camel;
        for (RouteConfigurationDefinition c : configurations) {
            RouteConfigurationDefinition existing = c.getId() == null ? null : model.getRouteConfigurationDefinition(c.getId());
            if (existing != null) {
                model.removeRouteConfiguration(existing);
            }
            model.addRouteConfiguration(c);
        }
    }

    private void removeDefinitions(Loaded loaded) throws Exception {
        ModelCamelContext model = (ModelCamelContext) camel;
        removeQuietly(loaded.routeIds());
        for (String id : loaded.configurationIds()) {
            RouteConfigurationDefinition c = model.getRouteConfigurationDefinition(id);
            if (c != null) {
                model.removeRouteConfiguration(c);
            }
        }
    }

    private void removeQuietly(Collection<String> routeIds) {
        ModelCamelContext model = (ModelCamelContext) camel;
        for (String id : routeIds) {
            try {
                RouteDefinition d = model.getRouteDefinition(id);
                if (d != null) {
                    model.removeRouteDefinition(d);
                } else if (camel.getRoute(id) != null) {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                }
            } catch (Exception e) {
                log.warn("Route {} could not be removed: {}", id, RouteFileParser.message(e));
            }
        }
    }

    /** Routes without an id get one from their file, so an edit replaces them instead of adding a second copy. */
    private static void assignIds(String name, ParsedRoutes parsed) {
        String base = name.replaceAll("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        int n = 0;
        for (RouteDefinition r : parsed.routes()) {
            n++;
            if (r.getId() == null || r.getId().isBlank()) {
                r.setId(parsed.routes().size() == 1 ? base : base + "-" + n);
            }
        }
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

    private List<HttpRoute> httpOf(String name, String text) {
        try {
            ParsedRoutes parsed = RouteFileParser.parse(camel, name, text);
            assignIds(name, parsed);
            return http(parsed);
        } catch (RouteFileException unparsable) {
            return List.of();
        }
    }

    /** The routes of a file that listen on HTTP paths (platform-http), placeholders resolved. */
    private List<HttpRoute> http(ParsedRoutes parsed) {
        List<HttpRoute> out = new ArrayList<>();
        for (RouteDefinition r : parsed.routes()) {
            String uri = r.getInput() == null ? null : r.getInput().getEndpointUri();
            if (uri == null || !uri.startsWith("platform-http:")) {
                continue;
            }
            try {
                uri = camel.resolvePropertyPlaceholders(uri);
                String path = uri.substring("platform-http:".length()).replaceFirst("^//", "/");
                int query = path.indexOf('?');
                path = query < 0 ? path : path.substring(0, query);
                out.add(new HttpRoute(r.getId(), path, PathPatternParser.defaultInstance.parse(path)));
            } catch (RuntimeException unusable) {
                // an unresolvable placeholder or a path Spring cannot match: the build reports it
            }
        }
        return out;
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
        for (Loaded f : files.values()) {
            for (HttpRoute h : f.http()) {
                if (h.pattern().matches(container)) {
                    boolean running = f.routeIds().contains(h.routeId())
                            && camel.getRouteController().getRouteStatus(h.routeId()) == ServiceStatus.Started;
                    return Optional.of(new Intake(h.routeId(), h.path(), running));
                }
            }
        }
        return Optional.empty();
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
