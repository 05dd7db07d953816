package dev.umhub.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreConfigurationTest {

    @Test
    void embeddedH2FilesWriteEachCommitBeforeItReturns() {
        assertThat(StoreConfiguration.h2Defaults("jdbc:h2:file:./data/umhub"))
                .isEqualTo("jdbc:h2:file:./data/umhub;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(StoreConfiguration.h2Defaults("jdbc:h2:file:/x;write_delay=100"))
                .isEqualTo("jdbc:h2:file:/x;write_delay=100;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(StoreConfiguration.h2Defaults("jdbc:postgresql://db/umhub")).isEqualTo("jdbc:postgresql://db/umhub");
        assertThat(StoreConfiguration.h2Defaults("jdbc:h2:mem:t")).isEqualTo("jdbc:h2:mem:t");
    }
}
