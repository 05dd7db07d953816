package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.connector.ga4.Ga4EventNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GA4 event names GA4 would silently drop are refused when the rules load. */
class Ga4EventNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"purchase", "membership_cancelled", "payment_failed", "purchase_agency", "a", "Purchase2",
        "refund", "x234567890123456789012345678901234567890"})
    void namesGa4KeepsPass(String name) {
        assertThat(name.length()).isLessThanOrEqualTo(40);
        assertThat(Ga4EventNames.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "session_start|is reserved by GA4",
        "error|is reserved by GA4",
        "first_visit|is reserved by GA4",
        "screen_view|is reserved by GA4",
        "app_store_subscription_cancel|is reserved by GA4",
        "user_engagement|is reserved by GA4",
        "_purchase|starts with '_', a prefix GA4 reserves",
        "firebase_signup|starts with 'firebase_', a prefix GA4 reserves",
        "ga_purchase|starts with 'ga_', a prefix GA4 reserves",
        "google_purchase|starts with 'google_', a prefix GA4 reserves",
        "gtag.purchase|starts with 'gtag.', a prefix GA4 reserves",
        "x2345678901234567890123456789012345678901|is 41 characters long, GA4 takes at most 40",
        "1purchase|must start with a letter, not '1'",
        "purchase-pro|has '-' at 9; GA4 takes only letters, digits and _",
        "purchase pro|has ' ' at 9; GA4 takes only letters, digits and _",
        "Order Completed|has ' ' at 6; GA4 takes only letters, digits and _",
        "purchase.pro|has '.' at 9; GA4 takes only letters, digits and _",
        "achat_réussi|has 'é' at 8; GA4 takes only letters, digits and _",
        "''|is empty",
    })
    void namesGa4DropsAreRefusedWithTheReason(String name, String why) {
        assertThat(Ga4EventNames.problem(name)).contains(why);
    }

    private static final String RULES = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;

            rule "Signups go to GA4"
            when
                PlatformEvent( type == "customer.created" )
            then
                insert(new Dispatch("ga4", "sign_up"));
            end

            rule "Sessions go to GA4"
            when
                PlatformEvent( type == "site.published" )
            then
                insert(new Dispatch(
                        "ga4",   "session_start"));
            end
            """;

    @Test
    void aReservedNameIsRefusedThroughTheCompilerAtItsLineAndColumn() {
        RuleCompiler.Result r = RuleCompiler.compile(RuleFiles.ofTexts(Map.of("ga4.drl", RULES)));
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.level()).isEqualTo("ERROR");
            assertThat(m.file()).isEqualTo("ga4.drl");
            assertThat(m.line()).isEqualTo(16);
            assertThat(m.column()).isEqualTo(RULES.lines().toList().get(15).indexOf("session_start"));
            assertThat(m.text()).startsWith("GA4 event name 'session_start' is reserved by GA4");
        });
    }

    @Test
    void aNameThatIsTooLongOrStartsWithADigitIsRefusedToo() {
        String drl = RULES.replace("\"session_start\"", "\"1st_session\"")
                .replace("\"sign_up\"", "\"customer_signed_up_through_the_agency_checkout\"");
        RuleCompiler.Result r = RuleCompiler.compile(RuleFiles.ofTexts(Map.of("ga4.drl", drl)));
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).extracting(m -> m.line() + ": " + m.text()).satisfiesExactlyInAnyOrder(
                t -> assertThat(t).startsWith("8: GA4 event name 'customer_signed_up_through_the_agency_checkout' is 46"),
                t -> assertThat(t).startsWith("16: GA4 event name '1st_session' must start with a letter"));
    }

    @Test
    void goodNamesOtherDestinationsCommentsAndComputedNamesAreLeftAlone() {
        String drl = RULES.replace("\"session_start\"", "\"site_published\"") + """

                // rule "Old" when then insert(new Dispatch("ga4", "session_start")); end
                /* insert(new Dispatch("ga4", "error")); */
                rule "Segment wants spaces"
                when
                    PlatformEvent( $type : type, type == "payment.received" )
                then
                    insert(new Dispatch("segment", "Order Completed"));
                    insert(new Dispatch("ga4", $type.equals("payment.received") ? "purchase" : "x"));
                end
                """;
        RuleCompiler.Result r = RuleCompiler.compile(RuleFiles.ofTexts(Map.of("ga4.drl", drl)));
        assertThat(r.accepted()).as(r.messages().toString()).isTrue();
        assertThat(DispatchTargets.find(Map.of("ga4.drl", drl))).extracting(t -> t.destination() + ":" + t.action())
                .containsExactly("ga4:sign_up", "ga4:site_published", "segment:Order Completed", "ga4:null");
    }

    @Test
    void theShippedRulesNameOnlyNamesGa4Keeps() {
        RuleCompiler.Result r = RuleCompiler.compile(RuleFiles.read(java.nio.file.Path.of("rules")));
        assertThat(r.accepted()).as(r.messages().toString()).isTrue();
    }
}
