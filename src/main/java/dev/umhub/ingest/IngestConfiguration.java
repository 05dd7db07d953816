package dev.umhub.ingest;

import dev.umhub.ingest.envelope.EnvelopeAdapter;
import dev.umhub.ingest.envelope.EnvelopeProperties;
import dev.umhub.ingest.envelope.SignedEnvelopeGuard;
import dev.umhub.ingest.inbox.InboxFileGuard;
import dev.umhub.ingest.inbox.InboxFileNames;
import dev.umhub.ingest.inbox.InboxRejection;
import dev.umhub.ingest.inbox.InboxProperties;
import dev.umhub.rules.ScenarioEvents;
import dev.umhub.store.QuarantineStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The ingest entry, the source formats other than Ultimate Multisite's, and the quarantine of refused messages. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QuarantineProperties.class, InboxProperties.class, EnvelopeProperties.class})
@Import({Ingest.class, Normaliser.class, EnvelopeAdapter.class, SignedEnvelopeGuard.class, InboxFileNames.class})
public class IngestConfiguration {

    /** The rules' scenario tests read their payloads as the doors do: same normalisers, nothing stored. */
    @Bean
    ScenarioEvents umhubScenarioEvents(Normaliser normaliser, Clock clock) {
        return (source, origin, body) -> normaliser.preview(source, origin, body, clock.instant());
    }

    @Bean
    Quarantine umhubQuarantine(QuarantineStore store, QuarantineProperties properties) {
        return new Quarantine(store, properties);
    }

    @Bean("umhubInboxFileGuard")
    InboxFileGuard umhubInboxFileGuard(Quarantine quarantine, InboxProperties inbox, QuarantineProperties kept,
                                       Clock clock) {
        // a refused file's body is read only as far as the quarantine keeps it
        return new InboxFileGuard(quarantine, inbox, kept.getMaxBodyBytes(), clock);
    }

    @Bean("umhubInboxRejection")
    InboxRejection umhubInboxRejection(Quarantine quarantine, Refusals refusals) {
        return new InboxRejection(quarantine, refusals);
    }
}
