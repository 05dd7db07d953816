package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.Fixtures;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of docs/rules.md, as a reader would copy them next to the shipped rules, compile and do what it says. */
class RulesDocsTest {

    private static final Pattern DRL = Pattern.compile("```drl\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyExampleCompilesNextToTheShippedRules() throws IOException {
        List<String> blocks = blocks();
        String header = blocks.get(0);
        assertThat(header).startsWith("package dev.umhub.rules;").doesNotContain("rule \"");
        List<String> examples = blocks.subList(1, blocks.size());
        assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
        Files.copy(Path.of("rules/integrations.drl"), dir.resolve("integrations.drl"));
        for (int i = 0; i < examples.size(); i++) {
            Files.writeString(dir.resolve("example-" + i + ".drl"), header + "\n" + examples.get(i));
        }
        RuleEngine engine = IntegrationRulesTest.engine(dir);
        RulesStatus.LoadAttempt attempt = engine.status().lastAttempt();
        assertThat(attempt.accepted()).as(attempt.messages().toString()).isTrue();
        assertThat(engine.status().rules()).contains("Example: EU purchases are also GA4 eu_purchase",
                "Example: plan upgrades become Pipedrive deals");

        // a real 2.4.10 body carries the address as the customer typed it, the country in it as text
        var body = Fixtures.object("real-2.4.10/payment_received-1.json");
        body.put("customer_billing_address", "alice\nalice@example.com\nKeizersgracht 1\n1015 CJ Amsterdam\nNetherlands");
        PlatformEvent dutch = new UltimateMultisiteAdapter().normalise("payment_received", body, Instant.now()).event();
        assertThat(dutch.data().billing().country()).isEqualTo("NL");
        assertThat(engine.decide(dutch).dispatches()).extracting(d -> d.destination() + ":" + d.action())
                .contains("ga4:purchase", "ga4:eu_purchase");
    }

    private static List<String> blocks() throws IOException {
        Matcher m = DRL.matcher(Files.readString(Path.of("docs/rules.md")));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
