package dev.umhub.ingest;

/**
 * A message that umhub refuses, with the HTTP status and the problem text the sender gets.
 * Sources that are not HTTP (files, Kafka) move the message aside instead.
 */
public class IngestRejectedException extends RuntimeException {

    private final int status;
    private final String title;

    public IngestRejectedException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected outcome, not a bug: no stack trace to log or leak
    }
}
