package dev.umhub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Without an admin token umhub listens on loopback only, which keeps other machines out but not a browser on this
 * one: a page whose name an attacker re-points to 127.0.0.1 (DNS rebinding) would be "same origin" with umhub and could
 * read events and send replays. Such a page's requests carry the attacker's name in {@code Host}, so a token-less
 * umhub answers only requests addressed to a loopback name. Source paths are exempt (they check their own token), as
 * are health probes.
 */
final class LoopbackHostOnly extends OncePerRequestFilter {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final UmhubPaths paths;
    private final Problems problems;

    LoopbackHostOnly(UmhubPaths paths, Problems problems) {
        this.paths = paths;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return paths.zone(request) == Zone.INTAKE || paths.isHealth(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isLoopbackName(request.getServerName())) {
            problems.write(response, 403, "Host not allowed", "Without umhub.admin.token, umhub answers only requests"
                    + " addressed to localhost, 127.0.0.1 or [::1]; set a token to reach it by another name.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static final java.util.regex.Pattern LOOPBACK_V4 = java.util.regex.Pattern.compile("127(\\.\\d{1,3}){3}");

    static boolean isLoopbackName(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return LOOPBACK.contains(h) || LOOPBACK_V4.matcher(h).matches();
    }
}
