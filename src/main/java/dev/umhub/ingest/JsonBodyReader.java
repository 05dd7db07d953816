package dev.umhub.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a raw body into a JSON object or a precise 4xx, in umhub's own words (never a parser's internals). The body
 * is read as JSON whatever Content-Type said, because the platform always sends JSON and some proxies rewrite the
 * header. It must be strict UTF-8, as RFC 8259 requires: overlong forms and encoded surrogates are refused rather
 * than decoded (a lenient decoder turns {@code C0 AF} into '/'), and the body is decoded before it is parsed, so the
 * parser cannot guess another encoding (UTF-16 without a byte order mark) on its own. A UTF-8 byte order mark is
 * ignored, as the RFC allows. A top-level number written with an exponent keeps its text (see
 * {@link #keepExponentsAsWritten}).
 */
public final class JsonBodyReader {

    private static final int MAX_NESTING = 64;
    private static final int MAX_NUMBER_DIGITS = 64;
    private static final Pattern DIGIT_THEN_E = Pattern.compile("[0-9][eE]");

    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodyReader(ObjectMapper mapper, int maxBytes) {
        // stricter limits than Jackson's defaults: a webhook body has no reason to nest deep or carry huge numbers;
        // decimals as BigDecimal: money stays exact, and 1e999999999 stays a checkable number instead of Infinity
        this.mapper = mapper.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // decimals exactly as written: 290.0 stays 290.0 (not 2.9E+2), so an exponent in the text stays visible
        this.mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxNumberLength(MAX_NUMBER_DIGITS).maxStringLength(maxBytes).build());
        this.maxBytes = maxBytes;
    }

    /** A body read: the JSON object, and the body as text exactly as sent (a byte order mark included). */
    public record Read(ObjectNode object, String text) {
    }

    public ObjectNode read(byte[] body) {
        return readWithText(body).object();
    }

    /** As {@link #read}, keeping the decoded text too, so that it need not be decoded a second time. */
    public Read readWithText(byte[] body) {
        if (body == null || body.length == 0) {
            throw bad("Empty body", "The request body is empty; a JSON object is expected.");
        }
        if (body.length > maxBytes) {
            throw tooLarge(body.length);
        }
        String sent = strictUtf8(body);
        String text = sent.startsWith("\uFEFF") ? sent.substring(1) : sent;
        if (text.isBlank()) {
            throw bad("Empty body", "The request body is empty; a JSON object is expected.");
        }
        int nul = text.indexOf('\u0000');
        if (nul >= 0) {
            throw bad("Not UTF-8 JSON", "The body holds a NUL character (character " + (nul + 1) + "): it is not UTF-8"
                    + " JSON text (UTF-16, perhaps); send it as UTF-8.");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("Invalid JSON", "The body is not valid JSON: " + explain(e));
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            String kind = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
            throw bad("Not a JSON object", "The body must be a JSON object, got " + kind + ".");
        }
        ObjectNode object = (ObjectNode) node;
        keepExponentsAsWritten(text, object);
        return new Read(object, sent);
    }

    /**
     * A top-level number written with an exponent ({@code 2.9e1}, {@code 2900e-2}) is kept as the text that was sent.
     * As a number it would be indistinguishable from 29 or 29.00, and a check that refuses exponents in money and
     * ids (a lenient reading once turned {@code 1e9} into a billion) must be able to see it. Members are flat in the
     * platform's payloads, so only the top level is looked at; the last of duplicate keys wins, as in the tree.
     */
    private void keepExponentsAsWritten(String text, ObjectNode object) {
        boolean anyDecimal = false;
        for (JsonNode value : object) {
            anyDecimal |= value.isFloatingPointNumber();
        }
        // in JSON an exponent always follows a digit: without "<digit>e" anywhere there is none to look for
        if (!anyDecimal || !DIGIT_THEN_E.matcher(text).find()) {
            return;
        }
        Map<String, String> literals = new HashMap<>();
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                String literal = parser.getText();
                boolean exponent = value == JsonToken.VALUE_NUMBER_FLOAT
                        && (literal.indexOf('e') >= 0 || literal.indexOf('E') >= 0);
                literals.put(name, exponent ? literal : null);
                parser.skipChildren();
            }
        } catch (IOException e) { // the same text was just parsed
            throw new IllegalStateException(e);
        }
        literals.forEach((name, literal) -> {
            if (literal != null) {
                object.put(name, literal);
            }
        });
    }

    private IngestRejectedException tooLarge(long size) {
        return new IngestRejectedException(413, "Body too large",
                "The body has " + size + " bytes; at most " + maxBytes + " bytes are accepted.");
    }

    /** Decodes strictly, or says at which byte the body stops being UTF-8. */
    static String strictUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw bad("Invalid UTF-8", "The body is not valid UTF-8 at byte " + (in.position() + 1)
                    + " (an invalid, overlong or surrogate sequence); send it as UTF-8.");
        }
        return out.flip().toString();
    }

    /** What is wrong with the JSON, and where, without the parser's internal names. */
    private static String explain(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            String m = String.valueOf(e.getOriginalMessage());
            return m.contains("nesting") ? "it is nested deeper than " + MAX_NESTING + " levels."
                    : m.contains("Number") ? "a number has more than " + MAX_NUMBER_DIGITS + " digits."
                    : "a value is longer than the body limit.";
        }
        String where = where(e.getLocation());
        if (e instanceof JsonEOFException) {
            return "it ends before the JSON value does" + where + ".";
        }
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return "there is more after the JSON value" + where + ".";
        }
        return "unexpected text" + where + ".";
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static IngestRejectedException bad(String title, String detail) {
        return new IngestRejectedException(400, title, detail);
    }
}
