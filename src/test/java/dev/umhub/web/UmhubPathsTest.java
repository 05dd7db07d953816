package dev.umhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** umhub's zones are told on the path handler mappings match, whatever servlet path or spelling a request uses. */
class UmhubPathsTest {

    private final IntakePaths intake = path -> path.startsWith("/webhooks/um/")
            ? Optional.of(new IntakePaths.Intake(true)) : Optional.empty();
    private final UmhubPaths embedded = new UmhubPaths(intake, "/api", false);

    private static MockHttpServletRequest request(String servletPath, String pathInfo) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", servletPath + (pathInfo == null ? "" : pathInfo));
        r.setServletPath(servletPath);
        r.setPathInfo(pathInfo);
        return r;
    }

    @Test
    void underAHostsServletPathTheAdminApiIsStillUmhubs() {
        // spring.mvc.servlet.path=/app: the controllers answer /app/api/events, so the front door must guard it
        assertThat(embedded.zone(request("/app", "/api/events"))).isEqualTo(Zone.ADMIN);
        assertThat(embedded.zone(request("/app", "/webhooks/um/payment_received"))).isEqualTo(Zone.INTAKE);
        assertThat(embedded.zone(request("/app", "/shop"))).isEqualTo(Zone.NONE);
    }

    @Test
    void atTheDefaultMappingEncodedAndParameterSpellingsAreTheSamePath() {
        MockHttpServletRequest encoded = request("/api/events", null);
        encoded.setRequestURI("/%61pi/events");
        assertThat(embedded.zone(encoded)).isEqualTo(Zone.ADMIN);
        MockHttpServletRequest parameter = request("/api/events", null);
        parameter.setRequestURI("/api;x=1/events");
        assertThat(embedded.zone(parameter)).isEqualTo(Zone.ADMIN);
        assertThat(embedded.zone(request("/apis", null))).isEqualTo(Zone.NONE);
    }

    @Test
    void theConsoleIsItsOwnZoneWhenServedAndTheHostsPathOtherwise() {
        UmhubPaths withConsole = new UmhubPaths(intake, "/api", "/console", false);
        assertThat(withConsole.zone(request("/console", null))).isEqualTo(Zone.CONSOLE);
        assertThat(withConsole.zone(request("/app", "/console/events/42"))).isEqualTo(Zone.CONSOLE);
        assertThat(withConsole.zone(request("/consoles", null))).isEqualTo(Zone.NONE);
        assertThat(withConsole.zone(request("/api/events", null))).isEqualTo(Zone.ADMIN);
        assertThat(embedded.zone(request("/console", null))).isEqualTo(Zone.NONE);
    }

    @Test
    void healthIsToldOnTheSamePath() {
        assertThat(embedded.isHealth(request("/actuator/health", null))).isTrue();
        assertThat(embedded.isHealth(request("/app", "/actuator/health/liveness"))).isTrue();
        assertThat(embedded.isHealth(request("/actuator/healthy", null))).isFalse();
    }

    @Test
    void withoutATokenOnlyLoopbackNamesAreUmhubsHost() {
        assertThat(LoopbackHostOnly.isLoopbackName("localhost")).isTrue();
        assertThat(LoopbackHostOnly.isLoopbackName("127.0.0.1")).isTrue();
        assertThat(LoopbackHostOnly.isLoopbackName("127.1.2.3")).isTrue();
        assertThat(LoopbackHostOnly.isLoopbackName("[::1]")).isTrue();
        assertThat(LoopbackHostOnly.isLoopbackName("evil.example")).isFalse();
        assertThat(LoopbackHostOnly.isLoopbackName("localhost.evil.example")).isFalse();
        assertThat(LoopbackHostOnly.isLoopbackName("127.0.0.1.nip.io")).isFalse();
    }

    @Test
    void aClientsSlotsAreCountedExactly() throws Exception {
        ClientSlots slots = new ClientSlots(2);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (slots.tryTake("a")) {
                        slots.release("a");
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        // nothing leaked: both slots are free again
        assertThat(slots.tryTake("a")).isTrue();
        assertThat(slots.tryTake("a")).isTrue();
        assertThat(slots.tryTake("a")).isFalse();
    }
}
