package dev.umhub.camel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteFileParserTest {

    private DefaultCamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void parsingAddsNothingToTheContext() throws Exception {
        ParsedRoutes parsed = RouteFileParser.parse(camel, "a.yaml", """
                - route:
                    id: a
                    from:
                      uri: direct:a
                      steps:
                        - log: hello
                """);
        assertThat(parsed.routes()).hasSize(1);
        assertThat(camel.getRoutes()).isEmpty();
    }

    @Test
    void aYamlErrorNamesItsLine() {
        RouteFileException e = catchThrowableOfType(RouteFileException.class, () -> RouteFileParser.parse(camel, "b.yaml", """
                - route:
                    id: b
                    from:
                      uri: direct:b
                      steps:
                        - log: [unclosed
                """));
        assertThat(e.line()).isGreaterThan(0);
    }
}
