package dev.umhub.rules;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The rule engine and the watcher that reloads {@code umhub.rules.directory}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RulesProperties.class)
@Import({RuleEngine.class, RulesFolderWatcher.class, RulesHistory.class, dev.umhub.rules.dryrun.DryRun.class,
        dev.umhub.rules.dryrun.DryRunJobs.class})
public class RulesConfiguration {

    /** Destinations came or went: rules that send to one that does not exist are logged. */
    @Bean
    ApplicationListener<KnownDestinations.Changed> umhubUnknownDestinationsWarning(RuleEngine rules) {
        return event -> rules.warnOfUnknownDestinations();
    }
}
