package dev.umhub.rules;

import dev.umhub.event.PlatformEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs the rules of {@code umhub.rules.directory} (DRL files and decision tables). A new set of files is compiled
 * aside and swapped in only when it compiles cleanly and passes its scenario tests, so a broken edit leaves the
 * previous rules running; {@link #status()} tells which.
 * Rules only read facts and insert {@link Dispatch}es; they never do I/O.
 */
@Component
public class RuleEngine {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    /** The rules of one version: sessions of its KieBase (null before any rules loaded), what was loaded, and the
     * destinations its files name. */
    private record Active(CompiledRules rules, RulesStatus status) {
    }

    private final Path directory;
    private final Clock clock;
    private final AtomicInteger versions = new AtomicInteger();
    private volatile Active active;
    private volatile RulesStatus.LoadAttempt lastAttempt;
    private volatile String lastFingerprint = "";
    private final List<Consumer<Loaded>> listeners = new CopyOnWriteArrayList<>();

    private final KnownDestinations destinations;
    /** Null without a source to make events of scenario payloads (rules embedded alone): scenarios are not run. */
    private final ScenarioEvents scenarioEvents;
    private volatile List<RuleMessage> lastWarned = List.of();
    /**
     * The first compile of the folder (a second or more at start-up: Drools loads and compiles its classes) runs on
     * a thread of its own while the rest of umhub starts; the webhooks' door does not need the rules, only
     * processing does, and everything that does waits for it here.
     */
    private final CompletableFuture<Boolean> firstLoad;

    public RuleEngine(RulesProperties properties, Clock clock, KnownDestinations destinations) {
        this(properties, clock, destinations, (ScenarioEvents) null);
    }

    /** With a source's normaliser, to run the scenario tests of the folder ({@code tests/*.yaml}) at every change. */
    @Autowired
    public RuleEngine(RulesProperties properties, Clock clock, KnownDestinations destinations,
                      ObjectProvider<ScenarioEvents> scenarioEvents) {
        this(properties, clock, destinations, scenarioEvents.getIfAvailable());
    }

    public RuleEngine(RulesProperties properties, Clock clock, KnownDestinations destinations,
                      ScenarioEvents scenarioEvents) {
        this.directory = Path.of(properties.getDirectory()).toAbsolutePath().normalize();
        this.clock = clock;
        this.destinations = destinations;
        this.scenarioEvents = scenarioEvents;
        this.active = new Active(CompiledRules.none("none"),
                new RulesStatus(directory.toString(), "none", null, List.of(), List.of(), null, List.of()));
        this.firstLoad = CompletableFuture.supplyAsync(this::compileIfChanged, task -> {
            Thread thread = new Thread(task, "umhub-rules-first-load");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Runs a change of the rules folder (a rollback writing a version's files) while no other look at the folder is
     * taken, so a folder half-written by the change is never compiled; the change reloads it itself.
     */
    public <T> T changingFolder(Supplier<T> change) {
        try {
            firstLoad.join(); // outside the lock: the first load takes it
        } catch (CompletionException failedFirst) {
            // looked at again by the change
        }
        synchronized (this) {
            return change.get();
        }
    }

    /** Compiles the folder when its files changed since the last look; true when new rules were swapped in. */
    public boolean reloadIfChanged() {
        try {
            firstLoad.join();
        } catch (CompletionException failedFirst) {
            // looked at again now: the folder may have been fixed
        }
        return compileIfChanged();
    }

    /**
     * Waits for the first compile. Its failure (an unreadable folder) is thrown to callers only until a later look at
     * the folder loaded rules: a fixed folder recovers without a restart.
     */
    private void awaitFirstLoad() {
        try {
            firstLoad.join();
        } catch (CompletionException e) {
            if (versions.get() == 0) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    private synchronized boolean compileIfChanged() {
        RuleFiles files = RuleFiles.read(directory);
        String fingerprint = files.fingerprint();
        if (fingerprint.equals(lastFingerprint)) {
            return false;
        }
        lastFingerprint = fingerprint;
        String version = (versions.get() + 1) + "-" + fingerprint.substring(0, 8);
        Compiled compiled = compileAside(files, version);
        boolean accepted = compiled.rules() != null && compiled.scenarioFailures().isEmpty();
        List<RuleMessage> messages = new ArrayList<>(compiled.messages());
        messages.addAll(compiled.scenarioFailures());
        lastAttempt = new RulesStatus.LoadAttempt(clock.instant(), accepted, files.described(), messages,
                compiled.scenariosPassed());
        if (!accepted) {
            log.error("Rules in {} rejected, version {} keeps running: {}", directory, active.status().version(),
                    messages);
            return false; // status() shows the refused attempt next to the running version
        }
        versions.incrementAndGet();
        CompiledRules rules = compiled.rules();
        RulesStatus status = new RulesStatus(directory.toString(), version, clock.instant(), files.described(),
                rules.ruleNames(), lastAttempt, List.of());
        // sessions of the previous version still deciding go back to that version's pools, which are dropped with it
        active = new Active(rules, status);
        log.info("Rules version {} loaded from {}: {} rules in {} files, {} scenarios passed; sessions {}", version,
                directory, rules.ruleNames().size(), files.all().size(), compiled.scenariosPassed(),
                rules.sessionReuse());
        listeners.forEach(l -> l.accept(new Loaded(version, files, rules.ruleNames().size(), status.loadedAt())));
        return true;
    }

    /** A rules version that was compiled and now runs (its fingerprint is its files'). */
    public record Loaded(String version, RuleFiles files, int rules, Instant at) {
    }

    /** Called with every version that starts running (the history keeps them). */
    public void onLoaded(Consumer<Loaded> listener) {
        listeners.add(listener);
    }

    /** The folder the running rules are read from. */
    public Path directory() {
        return directory;
    }

    public RulesStatus status() {
        awaitFirstLoad();
        return withLastAttempt(active.status());
    }

    /** The running rules' sends to destinations that do not exist now. */
    public List<RuleMessage> unknownDestinations() {
        awaitFirstLoad();
        return unknownDestinations(active.rules());
    }

    /** Sends to destinations that do not exist now, in these rules (the running ones or a candidate's). */
    public List<RuleMessage> unknownDestinations(CompiledRules rules) {
        return DispatchTargets.unknown(rules.targets(), destinations.names());
    }

    /**
     * Logs a warning for each send to a destination that does not exist, once per change: called when the rules or the
     * destinations changed (destinations exist once the routes are loaded, after the rules).
     */
    public void warnOfUnknownDestinations() {
        List<RuleMessage> now = unknownDestinations();
        if (!now.equals(lastWarned)) {
            now.forEach(w -> log.warn("Rules {} ({}:{}): {}", active.status().version(), w.file(), w.line(), w.text()));
            lastWarned = now;
        }
    }

    /** Runs the current rules over one event. Thread-safe: each call has a session of its own. */
    public Decision decide(PlatformEvent event) {
        awaitFirstLoad();
        return active.rules().decide(event);
    }

    /** The rules running now, to decide with one version throughout (a dry run compares them with a candidate). */
    public CompiledRules running() {
        awaitFirstLoad();
        return active.rules();
    }

    /**
     * Compiles rule files aside, never to run them live: a dry run's candidate. Either the compiled rules or the
     * compiler's messages, as a refused folder would show them.
     */
    public Compiled compileAside(RuleFiles files, String version) {
        Scenarios.Parsed scenarios = Scenarios.parse(files);
        RuleCompiler.Result result = RuleCompiler.compile(files);
        List<RuleMessage> messages = new ArrayList<>(result.messages());
        messages.addAll(scenarios.messages());
        if (!result.accepted() || !scenarios.ok()) {
            return new Compiled(null, messages, 0, List.of());
        }
        CompiledRules rules = new CompiledRules(version,
                new SessionPools(result.kieBase(), result.clearingObstacles()), files, result.ruleNames(),
                result.targets());
        Scenarios.Results tested = scenarioEvents == null ? new Scenarios.Results(0, List.of(), List.of())
                : Scenarios.run(scenarios.scenarios(), rules, scenarioEvents);
        messages.addAll(tested.warnings());
        return new Compiled(rules, messages, tested.passed(), tested.failures());
    }

    /**
     * Rules compiled aside ({@code rules} null when they did not compile, or a scenario file could not be read; the
     * messages say where), and how their scenario tests went.
     */
    public record Compiled(CompiledRules rules, List<RuleMessage> messages, int scenariosPassed,
                           List<RuleMessage> scenarioFailures) {
    }

    private RulesStatus withLastAttempt(RulesStatus s) {
        return new RulesStatus(s.directory(), s.version(), s.loadedAt(), s.files(), s.rules(), lastAttempt,
                unknownDestinations());
    }
}
