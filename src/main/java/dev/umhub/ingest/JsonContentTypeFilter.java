package dev.umhub.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Source bodies are JSON whatever the Content-Type says. A POST without one (curl's default is form-urlencoded)
 * would otherwise be parsed as a form by the servlet container and Camel, consuming the body. This filter presents
 * such requests as {@code application/json} and keeps parameters to the query string, so the body reaches ingest
 * untouched. The admin API is left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class JsonContentTypeFilter extends OncePerRequestFilter {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        String type = request.getContentType();
        boolean hasBody = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        return !hasBody || path.startsWith("/api/") || path.startsWith("/actuator/")
                || type != null && !type.toLowerCase().startsWith(FORM);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new AsJson(request), response);
    }

    private static final class AsJson extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters = new LinkedHashMap<>();

        AsJson(HttpServletRequest request) {
            super(request);
            String query = request.getQueryString();
            if (query != null) {
                MultiValueMap<String, String> q = UriComponentsBuilder.newInstance().query(query).build()
                        .getQueryParams();
                q.forEach((k, v) -> parameters.put(decode(k), v.stream().map(AsJson::decode).toArray(String[]::new)));
            }
        }

        private static String decode(String s) {
            return s == null ? "" : java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getHeader(String name) {
            return "content-type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "content-type".equalsIgnoreCase(name) ? Collections.enumeration(List.of(getContentType()))
                    : super.getHeaders(name);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
