package dev.umhub.rules.dryrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.CompiledRules;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import dev.umhub.rules.RuleFiles;
import dev.umhub.rules.RuleMessage;
import dev.umhub.store.EventSelection;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Tries candidate rules on recorded events before they go live: compiles them aside, decides each selected event with
 * the running and the candidate rules, and answers the difference. Nothing is stored, sent or made live; the events'
 * facts are read as they were recorded.
 */
@Component
public class DryRun {

    /** Events one dry run decides at most. */
    public static final int MAX_EVENTS = 100_000;

    private final RuleEngine engine;
    private final EventStore events;
    private final ObjectMapper json;

    public DryRun(RuleEngine engine, EventStore events, Json json) {
        this.engine = engine;
        this.events = events;
        this.json = json.mapper();
    }

    /** Candidate rules that did not compile: the compiler's messages with file and line (or cell). */
    public static final class CandidateRefused extends RuntimeException {
        private final transient List<RuleMessage> messages;

        CandidateRefused(List<RuleMessage> messages) {
            super("the candidate rules do not compile: " + messages.stream()
                    .filter(m -> m.level().equals("ERROR")).map(m -> m.file() + ":" + m.line() + ": " + m.text())
                    .collect(Collectors.joining("; ")));
            this.messages = messages;
        }

        public List<RuleMessage> messages() {
            return messages;
        }
    }

    /**
     * What was asked.
     *
     * @param files   candidate files by name (DRL, decision tables, scenarios)
     * @param replace the files are the whole candidate folder; otherwise they are added to, or replace by name, the
     *                running rules' files
     * @param offset  first change to answer (the changes are paged; the counts cover every event)
     * @param limit   changes to answer at most
     */
    public record Request(Map<String, byte[]> files, boolean replace, EventSelection events, int offset, int limit) {
    }

    /** How far a dry run got: events decided of those selected. */
    public record Progress(AtomicInteger done, AtomicInteger selected) {
        public static Progress start() {
            return new Progress(new AtomicInteger(), new AtomicInteger());
        }
    }

    /** Compiles the candidate first (so a refused one is answered at once), then returns the work to run. */
    public Prepared prepare(Request request) {
        if (request.events().last() != null && request.events().last() > MAX_EVENTS) {
            throw new IllegalArgumentException("a dry run takes at most " + MAX_EVENTS + " events; last asks for "
                    + request.events().last());
        }
        CompiledRules running = engine.running();
        RuleFiles candidateFiles = running.files().with(request.files(), request.replace());
        RuleEngine.Compiled candidate = engine.compileAside(candidateFiles,
                "candidate-" + candidateFiles.fingerprint().substring(0, 8));
        if (candidate.rules() == null) {
            throw new CandidateRefused(candidate.messages());
        }
        return new Prepared(request, running, candidate);
    }

    /** A dry run whose candidate compiled, ready to decide the events. */
    public final class Prepared {
        private final Request request;
        private final CompiledRules running;
        private final RuleEngine.Compiled compiled;

        private Prepared(Request request, CompiledRules running, RuleEngine.Compiled compiled) {
            this.request = request;
            this.running = running;
            this.compiled = compiled;
        }

        /** Runs it and answers the difference at once: no one follows its progress. */
        public Map<String, Object> run() {
            return run(null);
        }

        /** Runs it, reporting to {@code progress} (a job followed while it runs) how far it got of how many. */
        public Map<String, Object> run(Progress progress) {
            CompiledRules candidate = compiled.rules();
            if (progress != null) {
                progress.selected().set((int) Math.min(MAX_EVENTS, events.count(request.events())));
            }
            Map<String, Map<String, Integer>> destinations = new TreeMap<>();
            List<Map<String, Object>> changes = new ArrayList<>();
            int[] counts = new int[4]; // selected, changed, skipped (sender-chosen), unreadable
            Long continueAfter = events.forEachSelected(request.events(), MAX_EVENTS, stored -> {
                counts[0]++;
                if (progress != null) {
                    progress.done().incrementAndGet();
                }
                if (Decision.isSenderChosen(stored.rulesVersion())) {
                    counts[2]++; // its sender named its destination: no rules decide it, now or then
                    return;
                }
                PlatformEvent event;
                try {
                    event = json.convertValue(stored.data(), PlatformEvent.class);
                } catch (IllegalArgumentException unreadable) {
                    counts[3]++;
                    return;
                }
                Decision before = running.decide(event);
                Decision after = candidate.decide(event);
                if (!sameChoice(before, after)) {
                    count(before, after, destinations);
                    if (counts[1] >= request.offset() && changes.size() < request.limit()) {
                        changes.add(change(stored, before, after));
                    }
                    counts[1]++;
                }
            });
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("selected", counts[0]);
            out.put("changed", counts[1]);
            out.put("skipped", counts[2]);
            out.put("unreadable", counts[3]);
            out.put("continueAfter", continueAfter);
            out.put("runningVersion", running.version());
            out.put("candidateVersion", candidate.version());
            out.put("candidateRules", candidate.ruleNames().size());
            List<RuleMessage> warnings = new ArrayList<>(engine.unknownDestinations(candidate));
            compiled.messages().stream().filter(m -> !m.level().equals("ERROR")).forEach(warnings::add);
            out.put("warnings", warnings);
            // a failing scenario would refuse these rules in the folder: said here, before anyone saves them there
            out.put("scenarios", Map.of("passed", compiled.scenariosPassed(), "failed", compiled.scenarioFailures()));
            out.put("destinations", destinations);
            out.put("changes", changes);
            out.put("page", Map.of("offset", request.offset(), "limit", request.limit(),
                    "more", counts[1] > request.offset() + changes.size()));
            return out;
        }
    }

    /** Same destinations and actions, and neither failed differently. */
    private static boolean sameChoice(Decision before, Decision after) {
        return choices(before).equals(choices(after)) && before.isFailed() == after.isFailed();
    }

    private static Set<String> choices(Decision d) {
        return d.dispatches().stream().map(c -> c.destination() + " " + c.action()).collect(Collectors.toSet());
    }

    /** Per destination: events that would gain it (added), lose it (dropped), or keep it with other actions. */
    private static void count(Decision before, Decision after, Map<String, Map<String, Integer>> destinations) {
        Map<String, List<Decision.ChosenDispatch>> was = before.byDestination();
        Map<String, List<Decision.ChosenDispatch>> now = after.byDestination();
        Set<String> all = new java.util.TreeSet<>(was.keySet());
        all.addAll(now.keySet());
        for (String d : all) {
            String what = !was.containsKey(d) ? "added" : !now.containsKey(d) ? "dropped"
                    : !actions(was.get(d)).equals(actions(now.get(d))) ? "actionsChanged" : null;
            if (what != null) {
                destinations.computeIfAbsent(d, k -> new LinkedHashMap<>(Map.of("added", 0, "dropped", 0,
                        "actionsChanged", 0))).merge(what, 1, Integer::sum);
            }
        }
    }

    private static Set<String> actions(List<Decision.ChosenDispatch> chosen) {
        return chosen.stream().map(Decision.ChosenDispatch::action).collect(Collectors.toSet());
    }

    private static Map<String, Object> change(StoredEvent stored, Decision before, Decision after) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", stored.id());
        out.put("type", stored.type());
        out.put("receivedAt", stored.receivedAt());
        out.put("before", before.dispatches());
        out.put("after", after.dispatches());
        out.put("explanation", Map.of("before", before.explained(), "after", after.explained()));
        return out;
    }

}
