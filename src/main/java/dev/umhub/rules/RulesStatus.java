package dev.umhub.rules;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/rules} shows: the rules that run now, and the result of the last attempt to load the folder.
 *
 * @param version      version of the running rules ({@code <n>-<hash>}); "none" before any rules loaded
 * @param files        the files the running rules came from
 * @param rules        names of the running rules
 * @param lastAttempt  the last compile of the folder; rejected when it had errors (the previous rules kept running)
 * @param unknownDestinations warnings for running rules that send to a destination that does not exist now
 */
public record RulesStatus(String directory, String version, Instant loadedAt, List<RuleFile> files, List<String> rules,
                          LoadAttempt lastAttempt, List<RuleMessage> unknownDestinations) {

    /** One DRL file: name, size and content hash. */
    public record RuleFile(String name, long bytes, String sha256) {
    }

    /**
     * One compile of the folder.
     *
     * @param scenariosPassed scenario tests ({@code tests/*.yaml}) that passed; a failing one refuses the attempt and is
     *                        among the messages with its file and line
     */
    public record LoadAttempt(Instant at, boolean accepted, List<RuleFile> files, List<RuleMessage> messages,
                              int scenariosPassed) {
    }
}
