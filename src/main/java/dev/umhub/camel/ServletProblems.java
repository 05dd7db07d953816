package dev.umhub.camel;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The problem+json answer of servlet filters, which refuse a request before Spring MVC or Camel see it and so cannot
 * use their problem handling ({@link HttpReplies} inside routes, ProblemDetail in controllers).
 */
public final class ServletProblems {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private ServletProblems() {
    }

    public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        response.setStatus(status);
        response.setContentType(HttpReplies.PROBLEM_JSON);
        response.getWriter().write(JSON.writeValueAsString(p));
    }
}
