package dev.umhub.admin;

import dev.umhub.autoconfigure.UmhubProperties;
import dev.umhub.camel.ServletProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Requires {@code Authorization: Bearer <umhub.admin.token>} on {@code /api/**} when a token is configured. */
@Component
public class AdminTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;

    public AdminTokenFilter(UmhubProperties properties) {
        String token = properties.getAdmin().getToken();
        this.expected = token == null || token.isBlank() ? null : sha256(token);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return expected == null || !(path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (given == null || !MessageDigest.isEqual(expected, sha256(given))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"umhub\"");
            ServletProblems.write(response, 401, "Unauthorized",
                    "The admin API needs Authorization: Bearer <umhub.admin.token>.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
