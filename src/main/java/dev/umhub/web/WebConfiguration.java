package dev.umhub.web;

import dev.umhub.admin.AdminProperties;
import dev.umhub.console.ConsoleProperties;
import dev.umhub.ingest.Refusals;
import dev.umhub.ingest.Quarantine;
import dev.umhub.store.Json;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The front door, registered as one servlet filter ahead of the host's (and Spring Security's, should the host use
 * it), that touches only umhub's own paths.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebProperties.class, AdminProperties.class, ConsoleProperties.class})
public class WebConfiguration {

    /** Right after the character-encoding filter (which must see the request first), before everything else. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    @Bean
    Problems umhubProblems(Json json) {
        return new Problems(json);
    }

    @Bean
    UmhubPaths umhubPaths(IntakePaths intake, AdminProperties admin, ConsoleProperties console, WebProperties web) {
        return new UmhubPaths(intake, admin.servedPath(), console.servedPath(admin.isEnabled()), web.isOwnsServer());
    }

    @Bean
    AvailabilityGate umhubAvailabilityGate(Readiness readiness, UmhubPaths paths, Problems problems) {
        return new AvailabilityGate(readiness, paths, problems);
    }

    /** The gate is a step of the front door; without this, Spring Boot would register it for every host path. */
    @Bean
    FilterRegistrationBean<AvailabilityGate> umhubAvailabilityGateNotForTheHost(AvailabilityGate gate) {
        FilterRegistrationBean<AvailabilityGate> registration = new FilterRegistrationBean<>(gate);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<FrontDoor> umhubFrontDoor(UmhubPaths paths, Problems problems, AvailabilityGate gate,
                                                     Quarantine quarantine, WebProperties web, AdminProperties admin,
                                                     Refusals refusals) {
        BodyReadFilter body = new BodyReadFilter(web, paths, problems, quarantine, refusals);
        FrontDoor door = new FrontDoor(paths, problems, gate, body, admin.getToken(), web.getAllowedOrigins());
        FilterRegistrationBean<FrontDoor> registration = new FilterRegistrationBean<>(door);
        registration.setName("umhubFrontDoor");
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
