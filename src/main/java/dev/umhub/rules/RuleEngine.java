package dev.umhub.rules;

import dev.umhub.event.PlatformEvent;
import dev.umhub.support.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the DRL files of {@code umhub.rules.directory}. A new set of files is compiled aside and swapped in only when
 * it compiles cleanly, so a broken edit leaves the previous rules running; {@link #status()} tells which.
 * Rules only read facts and insert {@link Dispatch}es; they never do I/O.
 */
@Component
public class RuleEngine {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);
    /** A guard against rules that keep re-triggering each other. */
    private static final int MAX_FIRINGS = 10_000;

    /** The rules of one version: sessions of its KieBase (null before any rules loaded), what was loaded, and the
     * destinations its files name. */
    private record Active(SessionPools sessions, RulesStatus status, List<DispatchTargets.Target> targets) {
    }

    private final Path directory;
    private final Clock clock;
    private final AtomicInteger versions = new AtomicInteger();
    private volatile Active active;
    private volatile RulesStatus.LoadAttempt lastAttempt;
    private volatile String lastFingerprint = "";

    private final KnownDestinations destinations;
    private volatile List<RuleMessage> lastWarned = List.of();
    /**
     * The first compile of the folder (a second or more at start-up: Drools loads and compiles its classes) runs on
     * a thread of its own while the rest of umhub starts; the webhooks' door does not need the rules, only
     * processing does, and everything that does waits for it here.
     */
    private final CompletableFuture<Boolean> firstLoad;

    public RuleEngine(RulesProperties properties, Clock clock, KnownDestinations destinations) {
        this.directory = Path.of(properties.getDirectory()).toAbsolutePath().normalize();
        this.clock = clock;
        this.destinations = destinations;
        this.active = new Active(null,
                new RulesStatus(directory.toString(), "none", null, List.of(), List.of(), null, List.of()), List.of());
        this.firstLoad = CompletableFuture.supplyAsync(this::compileIfChanged, task -> {
            Thread thread = new Thread(task, "umhub-rules-first-load");
            thread.setDaemon(true);
            thread.start();
        });
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
        Map<String, String> sources = readFolder();
        List<RulesStatus.RuleFile> files = new ArrayList<>();
        sources.forEach((name, text) -> files.add(new RulesStatus.RuleFile(name,
                text.getBytes(StandardCharsets.UTF_8).length, Sha256.hex(text))));
        String fingerprint = files.toString();
        if (fingerprint.equals(lastFingerprint)) {
            return false;
        }
        lastFingerprint = fingerprint;
        RuleCompiler.Result result = RuleCompiler.compile(sources);
        lastAttempt = new RulesStatus.LoadAttempt(clock.instant(), result.accepted(), files, result.messages());
        if (!result.accepted()) {
            log.error("Rules in {} rejected, version {} keeps running: {}", directory, active.status().version(),
                    result.messages());
            return false; // status() shows the refused attempt next to the running version
        }
        String version = versions.incrementAndGet() + "-" + Sha256.hex(fingerprint).substring(0, 8);
        RulesStatus status = new RulesStatus(directory.toString(), version, clock.instant(), files,
                result.ruleNames(), lastAttempt, List.of());
        // sessions of the previous version still deciding go back to that version's pools, which are dropped with it
        active = new Active(new SessionPools(result.kieBase()), status, DispatchTargets.find(sources));
        log.info("Rules version {} loaded from {}: {} rules in {} files", version, directory,
                result.ruleNames().size(), files.size());
        return true;
    }

    public RulesStatus status() {
        awaitFirstLoad();
        return withLastAttempt(active.status());
    }

    /** The running rules' sends to destinations that do not exist now. */
    public List<RuleMessage> unknownDestinations() {
        awaitFirstLoad();
        return DispatchTargets.unknown(active.targets(), destinations.names());
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
        Active current = active;
        String version = current.status().version();
        if (current.sessions() == null) {
            return new Decision(version, List.of(), List.of());
        }
        return decide(current.sessions().session(event.type()), event, version);
    }

    /**
     * Runs one event in a clean session, then disposes of the session (a pooled one goes back to its pool, reset).
     * Package-private so tests can compare a pooled session with a new one.
     */
    static Decision decide(KieSession session, PlatformEvent event, String version) {
        Recorder recorder = new Recorder();
        try {
            // a pooled session's reset removes its listeners, so they are added for every decision
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            Facts.of(event).forEach(session::insert);
            session.fireAllRules(MAX_FIRINGS);
        } finally {
            session.dispose();
        }
        return new Decision(version, List.copyOf(recorder.fired), List.copyOf(recorder.chosen.values()));
    }

    /** Which rules fired, and which rule inserted each dispatch first. One object for both listeners. */
    private static final class Recorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
        final List<String> fired = new ArrayList<>();
        final Map<String, Decision.ChosenDispatch> chosen = new LinkedHashMap<>();

        @Override
        public void afterMatchFired(AfterMatchFiredEvent e) {
            String name = e.getMatch().getRule().getName();
            if (!fired.contains(name)) {
                fired.add(name);
            }
        }

        @Override
        public void objectInserted(ObjectInsertedEvent e) {
            if (e.getObject() instanceof Dispatch d && d.destination() != null && d.action() != null) {
                String rule = e.getRule() == null ? null : e.getRule().getName();
                chosen.putIfAbsent(d.destination() + "\u0000" + d.action(),
                        new Decision.ChosenDispatch(d.destination(), d.action(), rule));
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent e) {
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent e) {
        }
    }

    private RulesStatus withLastAttempt(RulesStatus s) {
        return new RulesStatus(s.directory(), s.version(), s.loadedAt(), s.files(), s.rules(), lastAttempt,
                unknownDestinations());
    }

    private Map<String, String> readFolder() {
        Map<String, String> sources = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return sources;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".drl") && Files.isRegularFile(f)).toList()) {
                sources.put(directory.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + directory, e);
        }
        return sources;
    }
}
