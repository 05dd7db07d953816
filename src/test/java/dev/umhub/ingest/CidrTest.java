package dev.umhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void matchesRanges() {
        assertThat(Cidr.parse("203.0.113.0/24").contains("203.0.113.77")).isTrue();
        assertThat(Cidr.parse("203.0.113.0/24").contains("203.0.114.1")).isFalse();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.127.255.255")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.128.0.0")).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains("127.0.0.1")).isTrue();
        assertThat(Cidr.parse("::1/128").contains("::1")).isTrue();
        assertThat(Cidr.parse("::1/128").contains("127.0.0.1")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("198.51.100.1")).isTrue();
    }

    @Test
    void refusesHostNamesAndBadPrefixes() {
        assertThatThrownBy(() -> Cidr.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
