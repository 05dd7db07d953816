package dev.umhub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.umhub.pipeline.KeyedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content-derived keys for sources that send no event id. The key hashes the normalised content (ids, statuses,
 * amounts, dates, names) rather than the raw bytes, so "2" and 2, or "29.0000" and 29, give the same key, while
 * the avatar HTML and other dropped noise do not count.
 */
public final class IdempotencyKeys {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .configure(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN, true)
            .build();

    private IdempotencyKeys() {
    }

    /** A hex SHA-256 over the source, the source's event name and the canonical JSON of the content. */
    public static String of(String source, String origin, Object content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((source + "\n" + origin + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(CANONICAL.writeValueAsBytes(content));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash event content", e);
        }
    }

    /** The event id that belongs to a key ({@link KeyedEvent#idOf}). */
    public static String eventId(String key) {
        return KeyedEvent.idOf(key);
    }
}
