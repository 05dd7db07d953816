package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The embedded H2 store's intake redo log: an acknowledged row survives a crash that H2's file did not see, a torn
 * last record is skipped, a failed write refuses exactly its acknowledgements, and a cut deletes the log once H2's
 * file holds its rows.
 */
class IntakeRedoLogTest {

    private static final Instant T0 = Instant.parse("2026-12-08T01:30:00.123456Z");

    @TempDir
    Path dir;

    private Store store;
    private IntakeRedoLog redoLog;
    /** Every segment file the log opened, in order: a test closes one to make the next write to it fail. */
    private final List<FileChannel> opened = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        if (redoLog != null) {
            redoLog.close();
        }
        store.close();
    }

    /** Opens the store and its log, recovering what an earlier run left; H2 writes only when asked (CHECKPOINT). */
    private void start() throws IOException {
        StoreProperties p = new StoreProperties();
        p.setUrl("jdbc:h2:file:" + dir.resolve("store") + ";WRITE_DELAY=600000");
        store = Store.open(p);
        IntakeStore intake = new IntakeStore(store);
        // cut only when a test says so
        redoLog = new IntakeRedoLog(store, intake, new DurableCommits(store), 3_600_000, segment -> {
            FileChannel c = FileChannel.open(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            opened.add(c);
            return c;
        });
        redoLog.recoverAndOpen();
    }

    /** Like kill -9: H2 closes its file without writing what it holds in memory, and the log is left as it is. */
    private void crash() {
        redoLog.stopCutting();
        redoLog = null;
        store.template().execute("SHUTDOWN IMMEDIATELY");
        store.close();
    }

    private static IntakeRecord row(String id, String body, String destination) {
        return IntakeRecord.append(id, "key-" + id, "ultimate-multisite", "payment_received", "payment.received", T0,
                body, destination, destination == null ? null : "track", destination == null ? null : "a-sender");
    }

    private IntakeRecord acknowledge(IntakeRecord row) {
        new IntakeStore(store).append(row);
        redoLog.append(row);
        return row;
    }

    private List<IntakeRecord> intakeRows() {
        return store.jdbc().sql("SELECT seq, id, idempotency_key, source, origin, event_type, received_at, body,"
                        + " destination, action, sender, state, attempts, error, event_id, processed_at"
                        + " FROM umhub_intake ORDER BY seq")
                .query((rs, n) -> new IntakeRecord(0, rs.getString("id"), rs.getString("idempotency_key"),
                        rs.getString("source"), rs.getString("origin"), rs.getString("event_type"),
                        rs.getObject("received_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("body"),
                        rs.getString("destination"), rs.getString("action"), rs.getString("sender"),
                        rs.getString("state"), rs.getInt("attempts"), null, null, null))
                .list();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".intake-redo.")).sorted().toList();
        }
    }

    @Test
    void anAcknowledgedRowTheStoreLostInACrashIsAppendedAgainAtStart() throws IOException {
        start();
        IntakeRecord first = acknowledge(row("1", "{\"amount\":\"€ 12,00\",\"name\":\"Zoë\"}", null));
        IntakeRecord second = acknowledge(row("2", "{\"x\":1}", "slack"));
        crash();

        start();

        assertThat(intakeRows()).containsExactly(first, second); // pending, every field as it was acknowledged
        assertThat(segments()).hasSize(1); // the log read at start is deleted; a new, empty segment takes appends
    }

    @Test
    void aRowTheStoreHeldIsNotAppendedTwice() throws IOException {
        start();
        IntakeRecord row = acknowledge(row("1", "{}", null));
        store.template().execute("CHECKPOINT"); // H2's file holds it; the log's segment is not cut yet
        crash();

        start();

        assertThat(intakeRows()).containsExactly(row);
    }

    @Test
    void aTornLastRecordWasNeverAcknowledgedAndIsSkipped() throws IOException {
        start();
        IntakeRecord kept = acknowledge(row("1", "{}", null));
        acknowledge(row("2", "{\"torn\":true}", null));
        Path segment = segments().get(0);
        crash();
        try (FileChannel f = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            f.truncate(f.size() - 3); // the crash hit the second record's write
        }

        start();

        assertThat(intakeRows()).containsExactly(kept);
    }

    @Test
    void aCutHasTheStoreWriteItsRowsAndDeletesTheSegmentsBeforeIt() throws IOException {
        start();
        IntakeRecord row = acknowledge(row("1", "{}", null));
        Path before = segments().get(0);

        redoLog.cut();

        assertThat(segments()).doesNotContain(before).hasSize(1);
        crash(); // the row is in H2's file now, not in the log
        start();
        assertThat(intakeRows()).containsExactly(row);
    }

    @Test
    void aFailedWriteRefusesItsAcknowledgementAndLaterOnesGoToANewSegment() throws IOException {
        start();
        IntakeRecord first = acknowledge(row("1", "{}", null));
        opened.get(0).close(); // the disk fails under the open segment: its next write throws

        assertThatThrownBy(() -> acknowledge(row("2", "{\"refused\":true}", null)))
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("intake redo log could not be written");
        IntakeRecord third = acknowledge(row("3", "{}", null));
        crash();

        start();

        // the first is read from the failed segment, the third from the one opened after the failure; the second
        // was never acknowledged (its sender got a 503 and sends it again) and H2 lost it
        assertThat(intakeRows()).containsExactly(first, third);
        assertThat(opened).hasSize(3); // failed segment, its successor, and the one opened after the restart
    }

    @Test
    void aCleanStopLeavesNoLog() throws IOException {
        start();
        acknowledge(row("1", "{}", null));

        redoLog.close();
        redoLog = null;

        assertThat(segments()).isEmpty();
    }
}
