package dev.umhub.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.umhub.support.Sha256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every rules version that ran, with its files, so an operator can see what ran when and roll back to one. One row
 * per content (the fingerprint): a version that runs again (after a restart, a rollback, an edit undone) keeps the
 * row, its {@code id} and the version name it first ran under, and only its last load time moves. Shared by every
 * instance of one store.
 */
@Repository
public class RulesVersionStore {

    private static final Pattern SEQ = Pattern.compile("[0-9]{1,18}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    /** As {@code GET /api/rules} shows a version: a per-process counter, '-', the fingerprint's first 8 hex digits. */
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}-([0-9a-f]{8})");
    private static final TypeReference<Map<String, String>> FILES = new TypeReference<>() {
    };
    private static final String COLUMNS = "seq, version, fingerprint, files, rule_count, first_loaded_at, last_loaded_at";

    /**
     * One version as the history lists it, without the files' bytes.
     *
     * @param id       the row's sequence number: stable across restarts and instances, the way to name a version
     * @param version  the name it first ran under ({@code <n>-<hash>}; the counter restarts with each process)
     * @param files    name, size and SHA-256 of each file
     */
    public record Summary(long id, String version, String fingerprint, int ruleCount, List<File> files,
                          Instant firstLoadedAt, Instant lastLoadedAt) {
    }

    /** A kept file: name, size and content hash. */
    public record File(String name, long bytes, String sha256) {
    }

    /**
     * One version with its files' bytes by name, to be written back to the rules folder.
     *
     * @param files file name to content
     */
    public record Version(Summary summary, Map<String, byte[]> files) {
    }

    /**
     * A version that started running.
     *
     * @param fingerprint the hash of all its files' names and contents: one row per fingerprint
     * @param files       file name to content
     */
    public record Loaded(String version, String fingerprint, Map<String, byte[]> files, int rules, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Json json;

    public RulesVersionStore(Store store, Json json) {
        this.jdbc = store.jdbc();
        this.json = json;
    }

    /** Keeps a version that started running: a new row for new content, else only its last load time moves. */
    public void remember(Loaded loaded) {
        if (touch(loaded) > 0) {
            return;
        }
        Map<String, String> files = new TreeMap<>();
        loaded.files().forEach((name, bytes) -> files.put(name, Base64.getEncoder().encodeToString(bytes)));
        try {
            jdbc.sql("INSERT INTO umhub_rules_version (fingerprint, version, files, rule_count, first_loaded_at,"
                            + " last_loaded_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(loaded.fingerprint(), loaded.version(), json.write(files), loaded.rules(),
                            Timestamps.param(loaded.at()), Timestamps.param(loaded.at())).update();
        } catch (DuplicateKeyException raced) {
            // another instance loaded the same files at the same moment: the row is there, only the time is ours
            touch(loaded);
        }
    }

    private int touch(Loaded loaded) {
        return jdbc.sql("UPDATE umhub_rules_version SET last_loaded_at = ? WHERE fingerprint = ?")
                .params(Timestamps.param(loaded.at()), loaded.fingerprint()).update();
    }

    /** The newest versions first (in the order they first ran). */
    public List<Summary> list(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_rules_version ORDER BY seq DESC LIMIT ?").param(limit)
                .query((rs, n) -> read(rs).summary()).list();
    }

    /**
     * A version by its {@code id} (the documented way: stable across restarts and instances), its fingerprint (64 hex
     * digits), or, as a convenience, the version name {@code GET /api/rules} shows ({@code 3-ab12cd34}). A version
     * name is matched by its hash part only, since its counter restarts with each process: {@code 1-ab12cd34} after a
     * restart and {@code 3-ab12cd34} before it are the same files.
     *
     * @throws IllegalArgumentException when the key is none of these, or a version name matches several versions
     */
    public Optional<Version> find(String key) {
        String k = key == null ? "" : key.strip().toLowerCase(java.util.Locale.ROOT);
        if (FINGERPRINT.matcher(k).matches()) {
            return one("fingerprint = ?", k);
        }
        if (SEQ.matcher(k).matches()) {
            return one("seq = ?", Long.parseLong(k));
        }
        var version = VERSION.matcher(k);
        if (version.matches()) {
            List<Version> found = jdbc.sql("SELECT " + COLUMNS + " FROM umhub_rules_version WHERE fingerprint LIKE ?"
                    + " ORDER BY seq LIMIT 2").param(version.group(1) + "%").query((rs, n) -> read(rs)).list();
            if (found.size() > 1) {
                throw new IllegalArgumentException("version " + key + " matches several stored versions; name it by"
                        + " its id (GET /api/rules/versions)");
            }
            return found.stream().findFirst();
        }
        throw new IllegalArgumentException("a rules version is named by its id (a number from GET /api/rules/versions),"
                + " its fingerprint or its version name such as 3-ab12cd34");
    }

    private Optional<Version> one(String where, Object param) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_rules_version WHERE " + where).param(param)
                .query((rs, n) -> read(rs)).optional();
    }

    private Version read(ResultSet rs) throws SQLException {
        Map<String, byte[]> bytes = new TreeMap<>();
        files(rs.getString("files")).forEach((name, base64) -> bytes.put(name, Base64.getDecoder().decode(base64)));
        List<File> described = new ArrayList<>();
        bytes.forEach((name, content) -> described.add(new File(name, content.length, Sha256.hex(content))));
        Summary summary = new Summary(rs.getLong("seq"), rs.getString("version"), rs.getString("fingerprint"),
                rs.getInt("rule_count"), described, Timestamps.get(rs, "first_loaded_at"),
                Timestamps.get(rs, "last_loaded_at"));
        return new Version(summary, bytes);
    }

    private Map<String, String> files(String column) {
        try {
            return json.mapper().readValue(column, FILES);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable files of a stored rules version", e);
        }
    }
}
