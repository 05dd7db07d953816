package dev.umhub.console;

import dev.umhub.admin.AdminProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator console: its pages and the scripts and styles they load, all from umhub's jar (nothing fetched at run
 * time: many operators' servers have no internet). Only with the admin API, which is where its data comes from.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "umhub.admin", name = "enabled", havingValue = "true")
@ConditionalOnProperty(prefix = "umhub.console", name = "enabled", havingValue = "true", matchIfMissing = true)
@Import(ConsoleController.class)
public class ConsoleConfiguration implements WebMvcConfigurer {

    private final String path;

    public ConsoleConfiguration(AdminProperties admin, ConsoleProperties console) {
        this.path = console.servedPath(admin.isEnabled());
    }

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.addPathPrefix(path, HandlerTypePredicate.forAssignableType(ConsoleController.class));
    }
}
