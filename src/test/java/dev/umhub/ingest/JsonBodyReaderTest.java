package dev.umhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonBodyReaderTest {

    private final JsonBodyReader reader = new JsonBodyReader(new ObjectMapper(), 1024);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|400|Empty body",
        "'   '|400|Empty body",
        "'{\"a\":1,,}'|400|Invalid JSON",
        "'[1,2,3]'|400|Not a JSON object",
        "'\"text\"'|400|Not a JSON object",
        "'42'|400|Not a JSON object",
        "'null'|400|Not a JSON object",
        "'{\"a\":1} trailing'|400|Invalid JSON",
    })
    void badBodiesGetPreciseProblems(String body, int status, String title) {
        IngestRejectedException e = catchThrowableOfType(IngestRejectedException.class,
                () -> reader.read(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.title()).isEqualTo(title);
    }

    @Test
    void oversizeIs413() {
        byte[] big = ("{\"a\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(IngestRejectedException.class, () -> reader.read(big)).status()).isEqualTo(413);
    }

    @Test
    void deepNestingIsRefusedNotACrash() {
        byte[] deep = ("{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}").getBytes(StandardCharsets.UTF_8);
        JsonBodyReader roomy = new JsonBodyReader(new ObjectMapper(), 1 << 20);
        assertThat(catchThrowableOfType(IngestRejectedException.class, () -> roomy.read(deep)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // an overlong '/', an encoded surrogate, a lone continuation byte, a truncated sequence
        "7B 22 61 22 3A 22 C0 AF 22 7D|Invalid UTF-8",
        "7B 22 61 22 3A 22 ED A0 80 22 7D|Invalid UTF-8",
        "7B 22 61 22 3A 22 80 22 7D|Invalid UTF-8",
        "7B 22 61 22 3A 22 E2 82 22 7D|Invalid UTF-8",
        // {"a":1} in UTF-16LE and UTF-16BE without a byte order mark, and UTF-16 with one
        "7B 00 22 00 61 00 22 00 3A 00 31 00 7D 00|Not UTF-8 JSON",
        "00 7B 00 22 00 61 00 22 00 3A 00 31 00 7D|Not UTF-8 JSON",
        "FF FE 7B 00 22 00 61 00 22 00 3A 00 31 00 7D 00|Invalid UTF-8",
    })
    void onlyStrictUtf8IsRead(String hex, String title) {
        byte[] body = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
        IngestRejectedException e = catchThrowableOfType(IngestRejectedException.class, () -> reader.read(body));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.title()).isEqualTo(title);
    }

    @Test
    void aUtf8ByteOrderMarkIsIgnored() {
        byte[] body = java.util.HexFormat.ofDelimiter(" ").parseHex("EF BB BF 7B 22 61 22 3A 31 7D");
        assertThat(reader.read(body).path("a").asInt()).isEqualTo(1);
    }

    @Test
    void problemsNeverNameTheParsersInternals() {
        for (String body : new String[] {"{\"a\":1} x", "{\"a\":", "{\"a\":1,,}", "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}",
            "{\"a\":" + "9".repeat(100) + "}"}) {
            String detail = catchThrowableOfType(IngestRejectedException.class,
                    () -> reader.read(body.getBytes(StandardCharsets.UTF_8))).detail();
            assertThat(detail).doesNotContain("jackson").doesNotContain("Jackson").doesNotContain("FAIL_ON")
                    .doesNotContain("StreamReadConstraints").doesNotContain("JsonNode");
        }
    }

    @Test
    void anObjectIsRead() {
        assertThat(reader.read("{\"payment_id\": \"2\"}".getBytes(StandardCharsets.UTF_8)).path("payment_id").asText())
                .isEqualTo("2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2.9e1|2.9e1", "29E0|29E0", "2900e-2|2900e-2", "1e2|1e2", "-1.5E+3|-1.5E+3"})
    void aTopLevelNumberWithAnExponentKeepsItsText(String literal, String kept) {
        var body = reader.read(("{\"a\": " + literal + ", \"b\": 29.90, \"c\": {\"d\": 1e2}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(body.get("a").isTextual()).isTrue();
        assertThat(body.get("a").asText()).isEqualTo(kept);
        assertThat(body.get("b").isNumber()).isTrue();
        assertThat(body.get("b").decimalValue()).isEqualByComparingTo("29.90");
        assertThat(body.path("c").get("d").isNumber()).isTrue();
    }

    @Test
    void theLastOfDuplicateKeysDecidesWhetherAnExponentIsKept() {
        var body = reader.read("{\"a\": 1e2, \"a\": 5.5}".getBytes(StandardCharsets.UTF_8));
        assertThat(body.get("a").isNumber()).isTrue();
        body = reader.read("{\"a\": 5.5, \"a\": 1e2}".getBytes(StandardCharsets.UTF_8));
        assertThat(body.get("a").asText()).isEqualTo("1e2");
    }
}
