package dev.umhub.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The operator console: its pages and the scripts and styles they load, all from umhub's jar (nothing fetched at run
 * time: many operators' servers have no internet). Only with the admin API, which is where its data comes from.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "umhub.admin", name = "enabled", havingValue = "true")
@ConditionalOnProperty(prefix = "umhub.console", name = "enabled", havingValue = "true", matchIfMissing = true)
@Import(ConsoleController.class)
public class ConsoleConfiguration {
}
