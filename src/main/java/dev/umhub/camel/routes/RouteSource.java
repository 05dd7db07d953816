package dev.umhub.camel.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Where route files come from: a folder operators edit (watched), or the routes bundled in umhub's jar. */
public interface RouteSource {

    /**
     * Every route file's text, and every file that goes with one (its {@code .jsonata} mapping), by name relative to
     * the source (e.g. {@code destinations/ga4.yaml}).
     */
    Map<String, String> read();

    /** Whether files can change while umhub runs. */
    boolean live();

    String describe();

    static RouteSource of(String directory) {
        return directory == null || directory.isBlank() ? new Bundled() : new Folder(Path.of(directory));
    }

    /** A folder of YAML files, sub-folders included. */
    record Folder(Path directory) implements RouteSource {

        @Override
        public Map<String, String> read() {
            Map<String, String> out = new TreeMap<>();
            Path root = directory.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                return out;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.filter(f -> f.toString().matches(".*\\.(ya?ml|jsonata)") && Files.isRegularFile(f)).toList()) {
                    out.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read routes folder " + root, e);
            }
            return out;
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public String describe() {
            return directory.toAbsolutePath().normalize().toString();
        }
    }

    /** The routes umhub's jar carries, for an application that embeds umhub without a routes folder of its own. */
    final class Bundled implements RouteSource {

        static final String LOCATION = "dev/umhub/routes/";

        @Override
        public Map<String, String> read() {
            Map<String, String> out = new TreeMap<>();
            try {
                var resolver = new PathMatchingResourcePatternResolver();
                for (String pattern : new String[] {"**/*.yaml", "**/*.jsonata"}) {
                    for (Resource r : resolver.getResources("classpath*:" + LOCATION + pattern)) {
                        String url = r.getURL().toString();
                        String name = url.substring(url.lastIndexOf(LOCATION) + LOCATION.length());
                        out.put(name, r.getContentAsString(StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read umhub's bundled routes", e);
            }
            return out;
        }

        @Override
        public boolean live() {
            return false;
        }

        @Override
        public String describe() {
            return "the umhub jar (classpath:" + LOCATION + ")";
        }
    }
}
