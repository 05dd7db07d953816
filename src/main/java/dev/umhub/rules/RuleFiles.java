package dev.umhub.rules;

import dev.umhub.support.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one rules version by their path in the rules folder ({@code integrations.drl}, {@code plans.csv},
 * {@code tests/paid-only.yaml}): DRL, decision tables ({@code .csv}, {@code .xlsx}) and scenario tests. The folder is
 * the truth; a candidate of a dry run or a version from the history is the same shape.
 */
public final class RuleFiles {

    /** The scenario tests live here, under the rules folder. */
    static final String TESTS = "tests/";

    private final Map<String, byte[]> files;
    private volatile List<RulesStatus.RuleFile> described;

    public RuleFiles(Map<String, byte[]> files) {
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** Files given as text (DRL, CSV tables, scenarios), as the dry run's body and tests give them. */
    public static RuleFiles ofTexts(Map<String, String> texts) {
        Map<String, byte[]> out = new TreeMap<>();
        texts.forEach((name, text) -> out.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return new RuleFiles(out);
    }

    /** Reads the rule files of a folder (nothing when it does not exist). */
    public static RuleFiles read(Path directory) {
        Map<String, byte[]> found = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return new RuleFiles(found);
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String name = directory.relativize(p).toString().replace('\\', '/');
                if (isRuleFile(name)) {
                    found.put(name, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + directory, e);
        }
        return new RuleFiles(found);
    }

    /**
     * Whether a file belongs to the rules: DRL, a decision table, a scenario test under {@code tests/}, or a payload
     * the scenarios name ({@code tests/fixtures/*.json}).
     */
    public static boolean isRuleFile(String name) {
        return isDrl(name) || isDecisionTable(name) || isScenario(name) || isFixture(name);
    }

    static boolean isFixture(String name) {
        return name.startsWith(TESTS) && name.endsWith(".json");
    }

    static boolean isDrl(String name) {
        return name.endsWith(".drl") && !name.startsWith(TESTS);
    }

    static boolean isDecisionTable(String name) {
        return (name.endsWith(".csv") || name.endsWith(".xlsx")) && !name.startsWith(TESTS);
    }

    static boolean isScenario(String name) {
        return name.startsWith(TESTS) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    public Map<String, byte[]> all() {
        return files;
    }

    /** The DRL files' text by name. */
    public Map<String, String> drl() {
        return texts(RuleFiles::isDrl);
    }

    /** The decision tables' bytes by name. */
    public Map<String, byte[]> decisionTables() {
        Map<String, byte[]> out = new TreeMap<>();
        files.forEach((name, bytes) -> {
            if (isDecisionTable(name)) {
                out.put(name, bytes);
            }
        });
        return out;
    }

    /** The scenario tests' text by name. */
    public Map<String, String> scenarios() {
        return texts(RuleFiles::isScenario);
    }

    private Map<String, String> texts(java.util.function.Predicate<String> which) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((name, bytes) -> {
            if (which.test(name)) {
                out.put(name, new String(bytes, StandardCharsets.UTF_8));
            }
        });
        return out;
    }

    /**
     * These files with {@code changes} applied: added or replacing files of the same name, or, with {@code replace},
     * the changes alone.
     */
    public RuleFiles with(Map<String, byte[]> changes, boolean replace) {
        Map<String, byte[]> out = new TreeMap<>(replace ? Map.of() : files);
        out.putAll(changes);
        return new RuleFiles(out);
    }

    /**
     * Name, size and content hash of each file, as the status and the history show them. Worked out once: the files
     * never change, and the folder watcher asks for the fingerprint at every look.
     */
    public List<RulesStatus.RuleFile> described() {
        List<RulesStatus.RuleFile> d = described;
        if (d == null) {
            List<RulesStatus.RuleFile> out = new ArrayList<>();
            files.forEach((name, bytes) -> out.add(new RulesStatus.RuleFile(name, bytes.length, Sha256.hex(bytes))));
            described = d = List.copyOf(out);
        }
        return d;
    }

    /** One hash over every file's name and content: equal files, equal fingerprint. */
    public String fingerprint() {
        return Sha256.hex(described().toString());
    }
}
