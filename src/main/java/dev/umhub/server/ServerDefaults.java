package dev.umhub.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the standalone server's defaults ({@code dev/umhub/server/umhub-server.yml}) when, and only when, the
 * application being started is {@link UmhubServer}: an application that embeds umhub never sees them, and the
 * server's own {@code application.yml}, environment and command line still override every one of them.
 */
public class ServerDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "dev/umhub/server/umhub-server.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(UmhubServer.class)) {
            return;
        }
        try {
            new YamlPropertySourceLoader().load("umhub-server defaults", new ClassPathResource(RESOURCE))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
