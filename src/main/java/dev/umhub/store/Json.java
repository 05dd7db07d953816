package dev.umhub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * umhub's JSON: stored columns, admin answers and provider bodies are written with umhub's own mapper, never the
 * host application's, so a host's Jackson settings (naming strategy, date format) cannot change what umhub stores or
 * sends. Decimals are written plain (29.00, never 2.9E+1), instants as ISO-8601 text.
 */
public class Json {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModules(new Jdk8Module(), new JavaTimeModule(), new ParameterNamesModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** The mapper itself, for code that builds or reads JSON trees. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column", e);
        }
    }

    public JsonNode read(String column) {
        if (column == null) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(column);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(column);
        }
    }

    /** A JSON text read as a tree; an empty object when it is missing or not JSON (a body not of umhub's making). */
    public static JsonNode readOrEmpty(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text == null ? "{}" : text);
        } catch (Exception unreadable) {
            return mapper.createObjectNode();
        }
    }

    public <T> T read(String column, Class<T> type) {
        try {
            return mapper.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON column as " + type.getSimpleName(), e);
        }
    }
}
