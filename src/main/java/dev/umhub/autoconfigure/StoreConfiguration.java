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
     * An embedded H2 file must not close itself on JVM exit before the delivery lanes have written their last
     * attempts; Spring closes the pool in order instead.
     */
    static String h2Defaults(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase().contains("DB_CLOSE_ON_EXIT")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }
}
