package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A fake Segment {@code POST /v1/batch} (shared/reference/providers.md, section 8): the write key as Basic auth user
 * with an empty password, or {@code writeKey} in the body, else 401; a batch over 500 KB or a message over 32 KB is
 * 400; more than 2,500 messages is 200 with all of them dropped, as Segment does. Otherwise 200 {@code success}, and
 * messages without {@code userId} or {@code anonymousId}, without {@code type}, or a track without {@code event} are
 * dropped silently; a repeated {@code messageId} is kept once.
 */
public final class SegmentFake extends JsonApiFake {

    private final String writeKey;
    private final Set<String> messageIds = new HashSet<>();

    public SegmentFake(String writeKey) {
        this.writeKey = writeKey;
    }

    @Override
    protected java.util.Set<String> paths() {
        return java.util.Set.of("/v1/batch");
    }

    @Override
    protected synchronized Reply answer(Request r, JsonNode body) {
        String[] auth = basicAuth(r);
        boolean byHeader = auth != null && auth[0].equals(writeKey) && auth[1].isEmpty();
        if (!byHeader && !writeKey.equals(body.path("writeKey").asText(null))) {
            return json(401, "{\"success\":false,\"message\":\"invalid write key\"}");
        }
        if (bytes(r) > 500_000) {
            return json(400, "{\"success\":false,\"message\":\"batch exceeds 500KB\"}");
        }
        JsonNode batch = body.path("batch");
        for (JsonNode m : batch) {
            if (m.toString().getBytes(StandardCharsets.UTF_8).length > 32_000) {
                return json(400, "{\"success\":false,\"message\":\"message exceeds 32KB\"}");
            }
        }
        counted(batch.size());
        if (batch.size() <= 2500) {
            for (JsonNode m : batch) {
                boolean hasUser = !m.path("userId").asText("").isBlank() || !m.path("anonymousId").asText("").isBlank();
                boolean complete = m.hasNonNull("type") && (!"track".equals(m.path("type").asText())
                        || !m.path("event").asText("").isBlank());
                if (hasUser && complete && messageIds.add(m.path("messageId").asText(m.toString()))) {
                    keep(m);
                }
            }
        }
        return json(200, "{\"success\":true}");
    }
}
