package dev.umhub.ultimatemultisite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Free-text billing addresses as the platform joins them (one field a line: name, email, address lines, country
 * code, state, city, zip) and as people type them into one field.
 */
class CountryFromAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # the platform's own text: the country line precedes the state, city and zip
        Jane Doe\\njane@example.com\\n1 Main St\\nUS\\nCA\\nLos Angeles\\n90001                | US
        Jane Doe\\njane@example.com\\n1 Main St\\nUS\\nGeorgia\\nAtlanta\\n30301               | US
        ACME Ltd\\njane@acme.example\\n12 Harbour Street\\nNL\\nZuid-Holland\\nRotterdam\\n3011 AB | NL
        Studio Noord B.V.\\nbilling@studionoord.example\\nNoordeinde 4\\nGroningen\\n9711 AA\\nNL  | NL
        carol\\ncarol@example.com\\nNL                                                      | NL
        Ana García\\nCalle Mayor 1\\nMadrid\\n28013\\nES                                      | ES
        # typed addresses: multi-line, comma separated, with postcodes
        1600 Amphitheatre Pkwy, Mountain View, CA 94043, United States                      | US
        Jane Doe\\n1 Infinite Loop\\nCupertino, CA 95014\\nUSA                                  | US
        Springfield, IL 62701, U.S.A.                                                       | US
        Keizersgracht 1\\n1012 AB Amsterdam, Nederland                                       | NL
        Keizersgracht 1, 1012 AB Amsterdam, The Netherlands                                 | NL
        Rotterdam 3011 AB NLD                                                               | NL
        10 Downing Street, London SW1A 2AA, United Kingdom                                  | GB
        221B Baker Street\\nLondon NW1 6XE\\nEngland                                          | GB
        London SW1A 2AA UK                                                                  | GB
        Av. Paulista, 1000 - Bela Vista, São Paulo - SP, 01310-100, Brasil                  | BR
        Rua Augusta 500\\nSão Paulo - SP\\n01305-000\\nBrazil                                  | BR
        Musterstraße 1\\n10115 Berlin\\nDeutschland                                           | DE
        Musterstraße 1, 10115 Berlin, Germany                                               | DE
        Musterstraße 1\\n10115 Berlin Germany                                                | DE
        Berlin 10115 DE                                                                     | DE
        Calle Mayor 1, 28013 Madrid, España                                                 | ES
        Rue de la Loi 16, 1000 Bruxelles, Belgique                                          | BE
        Tbilisi 0105, Georgia                                                               | GE
        # lower case and trailing whitespace
        keizersgracht 1\\n1012 ab amsterdam, nederland                                       | NL
        12 holland road, london w14 8ba, uk                                                 | GB
        Musterstraße 1   \\n10115 Berlin  \\n  Deutschland   \\n\\n                               | DE
        Jane\\r\\njane@example.com\\r\\nNL\\r\\n                                                  | NL
        # a street named after a country is not the country
        12 Holland Road\\nLondon W14 8BA\\nUnited Kingdom                                     | GB
        12 Holland Road, London W14 8BA, UK                                                 | GB
        Jane\\njane@example.com\\n12 Holland Road\\nGB\\nLondon\\nW14 8BA                        | GB
        """)
    void theCountryIsFound(String address, String country) {
        assertThat(CountryFromAddress.find(unescape(address))).isEqualTo(country);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # nothing names a country: the real 2.4.10 bodies and the platform's test event
        carol\\ncarol@example.com                         | real confirm_email_address
        Company Co.\\ncompany@co.dev                      | the platform's mock customer
        # a name or email is not read as a country
        Chad\\nchad@example.com                           | a customer called Chad
        Jordan Smith\\njordan@example.jo                  | a TLD is no country
        # ambiguous: a state, a street, the tail of another name
        Holland Road 3, London                            | a street
        Atlanta, GA                                       | Georgia the state, or Gabon
        Atlanta, Georgia 30301                            | the state before its zip
        Dover, DE 19901                                   | Delaware, not Germany
        Santa Fe, New Mexico                              | not Mexico
        Newark, New Jersey                                | not Jersey
        Sydney, New South Wales                           | not Wales
        12 MAIN ST                                        | a street, not São Tomé
        Studio\\nACME BV                                  | a company form, not Bouvet Island
        Den Haag\\n2511 CV                                | a Dutch postcode, not Cabo Verde
        Amsterdam                                         | a city
        Narnia                                            | no country
        """)
    void noCountryIsGuessed(String address, String why) {
        assertThat(CountryFromAddress.find(unescape(address))).as(why).isNull();
    }

    @Test
    void emptyBlankAndHugeTextNameNoCountry() {
        assertThat(CountryFromAddress.find(null)).isNull();
        assertThat(CountryFromAddress.find("")).isNull();
        assertThat(CountryFromAddress.find(" \n ")).isNull();
        assertThat(CountryFromAddress.find("y".repeat(1_000_000))).isNull();
        assertThat(CountryFromAddress.find("NL\n".repeat(CountryFromAddress.MAX_LENGTH))).isNull();
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
