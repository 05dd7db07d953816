package dev.umhub.server;

import dev.umhub.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The server's error page, for every path and method: problem+json with the status's own words, never the cause's
 * message, a stack trace or HTML. Asked for directly ({@code GET /error}), it is a 404 like any unknown path.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    private final Problems problems;

    public ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    @ResponseBody
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 404;
        ProblemDetail problem = Problems.of(status, title(status), detail(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problems.text(problem));
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is not in a form umhub accepts.";
            case 404 -> "umhub has nothing at this path.";
            case 405 -> "This path does not take this method.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request is larger than umhub accepts.";
            case 415 -> "umhub does not take this Content-Type here.";
            default -> status >= 500 ? "umhub could not answer this request; see its log." : "The request was refused.";
        };
    }
}
