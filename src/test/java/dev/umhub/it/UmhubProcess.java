package dev.umhub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * umhub as a real separate JVM, started from the executable jar that {@code mvn package} built, so a test can
 * {@code kill -9} it or send it SIGTERM like an operator would.
 */
public final class UmhubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    public final Http http;

    private UmhubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.http = new Http(port);
    }

    public static UmhubProcess start(Map<String, Object> properties, Path log) throws IOException, InterruptedException {
        Path jar = Path.of("target/umhub-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/umhub-exec.jar is missing: run the tests with mvn verify");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString()));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        command.add("--server.port=" + port);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        UmhubProcess umhub = new UmhubProcess(p, port);
        umhub.awaitReady(Duration.ofSeconds(60), log);
        return umhub;
    }

    private void awaitReady(Duration limit, Path log) throws InterruptedException, IOException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("umhub exited at start; see " + log + ":\n" + Files.readString(log));
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
        throw new IllegalStateException("umhub did not get ready in " + limit + "; see " + log);
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator stops a service. */
    public void terminate() {
        process.destroy();
    }

    public boolean waitForExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
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
