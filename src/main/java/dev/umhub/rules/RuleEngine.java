package dev.umhub.rules;

import dev.umhub.autoconfigure.UmhubProperties;
import dev.umhub.event.PlatformEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
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

    private record Active(KieBase kieBase, RulesStatus status) {
    }

    private final Path directory;
    private final Clock clock;
    private final AtomicInteger versions = new AtomicInteger();
    private volatile Active active;
    private volatile RulesStatus.LoadAttempt lastAttempt;
    private volatile String lastFingerprint = "";

    public RuleEngine(UmhubProperties properties, Clock clock) {
        this.directory = Path.of(properties.getRules().getDirectory()).toAbsolutePath().normalize();
        this.clock = clock;
        this.active = new Active(null, new RulesStatus(directory.toString(), "none", null, List.of(), List.of(), null));
        reloadIfChanged();
    }

    /** Compiles the folder when its files changed since the last look; true when new rules were swapped in. */
    public synchronized boolean reloadIfChanged() {
        Map<String, String> sources = readFolder();
        List<RulesStatus.RuleFile> files = new ArrayList<>();
        sources.forEach((name, text) -> files.add(new RulesStatus.RuleFile(name,
                text.getBytes(StandardCharsets.UTF_8).length, sha256(text))));
        String fingerprint = files.toString();
        if (fingerprint.equals(lastFingerprint)) {
            return false;
        }
        lastFingerprint = fingerprint;
        RuleCompiler.Result result = RuleCompiler.compile(sources);
        List<RuleMessage> unsafe = UnsafeConstructs.find(sources);
        if (!unsafe.isEmpty()) {
            result = new RuleCompiler.Result(null, List.of(), unsafe);
        }
        lastAttempt = new RulesStatus.LoadAttempt(clock.instant(), result.accepted(), files, result.messages());
        if (!result.accepted()) {
            log.error("Rules in {} rejected, version {} keeps running: {}", directory, active.status().version(),
                    result.messages());
            active = new Active(active.kieBase(), withLastAttempt(active.status()));
            return false;
        }
        String version = versions.incrementAndGet() + "-" + sha256(fingerprint).substring(0, 8);
        RulesStatus status = new RulesStatus(directory.toString(), version, clock.instant(), files,
                result.ruleNames(), lastAttempt);
        active = new Active(result.kieBase(), status);
        log.info("Rules version {} loaded from {}: {} rules in {} files", version, directory,
                result.ruleNames().size(), files.size());
        return true;
    }

    public RulesStatus status() {
        return withLastAttempt(active.status());
    }

    /** Runs the current rules over one event. Thread-safe: each call has its own session. */
    public Decision decide(PlatformEvent event) {
        Active current = active;
        String version = current.status().version();
        if (current.kieBase() == null) {
            return new Decision(version, List.of(), List.of());
        }
        List<String> fired = new ArrayList<>();
        Map<String, Decision.ChosenDispatch> chosen = new LinkedHashMap<>();
        KieSession session = current.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent e) {
                    String name = e.getMatch().getRule().getName();
                    if (!fired.contains(name)) {
                        fired.add(name);
                    }
                }
            });
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent e) {
                    if (e.getObject() instanceof Dispatch d && d.destination() != null && d.action() != null) {
                        String rule = e.getRule() == null ? null : e.getRule().getName();
                        chosen.putIfAbsent(d.destination() + "\u0000" + d.action(),
                                new Decision.ChosenDispatch(d.destination(), d.action(), rule));
                    }
                }
            });
            Facts.of(event).forEach(session::insert);
            session.fireAllRules(MAX_FIRINGS);
        } finally {
            session.dispose();
        }
        return new Decision(version, List.copyOf(fired), List.copyOf(chosen.values()));
    }

    private RulesStatus withLastAttempt(RulesStatus s) {
        return new RulesStatus(s.directory(), s.version(), s.loadedAt(), s.files(), s.rules(), lastAttempt);
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
