package dev.umhub.admin;

import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.store.StoreTrouble;
import dev.umhub.web.Problems;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import dev.umhub.rules.RulesHistory;
import dev.umhub.rules.dryrun.DryRun;
import dev.umhub.rules.dryrun.DryRunJobs;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Admin API errors as problem+json, Spring's handling of malformed requests included; never a stack trace, a library
 * class name or a 500 for the store being down. Applies to umhub's controllers only.
 */
@RestControllerAdvice(annotations = UmhubAdminApi.class)
public class AdminProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminProblems.class);

    /** Thrown by the controllers for a resource that does not exist. */
    public static class NotFound extends RuntimeException {
        public NotFound(String detail) {
            super(detail, null, false, false);
        }
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        return problem(404, "Not found", e.getMessage());
    }

    @ExceptionHandler(DryRun.CandidateRefused.class)
    ResponseEntity<Object> candidateRefused(DryRun.CandidateRefused e) {
        ProblemDetail p = Problems.of(400, "Rules refused", e.getMessage());
        p.setProperty("messages", e.messages()); // file, line (or cell), column, text of each
        return problem(p);
    }

    @ExceptionHandler(RulesHistory.FolderNotWritable.class)
    ResponseEntity<Object> rulesFolderNotWritable(RulesHistory.FolderNotWritable e) {
        return problem(409, "Rules folder not writable", e.getMessage()
                + "; nothing was activated, the running rules are unchanged.");
    }

    @ExceptionHandler(DryRunJobs.Busy.class)
    ResponseEntity<Object> dryRunsBusy(DryRunJobs.Busy e) {
        return ResponseEntity.status(429).header(HttpHeaders.RETRY_AFTER, "10")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(429, "Too many dry runs", e.getMessage()));
    }

    @ExceptionHandler(IngestRejectedException.class)
    ResponseEntity<Object> rejected(IngestRejectedException e) {
        return problem(e.status(), e.title(), e.detail());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> badArgument(IllegalArgumentException e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == Instant.class || e.getCause() instanceof DateTimeParseException
                ? "an ISO-8601 instant such as 2026-11-28T10:00:00Z"
                : type != null && Number.class.isAssignableFrom(org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(type))
                ? "a number" : "a valid value";
        return problem(400, "Bad request", "Parameter '" + e.getName() + "' must be " + expected + ".");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> failed(Exception e) {
        if (StoreTrouble.isStoreTrouble(e)) {
            log.error("Store unavailable for an admin request: {}", StoreTrouble.describe(e));
            return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, StoreTrouble.RETRY_AFTER_SECONDS)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(503, "Store unavailable", "umhub's store cannot be reached; try again later."));
        }
        log.error("Admin request failed", e);
        return problem(500, "Internal error", "The request failed unexpectedly; see the server log.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return problem(400, "Unreadable body", "The body is not valid JSON of the expected shape.");
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    static ResponseEntity<Object> problem(int status, String title, String detail) {
        return problem(Problems.of(status, title, detail));
    }

    /** The problem as the answer, with its status. */
    static ResponseEntity<Object> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
