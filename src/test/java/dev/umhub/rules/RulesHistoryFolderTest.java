package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a kept version back to the rules folder: its rule files exactly, nothing else touched. */
class RulesHistoryFolderTest {

    @TempDir
    Path dir;

    @Test
    void theFolderGetsTheVersionsRuleFilesAndKeepsEverythingElse() throws Exception {
        Files.writeString(dir.resolve("integrations.drl"), "old");
        Files.writeString(dir.resolve("extra.drl"), "not in the version");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/old.yaml"), "not in the version");
        Files.writeString(dir.resolve("README.txt"), "notes");
        Files.writeString(dir.resolve("integrations.drl.bak"), "a backup");
        RuleFiles version = RuleFiles.ofTexts(Map.of("integrations.drl", "new", "plans.csv", "a,b",
                "tests/new.yaml", "x: 1"));

        RulesFolderWriter.write(dir, version);

        assertThat(RuleFiles.read(dir).fingerprint()).isEqualTo(version.fingerprint());
        assertThat(Files.readString(dir.resolve("README.txt"))).isEqualTo("notes");
        assertThat(Files.readString(dir.resolve("integrations.drl.bak"))).isEqualTo("a backup");
        try (var left = Files.list(dir)) { // no temporary file left behind
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aNameLeadingOutOfTheFolderIsRefused() {
        RuleFiles escaping = RuleFiles.ofTexts(Map.of("tests/../../outside.yaml", "x: 1"));
        assertThatThrownBy(() -> RulesFolderWriter.write(dir.resolve("rules"), escaping))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(dir.resolve("outside.yaml")).doesNotExist();
    }
}
