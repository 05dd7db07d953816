package dev.umhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.support.PrometheusText;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * umhub as operators run it: {@code bin/umhub --option=value ...} (the README's command: the executable jar with
 * umhub's JVM settings and class data archive) in its own JVM and working folder, with the embedded H2 store in that
 * folder. A separate process so its memory and CPU are its own to measure, and so the start-up time is the one an
 * operator sees.
 */
public final class UmhubProcess implements Hub, AutoCloseable {

    public static final String WEBHOOK_TOKEN = "bench-webhook-token";
    public static final String ADMIN_TOKEN = "bench-admin-token";
    private static final String ALLOCATED_METRIC = "jvm_gc_memory_allocated_bytes_total";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STARTED = Pattern.compile("Started Umhub\\w+ in ([0-9.]+) seconds");

    private final Process process;
    private final int port;
    private final Path work;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long launchedNanos;
    private long readyNanos = -1;

    private UmhubProcess(Process process, int port, Path work, Path log, long launchedNanos) {
        this.process = process;
        this.port = port;
        this.work = work;
        this.log = log;
        this.launchedNanos = launchedNanos;
    }

    /**
     * @param project  the umhub checkout, built: bin/umhub starts its target/umhub-exec.jar
     * @param plainJar start {@code java -jar target/umhub-exec.jar} instead, with the JVM's defaults and no class
     *                 data archive (umhub before bin/umhub, for comparisons)
     * @param work     working folder: store, rules copy, routes copy, inbox, log
     * @param jvmOpts  extra options for umhub's JVM: bin/umhub's JAVA_OPTS, after its defaults, so they win
     * @param options  umhub options, without the leading "--"
     */
    public static UmhubProcess start(Path project, boolean plainJar, Path work, List<String> jvmOpts,
                                     Map<String, String> options) throws IOException {
        Files.createDirectories(work);
        int port = freePort();
        List<String> command = new ArrayList<>();
        String javaOpts = String.join(" ", jvmOpts);
        if (plainJar) {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOpts);
            command.add("-jar");
            command.add(project.resolve("target/umhub-exec.jar").toAbsolutePath().toString());
        } else {
            command.add(project.resolve("bin/umhub").toAbsolutePath().toString());
        }
        command.add("--server.port=" + port);
        options.forEach((k, v) -> command.add("--" + k + "=" + v));
        Path log = work.resolve("umhub.log");
        Files.writeString(log, (plainJar || javaOpts.isEmpty() ? "" : "JAVA_OPTS=\"" + javaOpts + "\" ")
                + String.join(" ", command) + "\n\n");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("JAVA_OPTS");
        if (!plainJar && !javaOpts.isEmpty()) {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        long launched = System.nanoTime();
        Process p = builder.start();
        return new UmhubProcess(p, port, work, log, launched);
    }

    /** umhub's own options for a bench run: store, rules and routes in WORK, both destinations at the fakes. */
    public static Map<String, String> options(Path work, String hubspotUrl, String ga4Url,
                                              dev.umhub.bench.fake.FastProviders.Credentials c) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("umhub.store.url", "jdbc:h2:file:" + work.resolve("data/umhub").toAbsolutePath());
        o.put("umhub.rules.directory", work.resolve("rules").toAbsolutePath().toString());
        o.put("umhub.routes.directory", work.resolve("routes").toAbsolutePath().toString());
        o.put("umhub.sources.inbox.directory", work.resolve("inbox").toAbsolutePath().toString());
        o.put("umhub.sources.ultimate-multisite.token", WEBHOOK_TOKEN);
        o.put("umhub.admin.token", ADMIN_TOKEN);
        o.put("umhub.destinations.hubspot.base-url", hubspotUrl);
        o.put("umhub.destinations.hubspot.access-token", c.hubspotToken());
        o.put("umhub.destinations.ga4.base-url", ga4Url);
        o.put("umhub.destinations.ga4.measurement-id", c.measurementId());
        o.put("umhub.destinations.ga4.api-secret", c.apiSecret());
        // HubSpot's default limit (100 requests per 10 s) stays on: deliveries go out in batch upserts of up to 100
        // contacts, so the limit is what a real HubSpot account would impose and umhub has to live with it
        return o;
    }

    /**
     * The fan-out job: every purchase also goes to Mixpanel and to Slack (a rule file of its own beside the copied
     * rules), both at the fakes. Slack's own limit (about a message a second per webhook) is lifted: the job measures
     * umhub, not Slack's pace.
     */
    public static void fanOut(Path work, Map<String, String> options, dev.umhub.bench.fake.FastProviders fake,
                              dev.umhub.bench.fake.FastProviders.Credentials c) throws IOException {
        Files.writeString(work.resolve("rules/fan-out.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.PlatformEvent;
                import dev.umhub.event.Payment;

                rule "Purchases also go to Mixpanel and Slack"
                when
                    PlatformEvent( type == "payment.received" )
                    Payment( status == "completed", total != null && total > 0 )
                then
                    insert(new Dispatch("mixpanel", "purchase"));
                    insert(new Dispatch("slack", "alert"));
                end
                """);
        options.put("umhub.destinations.mixpanel.base-url", fake.mixpanelUrl());
        options.put("umhub.destinations.mixpanel.project-id", dev.umhub.bench.fake.FastProviders.Credentials.MIXPANEL_PROJECT);
        options.put("umhub.destinations.mixpanel.service-account-username",
                dev.umhub.bench.fake.FastProviders.Credentials.MIXPANEL_USER);
        options.put("umhub.destinations.mixpanel.service-account-secret",
                dev.umhub.bench.fake.FastProviders.Credentials.MIXPANEL_SECRET);
        options.put("umhub.destinations.slack.webhook-url", fake.slackWebhookUrl());
        options.put("umhub.destinations.slack.rate-limit-requests", "0");
    }

    /** Copies the project's rules and routes into WORK, so edits made while a bench runs do not reach it. */
    public static void copyConfig(Path project, Path work) throws IOException {
        for (String folder : List.of("rules", "routes")) {
            Path from = project.resolve(folder);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = work.resolve(folder).resolve(from.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Adds a route file that answers every POST to {@code /bench/floor} with 202 and stores nothing (umhub reloads its
     * routes folder live) and waits until it answers: the floor scenario's target.
     */
    public URI addFloorRoute(Duration timeout) throws IOException, InterruptedException {
        Files.writeString(work.resolve("routes/sources/bench-floor.yaml"), """
                # bench/run's floor scenario: umhub's HTTP front (Tomcat, umhub's filters, Spring MVC, Camel's
                # platform-http) answering 202 without doing anything else
                - route:
                    id: bench-floor
                    from:
                      uri: "platform-http:/bench/floor"
                      parameters:
                        httpMethodRestrict: POST
                      steps:
                        - setHeader:
                            name: Content-Type
                            constant: application/json
                        - setHeader:
                            name: CamelHttpResponseCode
                            constant: 202
                        - setBody:
                            simple: '{"id":"${exchangeId}","duplicate":false}'
                """);
        URI floor = URI.create(baseUrl() + "/bench/floor");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(floor).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 202) {
                return floor;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("umhub did not load the floor route within " + timeout + "; see " + log);
    }

    /** Waits until the admin API answers 200, which umhub does only once its Camel routes run. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("umhub exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                if (admin("/api/rules").statusCode() == 200) {
                    readyNanos = System.nanoTime();
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("umhub was not ready within " + timeout + "; see " + log);
    }

    /** Launch to first 200 of the admin API: the start-up an operator waits for. */
    public double startupSeconds() {
        return (readyNanos - launchedNanos) / 1e9;
    }

    /** Spring's own "Started UmhubServer in X seconds" (JVM start excluded), or -1. */
    public double springStartupSeconds() {
        try {
            Matcher m = STARTED.matcher(Files.readString(log));
            return m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String name() {
        return "umhub";
    }

    /** Size of the embedded store's files (data/*.db) now, in bytes. */
    @Override
    public long storeBytes() throws IOException {
        Path data = work.resolve("data");
        if (!Files.isDirectory(data)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(data)) {
            long total = 0;
            for (Path f : files.filter(f -> f.toString().endsWith(".db")).toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    /** Deletes the embedded store after umhub stopped: a standard run would otherwise leave tens of GB behind. */
    public void deleteStore() throws IOException {
        Path data = work.resolve("data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    @Override
    public URI webhook(String slug) {
        return URI.create(baseUrl() + "/webhooks/ultimate-multisite/" + slug + "?token=" + WEBHOOK_TOKEN);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The status umhub's store gives one event's delivery to a destination (PENDING, DELIVERED, DEAD, ...). */
    @Override
    public String deliveryStatus(String eventId, String destination) throws IOException, InterruptedException {
        HttpResponse<String> r = admin("/api/events/" + eventId);
        if (r.statusCode() != 200) {
            return "NO EVENT (" + r.statusCode() + ")";
        }
        JsonNode event = JSON.readTree(r.body());
        if (event.has("state")) { // acknowledged, not processed yet (or failed): its intake message
            return "pending".equals(event.path("state").asText()) ? "PENDING" : "INTAKE " + event.path("state").asText();
        }
        for (JsonNode d : event.path("deliveries")) {
            if (destination.equals(d.path("destination").asText())) {
                return d.path("status").asText();
            }
        }
        return "NO DELIVERY";
    }

    /** Micrometer's {@code jvm_gc_memory_allocated_bytes_total} from umhub's Prometheus scrape (admin token). */
    @Override
    public long allocatedBytes() throws InterruptedException {
        try {
            HttpResponse<String> r = admin("/actuator/prometheus");
            if (r.statusCode() != 200) {
                return -1;
            }
            double[] allocated = PrometheusText.series(r.body(), ALLOCATED_METRIC);
            return allocated.length == 0 ? -1 : (long) allocated[0];
        } catch (IOException | NumberFormatException e) { // a scrape that failed costs the row, not the scenario
            return -1;
        }
    }

    /** A POST to the admin API with a JSON body; waits up to two minutes (a rules dry run decides thousands of events). */
    public HttpResponse<String> adminPost(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops umhub the way an operator would (SIGTERM, graceful), and kills it if it does not stop in time. */
    @Override
    public void close() {
        stop(process, 30);
    }

    /** SIGTERM, then a kill when the process has not ended within the grace period. */
    static void stop(Process process, long graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
