package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Request bodies as the fakes read them: JSON, or an empty object for anything that is not. */
final class FakeBodies {

    static final ObjectMapper JSON = new ObjectMapper();

    private FakeBodies() {
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
