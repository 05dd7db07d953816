package dev.umhub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Turns a raw body into a JSON object or a precise 4xx. The body is read as JSON whatever Content-Type said,
 * because the platform always sends JSON and some proxies rewrite the header.
 */
public final class JsonBodyReader {

    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodyReader(ObjectMapper mapper, int maxBytes) {
        // stricter limits than Jackson's defaults: a webhook body has no reason to nest deep or carry huge numbers
        // decimals as BigDecimal: money stays exact, and 1e999999999 stays a checkable number instead of Infinity
        this.mapper = mapper.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(64).maxStringLength(maxBytes).build());
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    public ObjectNode read(byte[] body) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new IngestRejectedException(400, "Empty body", "The request body is empty; a JSON object is expected.");
        }
        if (body.length > maxBytes) {
            throw tooLarge(body.length);
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IngestRejectedException(400, "Invalid JSON", "The body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""));
        } catch (java.io.IOException e) {
            throw new IngestRejectedException(400, "Invalid JSON", "The body could not be read as JSON.");
        }
        if (node == null || !node.isObject()) {
            String kind = node == null ? "nothing" : node.getNodeType().name().toLowerCase();
            throw new IngestRejectedException(400, "Not a JSON object", "The body must be a JSON object, got " + kind + ".");
        }
        return (ObjectNode) node;
    }

    public IngestRejectedException tooLarge(long size) {
        return new IngestRejectedException(413, "Body too large",
                "The body has " + size + " bytes; at most " + maxBytes + " bytes are accepted.");
    }
}
