package dev.umhub.ingest;

import dev.umhub.store.QuarantineStore;
import dev.umhub.support.Secrets;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps refused messages for inspection, cut at {@code umhub.quarantine.max-body-bytes} and with secrets masked (a
 * sender that put the webhook token in a form body must not find it in the admin API). Best effort by design: when
 * the store itself is what failed, the refusal is still answered and logged, only its copy is lost.
 */
public class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final QuarantineStore store;
    private final int maxBody;

    public Quarantine(QuarantineStore store, QuarantineProperties properties) {
        this.store = store;
        this.maxBody = Math.max(0, properties.getMaxBodyBytes());
    }

    /** A refused HTTP request: where it came from is read from the request (never its query string). */
    public void keep(String route, HttpServletRequest request, int status, String reason, byte[] body, long size) {
        keep(route, request == null ? null : request.getRequestURI(), request == null ? null : request.getRemoteAddr(),
                request == null ? null : request.getContentType(), status, reason, body, size);
    }

    /**
     * @param where a path, file name or other name of where the message came from
     * @param size  the size that arrived or was declared, when more than {@code body} was sent
     */
    public void keep(String route, String where, String from, String contentType, int status, String reason,
                     byte[] body, long size) {
        byte[] b = body == null ? new byte[0] : body;
        boolean cut = b.length > maxBody;
        String text = Secrets.mask(new String(cut ? Arrays.copyOf(b, maxBody) : b, StandardCharsets.UTF_8));
        long arrived = Math.max(size, b.length);
        String place = Secrets.mask(where);
        String why = Secrets.mask(reason);
        log.info("Refused {} on {} from {}: {} ({} bytes kept in quarantine)", status, place, from, why,
                Math.min(b.length, maxBody));
        try {
            store.add(new QuarantineStore.Refusal(route, place, from, contentType, status, why, text,
                    arrived, cut || arrived > b.length));
        } catch (RuntimeException e) {
            log.warn("Could not keep the refused message in quarantine: {}", e.getMessage());
        }
    }
}
