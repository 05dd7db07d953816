package dev.umhub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** JSON columns: written and read with the application's ObjectMapper, failures as unchecked errors. */
@Component
public class Json {

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
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

    public <T> T read(String column, Class<T> type) {
        try {
            return mapper.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON column as " + type.getSimpleName(), e);
        }
    }
}
