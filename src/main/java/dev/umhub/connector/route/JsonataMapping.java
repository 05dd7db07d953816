package dev.umhub.connector.route;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Timebox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.camel.routes.RouteFileException;
import dev.umhub.connector.UnmappableEventException;

/**
 * A destination's request body written in JSONata (https://jsonata.org): an expression over umhub's canonical event
 * document whose result is the body sent, e.g. {@code {"text": "New customer " & data.customer.name}}. Compiled
 * once, when its file is loaded; a mapping that fails for one event makes that delivery an {@code unmappable} dead
 * letter and nothing else.
 */
public final class JsonataMapping {

    /** A mapping that loops or recurses deeply is stopped rather than holding a delivery lane. */
    private static final long TIMEOUT_MS = 1_000;
    private static final int MAX_DEPTH = 200;

    private final Jsonata expression;
    private final String source;

    private JsonataMapping(Jsonata expression, String source) {
        this.expression = expression;
        this.source = source;
    }

    /**
     * @param file where the text comes from, for the error (a file name or a property name)
     * @throws RouteFileException with the line of the error when the text is not a JSONata expression
     */
    public static JsonataMapping compile(String file, String text) throws RouteFileException {
        try {
            return new JsonataMapping(Jsonata.jsonata(text), file);
        } catch (JException e) {
            throw new RouteFileException(file, "the mapping does not compile: " + e.getMessage(),
                    lineOf(text, e.getLocation()), e);
        } catch (RuntimeException e) {
            throw new RouteFileException(file, "the mapping does not compile: " + e.getMessage(), 0, e);
        }
    }

    /** The body for one event: the mapping's result as JSON. */
    public JsonNode apply(ObjectMapper json, JsonNode document) {
        Object input = json.convertValue(document, Object.class);
        Object result;
        try {
            Jsonata.Frame frame = expression.createFrame();
            new Timebox(frame, TIMEOUT_MS, MAX_DEPTH);
            result = expression.evaluate(input, frame);
        } catch (RuntimeException e) {
            throw new UnmappableEventException("the mapping " + source + " failed for this event: " + e.getMessage());
        }
        if (result == null || result == Jsonata.NULL_VALUE) {
            throw new UnmappableEventException("the mapping " + source + " gave nothing for this event");
        }
        return json.valueToTree(result);
    }

    public String source() {
        return source;
    }

    /** 1-based line of a character position in the text. */
    static int lineOf(String text, int position) {
        if (position < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
