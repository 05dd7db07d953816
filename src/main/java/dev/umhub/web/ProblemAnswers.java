package dev.umhub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** The front door's refusals as problem+json: a request the firewall rejects, a missing or wrong token, a denial. */
final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final Problems problems;

    ProblemAnswers(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"umhub\"");
        problems.write(response, 401, "Unauthorized", "This path needs Authorization: Bearer <umhub.admin.token>.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        problems.write(response, 403, "Forbidden", "This request is not allowed.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        // the firewall's own message names the rule, not the secret-bearing URL; still, say it in our words
        response.setHeader("Connection", "close");
        problems.write(response, 400, "Request refused", "The request path or headers are not in a form umhub accepts"
                + " (encoded slashes, dots or percents, ';' parameters, backslashes, or a path that is not normalised).");
    }
}
