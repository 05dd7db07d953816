package dev.umhub.ultimatemultisite.platform;

/**
 * A REST call that did not give a usable answer: unreachable, too slow, refused (401), failing (5xx), or not the
 * JSON expected. The message is safe to log and show: it never holds credentials.
 *
 * @see #status() the HTTP status, or 0 when there was no answer
 */
public class PlatformRestException extends RuntimeException {

    private final int status;

    public PlatformRestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
