package dev.umhub.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RestController;

/**
 * Marks a controller of umhub's admin API: served under {@code umhub.admin.path}, answered with umhub's own JSON and
 * problem+json, and only when {@code umhub.admin.enabled}. A host application's controllers are never touched.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface UmhubAdminApi {
}
