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

    @Test
    void anObjectIsRead() {
        assertThat(reader.read("{\"payment_id\": \"2\"}".getBytes(StandardCharsets.UTF_8)).path("payment_id").asText())
                .isEqualTo("2");
    }
}
