package dev.umhub.bench.fake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook endpoint that stores and delivers nothing and answers 202 at once. Driving it instead of umhub measures
 * the harness itself (the ceiling scenario): if the load generator cannot go much faster than umhub, the figures
 * are the machine's, not umhub's.
 */
public final class NullHub implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicLong ids = new AtomicLong();

    public NullHub() throws IOException {
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "null-hub");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", x -> {
            try (x) {
                x.getRequestBody().readAllBytes();
                byte[] body = ("{\"id\":\"null-" + ids.incrementAndGet()
                        + "\",\"type\":\"payment.received\",\"duplicate\":false}").getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "application/json");
                x.sendResponseHeaders(202, body.length);
                x.getResponseBody().write(body);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
