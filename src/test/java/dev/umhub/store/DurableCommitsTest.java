package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class DurableCommitsTest {

    @TempDir
    Path dir;

    private String url() {
        // a long write delay, so the test never races H2's own background write
        return "jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=60000";
    }

    /** One connection kept open, as umhub's pool does: H2 writes everything when its last connection closes. */
    private JdbcTemplate open() {
        return new JdbcTemplate(new SingleConnectionDataSource(url(), "sa", "", true));
    }

    private DurableCommits durableCommits(JdbcTemplate jdbc) {
        return new DurableCommits(jdbc, true);
    }

    @Test
    void aCommitSurvivesACrashOnlyOnceItWasAwaited() {
        JdbcTemplate jdbc = open();
        jdbc.execute("CREATE TABLE t (v VARCHAR(10))");
        jdbc.execute("CHECKPOINT");
        DurableCommits durable = durableCommits(jdbc);

        jdbc.update("INSERT INTO t VALUES ('awaited')");
        durable.awaitDurable();
        jdbc.update("INSERT INTO t VALUES ('committed')"); // committed, not awaited: still in H2's memory
        jdbc.execute("SHUTDOWN IMMEDIATELY"); // closes the file without writing what is pending, like kill -9

        assertThat(open().queryForList("SELECT v FROM t", String.class)).containsExactly("awaited");
    }

    @Test
    void aFlushAskedForSoonIsWrittenWithoutTheCallerWaiting() throws Exception {
        JdbcTemplate jdbc = open();
        jdbc.execute("CREATE TABLE t (v VARCHAR(10))");
        jdbc.execute("CHECKPOINT");
        DurableCommits durable = durableCommits(jdbc);
        jdbc.update("INSERT INTO t VALUES ('soon')");
        java.nio.file.Path file = dir.resolve("store.mv.db");
        long before = java.nio.file.Files.size(file);
        durable.flushSoon(); // returns at once; the store file grows when the background write happened
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> java.nio.file.Files.size(file) != before);
        jdbc.execute("SHUTDOWN IMMEDIATELY");
        assertThat(open().queryForList("SELECT v FROM t", String.class)).containsExactly("soon");
    }

    @Test
    void concurrentCallersShareWrites() throws Exception {
        AtomicInteger checkpoints = new AtomicInteger();
        JdbcTemplate counting = new JdbcTemplate(open().getDataSource()) {
            @Override
            public void execute(String sql) {
                checkpoints.incrementAndGet();
                super.execute(sql);
            }
        };
        counting.execute("CREATE TABLE t (v INT)");
        DurableCommits durable = durableCommits(counting);
        int callers = 32;
        checkpoints.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int v = i;
            done.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < 20; n++) {
                    counting.update("INSERT INTO t VALUES (?)", v);
                    durable.awaitDurable();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(counting.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(callers * 20);
        assertThat(checkpoints.get()).isLessThan(callers * 20);
    }

    @Test
    void doesNothingForStoresThatAreDurableOnTheirOwn() {
        AtomicInteger statements = new AtomicInteger();
        JdbcTemplate never = new JdbcTemplate() {
            @Override
            public void execute(String sql) {
                statements.incrementAndGet();
            }
        };
        DurableCommits durable = new DurableCommits(never, false);
        durable.checkRights();
        durable.awaitDurable();
        assertThat(statements).hasValue(0);
    }
}
