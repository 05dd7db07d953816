package dev.umhub.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Country fields as platforms and people write them, to the ISO alpha-2 code rules compare with. */
class CountryCodesTest {

    @ParameterizedTest
    @CsvSource({
        "NL, NL", "nl, NL", "' NL ', NL", "NLD, NL", "deu, DE", "USA, US", "GBR, GB",
        "Netherlands, NL", "The Netherlands, NL", "the netherlands, NL", "Nederland, NL", "Holland, NL",
        "Germany, DE", "Deutschland, DE", "DEUTSCHLAND, DE", "Spain, ES", "España, ES", "Espana, ES",
        "Brazil, BR", "Brasil, BR", "Österreich, AT", "Schweiz, CH", "Suisse, CH", "België, BE", "Belgique, BE",
        "United States, US", "United States of America, US", "U.S.A., US", "UK, GB", "U.K., GB",
        "United Kingdom, GB", "Great Britain, GB", "England, GB", "Scotland, GB",
        "Côte d’Ivoire, CI", "Cote d'Ivoire, CI", "Ivory Coast, CI", "Bosnia & Herzegovina, BA",
        "Bosnia and Herzegovina, BA", "St. Kitts & Nevis, KN", "Saint Kitts and Nevis, KN", "Czechia, CZ",
        "Czech Republic, CZ", "Turkey, TR", "Türkiye, TR", "Viet Nam, VN", "Vietnam, VN", "Hong Kong, HK",
        "Åland Islands, AX", "South Africa, ZA", "Papua New Guinea, PG", "Россия, RU", "日本, JP",
    })
    void codesNamesAndAliasesGiveTheAlpha2Code(String text, String code) {
        assertThat(CountryCodes.of(text)).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "XX", "ZZZ", "Narnia", "Europe", "World", "Korea", "Congo", "America", "12345",
        "Amsterdam", "N L"})
    void whatIsNoCountryOrIsAmbiguousIsUnknown(String text) {
        assertThat(CountryCodes.of(text)).isNull();
    }

    @Test
    void nullAndVeryLongTextAreUnknown() {
        assertThat(CountryCodes.of(null)).isNull();
        assertThat(CountryCodes.of("Netherlands ".repeat(1000))).isNull();
    }

    @Test
    void codeAndNameAreSeparateQuestions() {
        assertThat(CountryCodes.code("nld")).isEqualTo("NL");
        assertThat(CountryCodes.code("Netherlands")).isNull();
        assertThat(CountryCodes.name("Netherlands")).isEqualTo("NL");
        assertThat(CountryCodes.name("NL")).as("a code is not a name").isNull();
    }

    /** The fact's contract holds whoever builds it: the adapter, an envelope's sender, a stored event read back. */
    @Test
    void billingCountryIsAlwaysACodeOrNull() {
        assertThat(new Billing(null, null, null, null, "Netherlands", null, null, null).country()).isEqualTo("NL");
        assertThat(new Billing(null, null, null, null, "nl", null, null, null).country()).isEqualTo("NL");
        assertThat(new Billing(null, null, null, null, "Narnia", null, null, null).country()).isNull();
        assertThat(new Billing(null, null, "Keizersgracht 1", null, null, null, "Amsterdam", "1012 AB"))
                .extracting(Billing::country, Billing::addressLine1, Billing::city, Billing::zipCode)
                .containsExactly(null, "Keizersgracht 1", "Amsterdam", "1012 AB");
    }
}
