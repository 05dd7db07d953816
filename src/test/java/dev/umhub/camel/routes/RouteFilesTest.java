package dev.umhub.camel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route file edit never takes a working route away; deleting a file removes its routes; errors name the line. */
class RouteFilesTest {

    @TempDir
    Path folder;

    private DefaultCamelContext camel;
    private RouteFiles files;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("upper", (org.apache.camel.Processor) e -> e.getMessage().setBody(
                e.getMessage().getBody(String.class).toUpperCase()));
        camel.start();
        files = new RouteFiles(camel, new RouteSource.Folder(folder), List.of(), List.of(), Clock.systemUTC(), () -> { },
                changes::incrementAndGet);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private void write(String name, String text) throws Exception {
        Files.createDirectories(folder.resolve(name).getParent());
        Files.writeString(folder.resolve(name), text);
    }

    private String call(String uri) {
        try (ProducerTemplate p = camel.createProducerTemplate()) {
            return p.requestBody(uri, "x", String.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String route(String id, String step) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        %s
                """.formatted(id, id, step);
    }

    private RouteFileState state(String file) {
        return files.states().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void anEditThatDoesNotBuildKeepsThePreviousVersionRunningAndNamesTheLine() throws Exception {
        write("a.yaml", route("a", "- process: { ref: upper }"));
        files.start();
        assertThat(call("direct:a")).isEqualTo("X");

        write("a.yaml", route("a", "- process: { ref: uper }")); // a bean name typo: parses, cannot be built
        files.refresh();
        assertThat(call("direct:a")).isEqualTo("X");
        RouteFileState s = state("a.yaml");
        assertThat(s.state()).isEqualTo("stale");
        assertThat(s.error()).contains("uper");
        assertThat(s.errorLine()).isEqualTo(6);

        write("a.yaml", route("a", "- setBody: { constant: fixed }"));
        files.refresh();
        assertThat(call("direct:a")).isEqualTo("fixed");
        assertThat(state("a.yaml").state()).isEqualTo("running");
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() throws Exception {
        write("a.yaml", route("a", "- process: { ref: upper }"));
        files.start();
        write("a.yaml", route("a", "- process: { ref: [upper }"));
        files.refresh();
        assertThat(state("a.yaml").state()).isEqualTo("stale");
        assertThat(state("a.yaml").errorLine()).isGreaterThan(0);
        assertThat(call("direct:a")).isEqualTo("X");
    }

    @Test
    void aDeletedFileTakesItsRoutesWith() throws Exception {
        write("a.yaml", route("a", "- process: { ref: upper }"));
        write("sub/b.yaml", route("b", "- setBody: { constant: b }"));
        files.start();
        assertThat(camel.getRoute("b")).isNotNull();
        Files.delete(folder.resolve("sub/b.yaml"));
        int before = changes.get();
        files.refresh();
        assertThat(camel.getRoute("b")).isNull();
        assertThat(camel.getRoute("a")).isNotNull();
        assertThat(changes.get()).isGreaterThan(before);
        assertThat(files.states()).extracting(RouteFileState::file).containsExactly("a.yaml");
    }

    @Test
    void oneBrokenFileAtStartStopsNothingElse() throws Exception {
        write("a.yaml", route("a", "- process: { ref: nope }"));
        write("b.yaml", route("b", "- setBody: { constant: b }"));
        files.start();
        assertThat(state("a.yaml").state()).isEqualTo("failed");
        assertThat(call("direct:b")).isEqualTo("b");
        assertThat(files.ready()).isTrue();
    }

    @Test
    void aRouteIdTakenByAnotherFileIsRefused() throws Exception {
        write("a.yaml", route("a", "- setBody: { constant: a }"));
        write("b.yaml", route("a", "- setBody: { constant: b }"));
        files.start();
        assertThat(call("direct:a")).isEqualTo("a");
        assertThat(state("b.yaml").state()).isEqualTo("failed");
        assertThat(state("b.yaml").error()).contains("already used by a.yaml");
    }

    private static String errorsConfiguration(String processor) {
        return """
                - routeConfiguration:
                    id: errors
                    onException:
                      - onException:
                          exception:
                            - java.lang.Exception
                          handled:
                            constant: "true"
                          steps:
                            - process:
                                ref: %s
                """.formatted(processor);
    }

    @Test
    void aSharedConfigurationThatDoesNotBuildIsRefusedAndTheRunningOneKept() throws Exception {
        write("shared/errors.yaml", errorsConfiguration("upper"));
        write("a.yaml", """
                - route:
                    id: a
                    routeConfigurationId: errors
                    from:
                      uri: direct:a
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: boom
                """);
        files.start();
        assertThat(call("direct:a")).isEqualTo("X");

        write("shared/errors.yaml", errorsConfiguration("uper")); // used by no route of its file, still checked
        files.refresh();
        RouteFileState s = state("shared/errors.yaml");
        assertThat(s.state()).isEqualTo("stale");
        assertThat(s.error()).contains("uper");
        assertThat(s.errorLine()).isEqualTo(5); // the onException Camel names
        assertThat(state("a.yaml").state()).isEqualTo("running");
        assertThat(call("direct:a")).isEqualTo("X");
        assertThat(camel.getRoutes()).extracting(org.apache.camel.Route::getId).containsExactly("a");
    }
}
