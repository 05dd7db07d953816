package dev.umhub.admin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin API, when {@code umhub.admin.enabled}: its controllers under {@code umhub.admin.path}, their problem and
 * JSON handling, and the refusal to run it open off loopback.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "umhub.admin", name = "enabled", havingValue = "true")
@Import({EventsController.class, DeadLettersController.class, DestinationsController.class, CustomersController.class,
    QuarantineController.class, IntakeController.class, RulesController.class, RulesVersionsController.class, RoutesController.class, AdminProblems.class, AdminJsonAnswers.class})
public class AdminConfiguration implements WebMvcConfigurer {

    private final AdminProperties admin;

    public AdminConfiguration(AdminProperties admin) {
        this.admin = admin;
    }

    @Bean
    AdminTokenRequirement umhubAdminTokenRequirement(ServerProperties server) {
        return new AdminTokenRequirement(server, admin);
    }

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.addPathPrefix(admin.servedPath(), HandlerTypePredicate.forAnnotation(UmhubAdminApi.class));
    }
}
