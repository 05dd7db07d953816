package dev.umhub.ultimatemultisite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.umhub.ingest.IngestRejectedException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class WebhookGuardTest {

    private static WebhookGuard guard(String token, String... allowed) {
        UltimateMultisiteProperties p = new UltimateMultisiteProperties();
        p.setToken(token);
        p.setAllowedIps(List.of(allowed));
        return new WebhookGuard(p);
    }

    private static Exchange call(String remoteAddress, String token) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/ultimate-multisite/x");
        request.setRemoteAddr(remoteAddress);
        e.getIn().setHeader(Exchange.HTTP_SERVLET_REQUEST, request);
        if (token != null) {
            e.getIn().setHeader("token", token);
        }
        return e;
    }

    private static int status(WebhookGuard g, Exchange e) {
        IngestRejectedException r = catchThrowableOfType(IngestRejectedException.class, () -> g.process(e));
        return r == null ? 0 : r.status();
    }

    @Test
    void theRightTokenPassesAndIsRemoved() {
        Exchange e = call("198.51.100.7", "s3cret");
        assertThatCode(() -> guard("s3cret").process(e)).doesNotThrowAnyException();
        assertThat(e.getIn().getHeader("token")).isNull();
    }

    @Test
    void wrongMissingOrUnconfiguredTokensAre401() {
        assertThat(status(guard("s3cret"), call("198.51.100.7", "s3cre"))).isEqualTo(401);
        assertThat(status(guard("s3cret"), call("198.51.100.7", "s3cret-and-more"))).isEqualTo(401);
        assertThat(status(guard("s3cret"), call("198.51.100.7", null))).isEqualTo(401);
        assertThat(status(guard(""), call("198.51.100.7", ""))).isEqualTo(401);
    }

    @Test
    void callersOutsideTheAllowListAre403EvenWithTheToken() {
        WebhookGuard g = guard("s3cret", "203.0.113.0/24", "::1/128");
        assertThat(status(g, call("198.51.100.7", "s3cret"))).isEqualTo(403);
        assertThat(status(g, call("203.0.113.9", "s3cret"))).isZero();
        assertThat(status(g, call("::1", "s3cret"))).isZero();
        assertThat(status(g, call("203.0.113.9", "wrong"))).isEqualTo(401);
    }
}
