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
     * Settings an embedded H2 file needs to keep umhub's promises, unless the URL sets them itself:
     * <ul>
     * <li>{@code WRITE_DELAY=0}: H2 has no redo log and by default writes commits to the file up to 500 ms later, so a
     * killed process loses events it already acknowledged (measured: 5 of 5 commits lost after {@code halt}); with 0
     * each commit is written before it returns.</li>
     * <li>{@code DB_CLOSE_ON_EXIT=FALSE}: the database must not close itself on JVM exit before the delivery lanes
     * have written their last attempts; Spring closes the pool in order instead.</li>
     * </ul>
     */
    static String h2Defaults(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        String upper = url.toUpperCase();
        String out = url;
        if (!upper.contains("WRITE_DELAY")) {
            out += ";WRITE_DELAY=0";
        }
        if (!upper.contains("DB_CLOSE_ON_EXIT")) {
            out += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return out;
    }
}
