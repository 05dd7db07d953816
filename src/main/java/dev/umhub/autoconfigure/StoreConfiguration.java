package dev.umhub.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store's DataSource from {@code umhub.store.*}, and the clock everything time-dependent reads. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DataSource dataSource(UmhubProperties properties) {
        UmhubProperties.Store store = properties.getStore();
        HikariDataSource ds = DataSourceBuilder.create().type(HikariDataSource.class).url(h2Defaults(store.getUrl()))
                .username(store.getUsername()).password(store.getPassword()).build();
        ds.setPoolName("umhub-store");
        return ds;
    }

    /**
     * Settings an embedded H2 file needs, unless the URL sets them itself:
     * <ul>
     * <li>{@code DB_CLOSE_ON_EXIT=FALSE}: the database must not close itself on JVM exit before the delivery lanes
     * have written their last attempts; Spring closes the pool in order instead.</li>
     * <li>{@code QUERY_CACHE_SIZE=64}: H2 keeps 8 parsed statements per connection by default; one event runs about
     * twenty different ones, so each was parsed again every time (5 % of CPU under load).</li>
     * </ul>
     * H2's {@code WRITE_DELAY} stays at its default: acknowledgements wait for {@link dev.umhub.store.DurableCommits}
     * instead of every commit writing its own chunk.
     */
    static String h2Defaults(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
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
