package dev.umhub.ingest;

import dev.umhub.store.QuarantineStore;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps refused messages for inspection. Best effort by design: when the store itself is what failed, the refusal
 * is still answered and logged, only its copy is lost.
 */
@Component
public class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final QuarantineStore store;

    public Quarantine(QuarantineStore store) {
        this.store = store;
    }

    public void keep(String route, HttpServletRequest request, int status, String reason, byte[] body, long size) {
        String path = request == null ? null : request.getRequestURI();
        String remote = request == null ? null : request.getRemoteAddr();
        String type = request == null ? null : request.getContentType();
        log.info("Refused {} on {} from {}: {} ({} bytes kept in quarantine)", status, path, remote, reason,
                body == null ? 0 : body.length);
        try {
            store.add(new QuarantineStore.Refusal(route, path, remote, type, status, reason, body, size));
        } catch (RuntimeException e) {
            log.warn("Could not keep the refused message in quarantine: {}", e.getMessage());
        }
    }
}
