package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.umhub.rules.RuleFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules history on a real (H2 file) store: one row per content, named by id, fingerprint or version name. */
class RulesVersionStoreTest {

    @TempDir
    Path dir;

    private Store store;
    private RulesVersionStore versions;

    @BeforeEach
    void open() {
        store = TestStores.h2File(dir);
        versions = new RulesVersionStore(store, new Json());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static RulesVersionStore.Loaded loaded(String counter, RuleFiles files, Instant at) {
        String fingerprint = files.fingerprint();
        return new RulesVersionStore.Loaded(counter + "-" + fingerprint.substring(0, 8), fingerprint, files.all(), 2,
                at);
    }

    @Test
    void aVersionThatRunsAgainKeepsItsRowIdAndFirstNameAndOnlyItsLastLoadMoves() {
        RuleFiles a = new RuleFiles(Map.of("integrations.drl", "rule a".getBytes(), "plans.xlsx", new byte[] {0, 1, 2}));
        RuleFiles b = RuleFiles.ofTexts(Map.of("integrations.drl", "rule b", "tests/b.yaml", "x: 1"));
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        versions.remember(loaded("1", a, t0));
        versions.remember(loaded("2", b, t0.plusSeconds(60)));
        versions.remember(loaded("1", a, t0.plusSeconds(120))); // after a restart, or a rollback

        var list = versions.list(10);
        assertThat(list).extracting(RulesVersionStore.Summary::fingerprint).containsExactly(b.fingerprint(), a.fingerprint());
        RulesVersionStore.Summary first = list.get(1);
        assertThat(first.id()).isLessThan(list.get(0).id());
        assertThat(first.version()).isEqualTo("1-" + a.fingerprint().substring(0, 8));
        assertThat(first.ruleCount()).isEqualTo(2);
        assertThat(first.firstLoadedAt()).isEqualTo(t0);
        assertThat(first.lastLoadedAt()).isEqualTo(t0.plusSeconds(120));
        assertThat(first.files()).extracting(RulesVersionStore.File::name, RulesVersionStore.File::sha256)
                .containsExactlyElementsOf(a.described().stream()
                        .map(f -> org.assertj.core.groups.Tuple.tuple(f.name(), f.sha256())).toList());
        assertThat(versions.list(1)).hasSize(1);

        RulesVersionStore.Version found = versions.find(String.valueOf(first.id())).orElseThrow();
        assertThat(new RuleFiles(found.files()).fingerprint()).isEqualTo(a.fingerprint());
        assertThat(found.files().get("plans.xlsx")).containsExactly(0, 1, 2);
        assertThat(versions.find(a.fingerprint()).orElseThrow().summary().id()).isEqualTo(first.id());
        // a version name from another process (its counter restarted) names the same files
        assertThat(versions.find("7-" + a.fingerprint().substring(0, 8)).orElseThrow().summary().id()).isEqualTo(first.id());
    }

    @Test
    void unknownKeysAreEmptyAndMalformedOnesRefused() {
        assertThat(versions.find("424242")).isEmpty();
        assertThat(versions.find("0".repeat(64))).isEmpty();
        assertThat(versions.find("3-ab12cd34")).isEmpty();
        assertThatThrownBy(() -> versions.find("latest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> versions.find("99999999999999999999999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> versions.find("1-%")).isInstanceOf(IllegalArgumentException.class);
    }
}
