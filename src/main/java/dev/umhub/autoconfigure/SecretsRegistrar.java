package dev.umhub.autoconfigure;

import dev.umhub.support.Secrets;
import java.util.Locale;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;

/**
 * Tells {@link Secrets} every secret umhub is configured with (any {@code umhub.*} option whose name says token,
 * secret, password or key, and the path of any {@code webhook-url}; a YAML destination's own included), so that it is
 * masked wherever it would show: logs, quarantined bodies, recorded requests, admin answers.
 */
public class SecretsRegistrar implements InitializingBean {

    private final Environment environment;

    public SecretsRegistrar(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        for (var source : configurable.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (isSecret(name)) {
                        Secrets.register(environment.getProperty(name));
                    } else if (isSecretUrl(name)) {
                        Secrets.register(pathOf(environment.getProperty(name)));
                    }
                }
            }
        }
    }

    /**
     * A webhook URL (Slack's, a chat's, the webhook destination's) is its own secret: such URLs carry their token in
     * the path, which is masked; the host stays readable.
     */
    static boolean isSecretUrl(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return (n.startsWith("umhub.") || n.startsWith("umhub-"))
                && (n.endsWith("webhook-url") || n.equals("umhub.destinations.webhook.url"));
    }

    private static String pathOf(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int path = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return path < 0 ? null : url.substring(path);
    }

    static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        if (!n.startsWith("umhub.") && !n.startsWith("umhub-")) {
            return false;
        }
        String last = n.substring(n.lastIndexOf('.') + 1);
        return last.contains("token") || last.contains("secret") || last.contains("password") || last.endsWith("key");
    }
}
