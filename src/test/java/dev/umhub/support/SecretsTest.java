package dev.umhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksSecretsByNameInQueriesFormsJsonAndHeaders() {
        assertThat(Secrets.mask("Invalid character found in the request target [/webhooks/x?token=abc123&y=1 ]"))
                .isEqualTo("Invalid character found in the request target [/webhooks/x?token=****&y=1 ]");
        assertThat(Secrets.mask("token=hunter2&name=x")).isEqualTo("token=****&name=x");
        assertThat(Secrets.mask("measurement_id=G-1&api_secret=s3cr3t")).isEqualTo("measurement_id=G-1&api_secret=****");
        assertThat(Secrets.mask("{\"token\": \"abc\", \"name\": \"n\"}")).isEqualTo("{\"token\": \"****\", \"name\": \"n\"}");
        assertThat(Secrets.mask("Authorization: Bearer pat-na1-xyz")).isEqualTo("Authorization: Bearer ****");
        assertThat(Secrets.mask("{\"Authorization\":\"Basic dXNlcjpwYXNz\"}")).doesNotContain("dXNlcjpwYXNz");
        assertThat(Secrets.mask("mytoken=1 notatoken")).isEqualTo("mytoken=1 notatoken");
    }

    @Test
    void masksRegisteredValuesWherever_theyAppear() {
        Secrets.register("s3cr3t-configured-value");
        assertThat(Secrets.mask("path /x/s3cr3t-configured-value/y")).isEqualTo("path /x/****/y");
        Secrets.register("abc"); // too short to mask everywhere without masking ordinary words
        assertThat(Secrets.mask("abc")).isEqualTo("abc");
    }

    @Test
    void recognisesSecretHeaderAndParameterNames() {
        assertThat(Secrets.isSecretName("Authorization")).isTrue();
        assertThat(Secrets.isSecretName("api_secret")).isTrue();
        assertThat(Secrets.isSecretName("X-Api-Key")).isTrue();
        assertThat(Secrets.isSecretName("measurement_id")).isFalse();
        assertThat(Secrets.isSecretName("Content-Type")).isFalse();
    }
}
