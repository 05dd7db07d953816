package dev.umhub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * umhub's store: its own connection pool, schema and transactions. Deliberately not a {@code DataSource},
 * {@code JdbcTemplate} or transaction manager bean, so that embedded in a host application it neither replaces nor
 * shadows the host's own (Spring Boot backs its auto-configured ones off when such a bean exists) and the host's
 * {@code @Transactional} never runs on umhub's database.
 */
public final class Store implements AutoCloseable {

    /** umhub's migrations live in their own folder, so a host's Flyway (classpath:db/migration) never finds them. */
    static final String MIGRATIONS = "classpath:dev/umhub/store/migration";
    static final String HISTORY_TABLE = "umhub_schema_history";

    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSourceTransactionManager transactions;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final boolean h2File;
    private final boolean postgres;
    private final boolean embeddedH2File;

    private Store(HikariDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.transactions = new DataSourceTransactionManager(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.savepoint = nested();
        this.h2File = StoreConfiguration.isH2File(url);
        this.postgres = url.startsWith("jdbc:postgresql:");
        this.embeddedH2File = h2File && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }

    /** Opens the pool and brings the schema up to date (umhub's own Flyway history table). */
    public static Store open(StoreProperties p) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("umhub-store");
        config.setJdbcUrl(StoreConfiguration.h2Defaults(p.getUrl()));
        config.setUsername(p.getUsername());
        config.setPassword(p.getPassword());
        config.setMaximumPoolSize(Math.max(2, p.getPoolSize()));
        config.setConnectionTimeout(Math.max(250, p.getConnectionTimeout().toMillis()));
        // no connection is opened here; migrating below needs one, so the store must be reachable at start (a
        // store lost later costs requests a 503 each until it is back, not a restart)
        config.setInitializationFailTimeout(-1);
        if (!p.getSchema().isEmpty()) {
            config.setSchema(p.getSchema());
        }
        if (p.getUrl().startsWith("jdbc:postgresql:")) {
            // a JDBC batch of inserts goes to the server as multi-row INSERTs instead of one execution per row: the
            // batches of events, outbox rows, attempts and intake rows cost the server a fraction (the URL may say
            // otherwise: its parameters win)
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            var flyway = Flyway.configure().dataSource(ds).locations(MIGRATIONS).table(HISTORY_TABLE);
            if (!p.getSchema().isEmpty()) {
                flyway.schemas(p.getSchema()).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Store(ds, p.getUrl());
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public JdbcTemplate template() {
        return template;
    }

    /** A transaction that joins the caller's umhub transaction, or starts one. */
    public TransactionTemplate tx() {
        return tx;
    }

    /** A savepoint inside the caller's transaction (a transaction of its own when there is none). */
    public TransactionTemplate nested() {
        TransactionTemplate nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return nested;
    }

    /**
     * Inserts a row unless its key is taken (by a row another transaction inserted first), without aborting the
     * caller's transaction, as a failed statement would on PostgreSQL. There it is one {@code INSERT ... ON CONFLICT DO
     * NOTHING} (a savepoint would cost two more round trips per insert); elsewhere the insert in a savepoint (in
     * process: no round trip). Any other failure is thrown.
     *
     * @param sql a plain {@code INSERT ... VALUES (...)}
     * @return false when the key was taken and nothing was inserted
     */
    public boolean insertUnlessTaken(String sql, Object... params) {
        if (postgres) {
            return jdbc.sql(sql + " ON CONFLICT DO NOTHING").params(params).update() == 1;
        }
        try {
            savepoint.executeWithoutResult(s -> jdbc.sql(sql).params(params).update());
            return true;
        } catch (org.springframework.dao.DuplicateKeyException taken) {
            return false;
        }
    }

    /** True for the embedded H2 file store, which needs an explicit write for durability ({@link DurableCommits}). */
    public boolean isH2File() {
        return h2File;
    }

    /** True for an H2 file this process opens itself (not through an H2 server): its files are on this machine. */
    public boolean isEmbeddedH2File() {
        return embeddedH2File;
    }

    /**
     * True for PostgreSQL, where several instances share the store: rows one instance claims are skipped by the others
     * ({@code FOR UPDATE SKIP LOCKED}) instead of being waited for.
     */
    public boolean isPostgres() {
        return postgres;
    }

    /** Whether the store answers at all (a query on a connection of its own). */
    public boolean reachable() {
        try {
            template.queryForObject("SELECT 1", Integer.class);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** For health checks and tests; umhub's code goes through {@link #jdbc()} and {@link #tx()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
