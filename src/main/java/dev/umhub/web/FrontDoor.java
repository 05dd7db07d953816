package dev.umhub.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * umhub's front door: every request for one of umhub's paths goes through this Spring Security filter chain, and
 * nothing else does, so an application embedding umhub keeps its own paths as they were. In this order:
 * <ol>
 * <li>Spring Security's {@link StrictHttpFirewall} refuses encoded slashes, dots and percents, {@code ;} path
 * parameters, backslashes and paths that are not normalised (400), before any path is matched;</li>
 * <li>security headers: the JSON umhub serves holds whatever senders put in names, so browsers must never sniff or
 * render it;</li>
 * <li>the availability gate: 503 with Retry-After while starting or stopping;</li>
 * <li>the admin token, then authorisation on the decoded, normalised path: source paths are open (their routes check
 * the webhook token or signature), health is open, everything else needs the admin token when one is set, and
 * without one a loopback {@code Host} ({@link LoopbackHostOnly});</li>
 * <li>same-origin admin writes (CSRF);</li>
 * <li>the body, read whole under a size limit, a deadline and a per-client cap.</li>
 * </ol>
 */
public final class FrontDoor extends OncePerRequestFilter {

    private final UmhubPaths paths;
    private final FilterChainProxy chain;

    FrontDoor(UmhubPaths paths, Problems problems, AvailabilityGate gate, BodyReadFilter body, String adminToken,
              List<String> allowedOrigins) {
        this.paths = paths;
        ProblemAnswers answers = new ProblemAnswers(problems);
        List<Filter> filters = new ArrayList<>();
        HeaderWriterFilter headers = new HeaderWriterFilter(List.of(new XContentTypeOptionsHeaderWriter(),
                contentSecurityPolicy(paths),
                new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER),
                new CacheControlHeadersWriter()));
        headers.setShouldWriteHeadersEagerly(true); // Camel answers on another thread: write them now
        filters.add(headers);
        filters.add(gate);
        boolean tokenSet = adminToken != null && !adminToken.isBlank();
        if (tokenSet) {
            AdminToken token = new AdminToken(adminToken);
            AuthenticationFilter authentication = new AuthenticationFilter(token, token);
            // a sender's own Authorization header (a proxy's, say) is none of umhub's business on a source path; the
            // console's pages hold no data and answer a wrong token with their sign-in page (ConsoleController)
            authentication.setRequestMatcher(request -> paths.zone(request) != Zone.INTAKE
                    && paths.zone(request) != Zone.CONSOLE);
            authentication.setSuccessHandler((request, response, auth) -> { });
            authentication.setFailureHandler(new AuthenticationEntryPointFailureHandler(answers));
            // umhub's admin is umhub's alone: not kept where a host's own Spring Security would find it
            authentication.setSecurityContextRepository(new NullSecurityContextRepository());
            filters.add(authentication);
        } else {
            filters.add(new LoopbackHostOnly(paths, problems));
        }
        ExceptionTranslationFilter translation = new ExceptionTranslationFilter(answers, new NullRequestCache());
        translation.setAccessDeniedHandler(answers);
        filters.add(translation);
        filters.add(new AuthorizationFilter(authorization(paths, tokenSet)));
        filters.add(new SameOriginWrites(paths, problems, allowedOrigins));
        filters.add(body);
        // FilterChainProxy's own firewall is a StrictHttpFirewall
        this.chain = new FilterChainProxy(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE, filters));
        this.chain.setRequestRejectedHandler(answers);
    }

    /**
     * The JSON umhub serves may be rendered by nothing; the console's page runs its own script and style (from umhub,
     * never inline, never another site) and talks to umhub only.
     */
    private static HeaderWriter contentSecurityPolicy(UmhubPaths paths) {
        HeaderWriter none = new ContentSecurityPolicyHeaderWriter("default-src 'none'; frame-ancestors 'none'");
        HeaderWriter console = new ContentSecurityPolicyHeaderWriter("default-src 'none'; script-src 'self';"
                + " style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none';"
                + " frame-ancestors 'none'");
        return (request, response) -> (paths.zone(request) == Zone.CONSOLE ? console : none).writeHeaders(request, response);
    }

    private static AuthorizationManager<HttpServletRequest> authorization(UmhubPaths paths, boolean tokenSet) {
        AuthorizationManager<RequestAuthorizationContext> open = (auth, context) -> new AuthorizationDecision(true);
        return RequestMatcherDelegatingAuthorizationManager.builder()
                .add(request -> paths.zone(request) == Zone.INTAKE, open)
                .add(paths::isHealth, open)
                .add(request -> paths.zone(request) == Zone.CONSOLE, open)
                .add(AnyRequestMatcher.INSTANCE, tokenSet ? AuthenticatedAuthorizationManager.authenticated() : open)
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return paths.zone(request) == Zone.NONE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain next)
            throws ServletException, IOException {
        chain.doFilter(request, response, next);
    }
}
