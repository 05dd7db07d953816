package dev.umhub.web;

import dev.umhub.support.BearerToken;
import dev.umhub.support.SecretMatch;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The admin token as Spring Security authentication: {@code Authorization: Bearer <umhub.admin.token>}, compared in
 * constant time. A request without the header stays unauthenticated (and is refused where authentication is needed);
 * one with a wrong token is refused at once.
 */
final class AdminToken implements AuthenticationConverter, AuthenticationManager {

    static final String ROLE = "ROLE_UMHUB_ADMIN";

    private final SecretMatch expected;

    AdminToken(String token) {
        this.expected = new SecretMatch(token);
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        String token = BearerToken.of(request.getHeader("Authorization"));
        return token == null ? null : UsernamePasswordAuthenticationToken.unauthenticated("admin", token);
    }

    @Override
    public Authentication authenticate(Authentication given) {
        if (!expected.matches(String.valueOf(given.getCredentials()))) {
            throw new BadCredentialsException("wrong admin token");
        }
        return UsernamePasswordAuthenticationToken.authenticated("admin", null, List.of(new SimpleGrantedAuthority(ROLE)));
    }
}
