package dev.umhub.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's one HTML page: a login form, and the frame its script fills from the admin API. It carries no data, so
 * serving it needs no token; what the script is asked to show first (a page, or "not found") is set here.
 */
final class ConsolePage {

    private static final String TEMPLATE = read();

    private ConsolePage() {
    }

    /**
     * @param root     where the console is served, with the server's context path
     * @param apiPath  where the admin API is served, with the server's context path
     * @param notFound what was not found (shown as the page's 404), or null
     */
    static String html(String root, String apiPath, String notFound) {
        return TEMPLATE.replace("{{root}}", HtmlUtils.htmlEscape(root)).replace("{{api}}", HtmlUtils.htmlEscape(apiPath))
                .replace("{{notFound}}", notFound == null ? "" : HtmlUtils.htmlEscape(notFound));
    }

    private static String read() {
        try (InputStream in = ConsolePage.class.getResourceAsStream("/dev/umhub/console/index.html")) {
            if (in == null) {
                throw new IllegalStateException("dev/umhub/console/index.html is not in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
