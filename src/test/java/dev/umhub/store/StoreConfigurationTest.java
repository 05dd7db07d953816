package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreConfigurationTest {

    @Test
    void embeddedH2FilesStayOpenUntilSpringClosesThemAndCacheStatements() {
        assertThat(StoreConfiguration.h2Defaults("jdbc:h2:file:./data/umhub"))
                .isEqualTo("jdbc:h2:file:./data/umhub;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(StoreConfiguration.h2Defaults("jdbc:h2:file:/x;write_delay=100"))
                .isEqualTo("jdbc:h2:file:/x;write_delay=100;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(StoreConfiguration.h2Defaults("jdbc:postgresql://db/umhub")).isEqualTo("jdbc:postgresql://db/umhub");
        assertThat(StoreConfiguration.h2Defaults("jdbc:h2:mem:t")).isEqualTo("jdbc:h2:mem:t");
    }
}
