package dev.umhub.bench;

import dev.umhub.bench.fake.FastProviders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The peer umhub is measured against in the same run: Node-RED with a flow wired by hand as operators do
 * ({@code bench/node-red/flow.json}: parse, decide "paid only", the HubSpot upsert and the GA4 purchase, answer), against
 * the same fake providers. It stores nothing and retries nothing: a provider down loses the event.
 *
 * <p>Node-RED is installed from npm once, into {@code ~/.cache/umhub-bench/node-red-<version>} (outside the project,
 * so {@code mvn clean} keeps it), and started with node.
 */
final class NodeRedProcess implements Hub, AutoCloseable {

    static final String VERSION = "4.1.15";
    private static final String WEBHOOK_TOKEN = "bench-node-red-token";

    private final Process process;
    private final int port;
    private final Path log;

    private NodeRedProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Installs Node-RED (first time only), starts it on a free port with the bench flow, and waits until it answers. */
    static NodeRedProcess start(Path project, Path work, FastProviders fake, FastProviders.Credentials c)
            throws IOException, InterruptedException {
        Path home = install();
        Files.createDirectories(work);
        Files.copy(project.resolve("bench/node-red/flow.json"), work.resolve("flow.json"),
                StandardCopyOption.REPLACE_EXISTING);
        int port = UmhubProcess.freePort();
        Path log = work.resolve("node-red.log");
        ProcessBuilder pb = new ProcessBuilder("node", home.resolve("node_modules/node-red/red.js").toString(),
                "--settings", project.resolve("bench/node-red/settings.js").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(Map.of("NODE_RED_PORT", String.valueOf(port), "NODE_RED_USER_DIR", work.toString(),
                "WEBHOOK_TOKEN", WEBHOOK_TOKEN, "HUBSPOT_URL", fake.hubspotUrl(), "HUBSPOT_TOKEN", c.hubspotToken(),
                "GA4_URL", fake.ga4Url(), "GA4_MEASUREMENT_ID", c.measurementId(), "GA4_API_SECRET", c.apiSecret()));
        NodeRedProcess red = new NodeRedProcess(pb.start(), port, log);
        try {
            red.awaitListening(Duration.ofSeconds(60));
        } catch (RuntimeException | InterruptedException e) {
            red.close();
            throw e;
        }
        return red;
    }

    private static Path install() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("user.home"), ".cache/umhub-bench/node-red-" + VERSION);
        if (Files.isRegularFile(home.resolve("node_modules/node-red/red.js"))) {
            return home;
        }
        Files.createDirectories(home);
        Process npm = new ProcessBuilder("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund",
                "--loglevel=error", "node-red@" + VERSION).inheritIO().start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm install node-red@" + VERSION + " failed");
        }
        return home;
    }

    /** Until the flow answers (a POST with a wrong token: 401); an unknown path would never be answered at all. */
    private void awaitListening(Duration timeout) throws InterruptedException {
        // HTTP/1.1: an h2c upgrade request is handed to Node-RED's websocket handler, which never answers it
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node-RED exited with " + process.exitValue() + "; see " + log);
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/webhooks/ultimate-multisite/payment_received?token=wrong")).timeout(Duration.ofSeconds(2))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notListeningYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Node-RED did not listen within " + timeout + "; see " + log);
    }

    @Override
    public String name() {
        return "Node-RED " + VERSION;
    }

    @Override
    public URI webhook(String slug) {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/ultimate-multisite/" + slug + "?token=" + WEBHOOK_TOKEN);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String deliveryStatus(String eventId, String destination) {
        return "NOT KEPT"; // Node-RED stores nothing: what a provider did not get is gone
    }

    @Override
    public boolean keepsEvents() {
        return false;
    }

    @Override
    public long storeBytes() {
        return 0;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        UmhubProcess.stop(process, 15);
    }

}
