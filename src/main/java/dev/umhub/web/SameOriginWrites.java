package dev.umhub.web;

import dev.umhub.support.BearerToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery protection for admin writes. A browser on another site can send a POST with no body,
 * a form body or {@code text/plain} without asking first; it cannot send {@code Content-Type: application/json} or a
 * custom header without a CORS preflight, which umhub never grants. So an admin write must carry one of those, and a
 * request whose {@code Origin} (or {@code Sec-Fetch-Site}) shows another site is refused outright. A write without a
 * body that carries a bearer token passes too: {@code Authorization} is such a header (no page on another site can
 * add it, and browsers never add a bearer token by themselves), so {@code curl -X POST -H "Authorization: Bearer ..."}
 * works as operators expect.
 */
final class SameOriginWrites extends OncePerRequestFilter {

    /** A header scripts and tools may send instead of a JSON body, e.g. for a replay without a body. */
    static final String REQUEST_HEADER = "X-Umhub-Request";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final UmhubPaths paths;
    private final Problems problems;
    private final List<String> allowedOrigins;

    SameOriginWrites(UmhubPaths paths, Problems problems, List<String> allowedOrigins) {
        this.paths = paths;
        this.problems = problems;
        this.allowedOrigins = allowedOrigins.stream().map(SameOriginWrites::trim).toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod()) || paths.zone(request) == Zone.INTAKE
                || paths.zone(request) == Zone.NONE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        boolean foreign = origin != null ? !sameOrigin(request, trim(origin)) && !allowedOrigins.contains(trim(origin))
                : "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
        if (foreign) {
            problems.write(response, 403, "Cross-site request refused", "Admin writes are accepted only from umhub's"
                    + " own origin or one listed in umhub.web.allowed-origins.");
            return;
        }
        String type = request.getContentType();
        boolean json = type != null && type.toLowerCase(java.util.Locale.ROOT).matches("application/([\\w.+-]+\\+)?json(;.*)?");
        if (!json && request.getHeader(REQUEST_HEADER) == null && !(bearer(request) && noBody(request))) {
            problems.write(response, 415, "JSON required", "Admin writes need Content-Type: application/json (or the"
                    + " header " + REQUEST_HEADER + " when there is no body).");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean bearer(HttpServletRequest request) {
        return BearerToken.of(request.getHeader("Authorization")) != null;
    }

    /** No body: a form or a text/plain body still needs the JSON type, whatever token comes with it. */
    private static boolean noBody(HttpServletRequest request) {
        return request.getContentType() == null && request.getContentLengthLong() <= 0
                && request.getHeader("Transfer-Encoding") == null;
    }

    private static boolean sameOrigin(HttpServletRequest request, String origin) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        String self = scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
        return self.equalsIgnoreCase(origin);
    }

    private static String trim(String origin) {
        String o = origin.trim();
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
