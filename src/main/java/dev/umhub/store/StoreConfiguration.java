package dev.umhub.store;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The store and its repositories, from {@code umhub.store.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
@Import({Json.class, DurableCommits.class, EventStore.class, EventListing.class, DeliveryStore.class, CustomerStore.class,
    LifecycleStateStore.class, SourceStateStore.class, QuarantineStore.class, Retention.class, IntakeStore.class,
    RulesVersionStore.class, IntakeRedoLog.class})
public class StoreConfiguration {

    @Bean(destroyMethod = "close")
    Store umhubStore(StoreProperties properties) {
        return Store.open(properties);
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    StoreHealth umhubStoreHealthIndicator(Store store) {
        return new StoreHealth(store);
    }

    /** An H2 database in a file (not in memory): the default store. */
    static boolean isH2File(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    /**
     * Settings an embedded H2 file needs, unless the URL sets them itself:
     * <ul>
     * <li>{@code DB_CLOSE_ON_EXIT=FALSE}: the database must not close itself on JVM exit before the delivery lanes
     * have written their last attempts; the pool is closed in order instead.</li>
     * <li>{@code QUERY_CACHE_SIZE=64}: H2 keeps 8 parsed statements per connection by default; one event runs about
     * twenty different ones, so each was parsed again every time (5 % of CPU under load).</li>
     * </ul>
     * H2's {@code WRITE_DELAY} stays at its default: acknowledgements wait for {@link IntakeRedoLog} instead of
     * every commit writing its own chunk.
     */
    static String h2Defaults(String url) {
        if (!isH2File(url)) {
            return url;
        }
        String upper = url.toUpperCase();
        String out = url;
        if (!upper.contains("QUERY_CACHE_SIZE")) {
            out += ";QUERY_CACHE_SIZE=64";
        }
        if (!upper.contains("DB_CLOSE_ON_EXIT")) {
            out += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return out;
    }
}
