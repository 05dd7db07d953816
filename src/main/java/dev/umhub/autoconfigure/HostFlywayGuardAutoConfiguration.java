package dev.umhub.autoconfigure;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * umhub needs Flyway for its own store, and Flyway on the classpath switches on Spring Boot's Flyway for the host's
 * database: in an application that had no Flyway of its own, that created a {@code flyway_schema_history} table in the
 * host's database, and refused to start on a database that already held tables. This migration strategy keeps such a
 * host as it was: Spring Boot's Flyway migrates the host's database only when the host has migrations of its own (in
 * its configured locations). A host with its own strategy keeps it. Active whether or not umhub itself is enabled,
 * since the jar on the classpath is what brings Flyway.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass({Flyway.class, FlywayMigrationStrategy.class})
public class HostFlywayGuardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    FlywayMigrationStrategy umhubHostFlywayOnlyWithMigrations() {
        return flyway -> {
            if (flyway.info().all().length > 0) {
                flyway.migrate();
            }
        };
    }
}
