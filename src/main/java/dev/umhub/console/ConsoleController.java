package dev.umhub.console;

import dev.umhub.admin.AdminProperties;
import dev.umhub.store.EventStore;
import dev.umhub.store.IntakeStore;
import dev.umhub.support.BearerToken;
import dev.umhub.support.SecretMatch;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The console's pages, under {@code umhub.console.path} ({@link ConsoleConfiguration}). Every page is the same frame ({@link ConsolePage}); its script reads the path and asks the admin
 * API. A path the console does not have, or an event the journal does not hold, answers 404 with the frame's "not
 * found". Whether an event exists is told only to a request that may read the admin API (its token, or no token
 * configured on loopback): the page itself never shows data.
 */
@Controller
public class ConsoleController {


    private final String root;
    private final String apiPath;
    /** The admin token, or null when none is configured. */
    private final SecretMatch token;
    private final EventStore events;
    private final IntakeStore intake;

    public ConsoleController(AdminProperties admin, ConsoleProperties console, EventStore events, IntakeStore intake) {
        this.root = console.servedPath(admin.isEnabled());
        this.apiPath = admin.servedPath();
        this.token = admin.getToken().isBlank() ? null : new SecretMatch(admin.getToken());
        this.events = events;
        this.intake = intake;
    }

    @GetMapping({"", "/", "/events", "/dead-letters", "/destinations", "/rules", "/sources"})
    @ResponseBody
    public ResponseEntity<String> page(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        return html(access(auth) == Access.REFUSED ? HttpStatus.UNAUTHORIZED : HttpStatus.OK, null);
    }

    @GetMapping("/events/{id}")
    @ResponseBody
    public ResponseEntity<String> event(@PathVariable String id,
                                        @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        Access access = access(auth);
        if (access == Access.REFUSED) {
            return html(HttpStatus.UNAUTHORIZED, null);
        }
        try {
            if (access == Access.GRANTED && !events.exists(id) && !intake.exists(id)) {
                return html(HttpStatus.NOT_FOUND, "no event " + id);
            }
        } catch (DataAccessException storeDown) {
            // the page's script asks the API, whose answer (503, store unavailable) it shows
        }
        return html(HttpStatus.OK, null);
    }

    /** The page's script and style, from the jar. */
    @GetMapping("/assets/{name:[a-z-]+\\.(?:js|css)}")
    @ResponseBody
    public ResponseEntity<Resource> asset(@PathVariable String name) {
        Resource file = new ClassPathResource("dev/umhub/console/assets/" + name);
        if (!file.exists()) {
            return ResponseEntity.notFound().build();
        }
        MediaType type = name.endsWith(".js") ? new MediaType("text", "javascript", StandardCharsets.UTF_8)
                : new MediaType("text", "css", StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(type).body(file);
    }

    @GetMapping("/**")
    @ResponseBody
    public ResponseEntity<String> unknown() {
        return html(HttpStatus.NOT_FOUND, "no such page");
    }

    /** What a page request may know: the admin token's rules, told here since the pages are served without it. */
    private enum Access { NONE, GRANTED, REFUSED }

    private Access access(String authorization) {
        if (token == null) {
            return Access.GRANTED; // no token configured: the admin API is open (loopback names only)
        }
        String given = BearerToken.of(authorization);
        if (given == null) {
            return Access.NONE;
        }
        return token.matches(given) ? Access.GRANTED : Access.REFUSED;
    }

    private ResponseEntity<String> html(HttpStatus status, String notFound) {
        // a server's context path (server.servlet.context-path) or a host's servlet path comes before both
        String mapping = ServletUriComponentsBuilder.fromCurrentServletMapping().build().getPath();
        String prefix = mapping == null || mapping.equals("/") ? "" : mapping;
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(ConsolePage.html(prefix + root, prefix + apiPath, notFound));
    }
}
