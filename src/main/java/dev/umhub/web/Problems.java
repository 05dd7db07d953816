package dev.umhub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.store.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * umhub's one problem+json writer: every refusal, from a servlet filter, a Camel route or a controller, is Spring's
 * {@link ProblemDetail} written with umhub's own JSON, so they all look alike and none carries a stack trace or a
 * library's class name.
 */
public final class Problems {

    private final ObjectMapper mapper;

    public Problems(Json json) {
        this.mapper = json.mapper().copy().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
    }

    public static ProblemDetail of(int status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatus(status);
        p.setTitle(title);
        p.setDetail(detail);
        return p;
    }

    /** The problem as the JSON text umhub answers. */
    public String text(ProblemDetail problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a problem answer, unless something was already sent. */
    public void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        write(response, of(status, title, detail));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = text(problem).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a length, not chunks: a refusal sent before the request body was read is complete at once
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
