package dev.umhub.web;

import dev.umhub.ingest.Quarantine;
import dev.umhub.ingest.RawBody;
import dev.umhub.ingest.Refusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request body in full before anything else sees it, under three limits: the size (checked against a declared
 * Content-Length before reading, and while reading, so a chunked body is cut at the limit instead of buffered whole),
 * the time the body may take to arrive, and how many bodies one client address may be sending at once. What follows
 * (Camel, the controllers) then works on bytes in memory and can no longer be held up by the network.
 */
final class BodyReadFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** The admin API wraps payloads ({@code /api/rules/evaluate}), so it gets a little room above the limit. */
    private static final int ADMIN_ROOM = 64 * 1024;
    private static final int READ_BUFFER_BYTES = 8192;
    private static final String ROUTE = "front-door";

    private final UmhubPaths paths;
    private final Problems problems;
    private final Quarantine quarantine;
    private final int maxBytes;
    private final long deadlineNanos;
    private final ClientSlots slots;
    private final Refusals refusals;

    BodyReadFilter(WebProperties web, UmhubPaths paths, Problems problems, Quarantine quarantine, Refusals refusals) {
        this.paths = paths;
        this.refusals = refusals;
        this.problems = problems;
        this.quarantine = quarantine;
        this.maxBytes = web.getMaxBodyBytes();
        this.deadlineNanos = web.getBodyReadTimeout().toNanos();
        this.slots = new ClientSlots(web.getMaxConcurrentReadsPerClient());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        Zone zone = paths.zone(request);
        return !WITH_BODY.contains(request.getMethod()) || zone != Zone.INTAKE && zone != Zone.ADMIN;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean intake = paths.zone(request) == Zone.INTAKE;
        long limit = intake ? maxBytes : (long) maxBytes + ADMIN_ROOM;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, intake, 413, "Body too large", "The body has " + declared + " bytes; at most "
                    + limit + " bytes are accepted.", null, declared);
            return;
        }
        String client = request.getRemoteAddr();
        if (!slots.tryTake(client)) {
            response.setHeader("Retry-After", "1");
            refuse(request, response, intake, 429, "Too many requests", "This address is sending too many request"
                    + " bodies at once; send again after Retry-After seconds.", null, Math.max(0, declared));
            return;
        }
        byte[] body;
        try {
            body = read(request, declared, limit);
        } catch (Refused r) {
            refuse(request, response, intake, r.status, r.title, r.detail, r.partial, r.size);
            return;
        } finally {
            slots.release(client);
        }
        // looked up again now the body is in: its route may have been refused or reloaded while it arrived
        if (intake && !paths.intake().find(paths.path(request)).map(IntakePaths.Intake::running).orElse(true)) {
            // the source's route file is refused or reloading: the body is kept, the sender told to come back
            response.setHeader("Retry-After", "5");
            refuse(request, response, true, 503, "Source not running", "The route that takes this path is not running"
                    + " (see GET /api/routes); send again after Retry-After seconds.", body, body.length);
            return;
        }
        request.setAttribute(RawBody.ATTRIBUTE, body); // the bytes exactly as they arrived
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private byte[] read(HttpServletRequest request, long declared, long limit) throws IOException {
        long started = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), 64 * 1024));
        // a declared length sizes the buffer (one more byte shows a body longer than declared): most webhooks are 2 KB
        byte[] buffer = new byte[(int) (declared >= 0 ? Math.min(declared + 1, READ_BUFFER_BYTES) : READ_BUFFER_BYTES)];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    throw new Refused(413, "Body too large", "The body is larger than the " + limit
                            + " bytes accepted.", out.toByteArray(), out.size());
                }
                if (System.nanoTime() - started > deadlineNanos) {
                    throw slow(out);
                }
            }
        } catch (SocketTimeoutException stalled) {
            throw slow(out);
        } catch (Refused r) {
            throw r;
        } catch (IOException broken) {
            // a malformed chunk, or the sender went away mid-body: nothing usable arrived
            throw new Refused(400, "Unreadable body", "The body could not be read to its end.", out.toByteArray(),
                    Math.max(declared, out.size()));
        }
        if (declared >= 0 && out.size() != declared) {
            throw new Refused(400, "Incomplete body", "The body ended after " + out.size() + " of the " + declared
                    + " bytes its Content-Length announced.", out.toByteArray(), declared);
        }
        return out.toByteArray();
    }

    private Refused slow(ByteArrayOutputStream partial) {
        return new Refused(408, "Body too slow", "The body did not arrive within "
                + Duration.ofNanos(deadlineNanos).toSeconds() + " s.", partial.toByteArray(), partial.size());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, boolean intake, int status,
                        String title, String detail, byte[] partial, long size) throws IOException {
        if (intake) {
            refusals.refused(title);
            quarantine.keep(ROUTE, request, status, title + ": " + detail, partial, size);
        }
        if (status != 503) {
            // the rest of the body is not read (413, 429) or not trusted (408, 400): the connection cannot carry
            // another request, and closing it spares a thread the draining of what a slow sender still trickles
            response.setHeader("Connection", "close");
        }
        problems.write(response, status, title, detail);
    }

    /** A body refused while reading, with what had arrived. */
    private static final class Refused extends IOException {
        final int status;
        final String title;
        final String detail;
        final byte[] partial;
        final long size;

        Refused(int status, String title, String detail, byte[] partial, long size) {
            super(title, null);
            this.status = status;
            this.title = title;
            this.detail = detail;
            this.partial = partial; // each caller hands over a copy of its own
            this.size = size;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
