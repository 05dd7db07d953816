package dev.umhub.ultimatemultisite;

import dev.umhub.ingest.Cidr;
import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.support.SecretMatch;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Who may call the platform webhooks. The platform signs nothing, so the URL carries a secret token
 * ({@code ?token=}), compared in constant time, and an optional allow-list of caller addresses narrows it further.
 * The token header is removed once checked, so it goes no further than this step.
 */
@Component("ultimateMultisiteWebhookGuard")
public class WebhookGuard implements Processor {

    static final String TOKEN_PARAMETER = "token";

    private final SecretMatch token;
    private final List<Cidr> allowed;

    public WebhookGuard(UltimateMultisiteProperties p) {
        this.token = p.getToken().isEmpty() ? null : new SecretMatch(p.getToken()); // never null: bound as ""
        this.allowed = p.getAllowedIps().stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
    }

    @Override
    public void process(Exchange exchange) {
        String caller = callerAddress(exchange);
        if (!allowed.isEmpty() && (caller == null || allowed.stream().noneMatch(c -> c.contains(caller)))) {
            throw new IngestRejectedException(403, "Caller not allowed",
                    "This address may not call the webhooks (umhub.sources.ultimate-multisite.allowed-ips).");
        }
        String given = exchange.getIn().getHeader(TOKEN_PARAMETER, String.class);
        exchange.getIn().removeHeader(TOKEN_PARAMETER);
        if (token == null) {
            throw new IngestRejectedException(401, "Webhooks not enabled",
                    "No webhook token is configured (umhub.sources.ultimate-multisite.token), so every call is refused.");
        }
        if (given == null || given.isEmpty()) {
            throw new IngestRejectedException(401, "Missing token", "Add the webhook token to the URL as ?token=...");
        }
        if (!token.matches(given)) {
            throw new IngestRejectedException(401, "Wrong token", "The token in the URL is not the configured one.");
        }
    }

    private static String callerAddress(Exchange exchange) {
        HttpServletRequest request = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        return request == null ? null : request.getRemoteAddr();
    }
}
