package dev.umhub.ultimatemultisite;

import dev.umhub.pipeline.TestEventPolicy;
import dev.umhub.ultimatemultisite.enrich.CustomerEmails;
import dev.umhub.ultimatemultisite.enrich.Enricher;
import dev.umhub.ultimatemultisite.enrich.PlanCatalog;
import dev.umhub.ultimatemultisite.lifecycle.DerivedEvents;
import dev.umhub.ultimatemultisite.lifecycle.LifecycleTracker;
import dev.umhub.ultimatemultisite.lifecycle.StateTracker;
import dev.umhub.ultimatemultisite.platform.PlatformRestClient;
import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import dev.umhub.ultimatemultisite.reconcile.Reconciler;
import dev.umhub.ultimatemultisite.subscribe.WebhookSubscriber;
import dev.umhub.ultimatemultisite.writeback.CrmIdWriteBack;
import dev.umhub.ultimatemultisite.writeback.PlatformWriteBack;
import dev.umhub.ultimatemultisite.writeback.WriteBackProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Ultimate Multisite as one wing: its webhook format, the lifecycle events it never sends (state tracking,
 * reconciliation over its REST API, enrichment) and the webhook subscription helper.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UltimateMultisiteProperties.class, WriteBackProperties.class})
@Import({UltimateMultisiteAdapter.class, WebhookGuard.class, PlatformRestClient.class, PlanCatalog.class,
    CustomerEmails.class, Enricher.class, StateTracker.class, DerivedEvents.class, LifecycleTracker.class,
    Reconciler.class, WebhookSubscriber.class, PlatformWriteBack.class, CrmIdWriteBack.class,
    UltimateMultisiteConfiguration.SourcesApi.class})
public class UltimateMultisiteConfiguration {

    @Bean
    PlatformRestProperties umhubPlatformRest(UltimateMultisiteProperties properties) {
        return properties.getRest();
    }

    @Bean
    TestEventPolicy umhubTestEventPolicy(UltimateMultisiteProperties properties) {
        return new TestEventPolicy(properties.isDeliverTestEvents());
    }

    /** {@code /api/sources}, with the rest of the admin API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "umhub.admin", name = "enabled", havingValue = "true")
    @Import(SourcesController.class)
    static class SourcesApi {
    }
}
