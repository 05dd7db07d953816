package dev.umhub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * umhub as a real separate JVM, started from the executable jar that {@code mvn package} built, so a test can
 * {@code kill -9} it or send it SIGTERM like an operator would.
 *
 * <p>A child must never outlive its test: it is killed when the test closes it, when it does not get ready, and when
 * the test JVM exits for any reason (a shutdown hook). Its log is written under {@code target/it-logs/}, which JUnit
 * does not delete, and its last lines go into the failure message when it does not start.
 */
public final class UmhubProcess implements AutoCloseable {

    /** How long a start may take; generous, because a busy 2-core machine starts a JVM slowly. */
    private static final Duration READY_LIMIT = Duration.ofSeconds(Long.getLong("umhub.it.ready-seconds", 180));
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "umhub-it-children"));
    }

    private final Process process;
    private final int port;
    private final Path log;
    public final Http http;

    private UmhubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.http = new Http(port);
    }

    /** @param logName the log's file name; it is written under {@code target/it-logs/} */
    public static UmhubProcess start(Map<String, Object> properties, Path logName) throws IOException, InterruptedException {
        Path jar = Path.of("target/umhub-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/umhub-exec.jar is missing: run the tests with mvn verify");
        }
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(System.currentTimeMillis() + "-" + logName.getFileName());
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString()));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        command.add("--server.port=" + port);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        RUNNING.add(p);
        UmhubProcess umhub = new UmhubProcess(p, port, log);
        try {
            umhub.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            umhub.close();
            throw e;
        }
        return umhub;
    }

    private void awaitReady() throws InterruptedException {
        Instant end = Instant.now().plus(READY_LIMIT);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("umhub exited at start; log " + log + ", last lines:\n" + tail());
            }
            try {
                if (http.admin("GET", "/api/rules", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("umhub did not get ready in " + READY_LIMIT + " (-Dumhub.it.ready-seconds); log "
                + log + ", last lines:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        RUNNING.remove(process);
    }

    /** SIGTERM, as an orchestrator stops a service. */
    public void terminate() {
        process.destroy();
    }

    public boolean waitForExit(Duration limit) throws InterruptedException {
        boolean exited = process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (exited) {
            RUNNING.remove(process);
        }
        return exited;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
        RUNNING.remove(process);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
