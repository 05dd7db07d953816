package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.Fixtures;
import dev.umhub.event.EventData;
import dev.umhub.event.Plan;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision tables: the shipped rules/plans.csv with rules/integrations.drl, and tables umhub must refuse. */
class DecisionTableTest {

    private static final RuleEngine SHIPPED = IntegrationRulesTest.engine(Path.of("rules"));

    private static String shippedTable() throws Exception {
        return Files.readString(Path.of("rules/plans.csv"));
    }

    private static String shippedDrl() throws Exception {
        return Files.readString(Path.of("rules/integrations.drl"));
    }

    /** A fixture event as the adapter makes it, with the plan umhub would learn and, if given, another total. */
    private static PlatformEvent event(String slug, String fixture, String planName, String total) {
        PlatformEvent e = new UltimateMultisiteAdapter().normalise(slug, Fixtures.object(fixture), Instant.now()).event();
        EventData data = e.data();
        if (planName != null) {
            data = data.withPlan(with(with(with(empty(Plan.class), "name", planName), "pricingType", "paid"),
                    "currency", "USD"));
        }
        if (total != null) {
            data = with(data, "payment", with(with(data.payment(), "total", new BigDecimal(total)), "subtotal",
                    new BigDecimal(total)));
        }
        return with(e, "data", data);
    }

    /** A record of all nulls: the facts here need a field or two, whatever else the record carries. */
    private static <R extends Record> R empty(Class<R> type) {
        return construct(type, new Object[type.getRecordComponents().length]);
    }

    /** A copy of a record with one component changed. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R with(R record, String component, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                args[i] = components[i].getName().equals(component) ? value
                        : components[i].getAccessor().invoke(record);
            }
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
        return construct((Class<R>) record.getClass(), args);
    }

    private static <R extends Record> R construct(Class<R> type, Object[] args) {
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> dispatches(PlatformEvent e) {
        return SHIPPED.decide(e).dispatches().stream().map(d -> d.destination() + ":" + d.action()).toList();
    }

    @Test
    void theShippedTableCompilesWithTheShippedRules() {
        RulesStatus status = SHIPPED.status();
        assertThat(status.lastAttempt().accepted()).as(status.lastAttempt().toString()).isTrue();
        assertThat(status.lastAttempt().messages()).noneMatch(m -> m.level().equals("ERROR"));
        assertThat(status.rules()).hasSize(4 + 5).contains("Agency Plan purchases are also GA4 purchase_agency",
                "Completed payments above zero are GA4 purchases");
        assertThat(status.files()).extracting(RulesStatus.RuleFile::name).contains("integrations.drl", "plans.csv");
    }

    @Test
    void anAgencyPlanPurchaseAddsItsGa4EventToTheSameGa4Delivery() {
        Decision d = SHIPPED.decide(event("payment_received", "payment_received.json", "Agency Plan", null));
        assertThat(d.dispatches()).extracting(c -> c.destination() + ":" + c.action())
                .containsExactlyInAnyOrder("hubspot:upsert_contact", "ga4:purchase", "ga4:purchase_agency");
        // one delivery to GA4 with both events (one Measurement Protocol request), one to HubSpot
        assertThat(d.byDestination()).containsOnlyKeys("hubspot", "ga4");
        assertThat(d.byDestination().get("ga4")).extracting(Decision.ChosenDispatch::rule)
                .containsExactlyInAnyOrder("Completed payments above zero are GA4 purchases",
                        "Agency Plan purchases are also GA4 purchase_agency");
    }

    @Test
    void aLargeProPlanPaymentGetsBothItsPlanAndItsAmountEvents() {
        assertThat(dispatches(event("payment_received", "payment_received.json", "Pro Plan", "600.00")))
                .containsExactlyInAnyOrder("hubspot:upsert_contact", "ga4:purchase", "ga4:purchase_pro",
                        "ga4:large_purchase");
        assertThat(dispatches(event("payment_received", "payment_received.json", null, "499.99")))
                .containsExactlyInAnyOrder("hubspot:upsert_contact", "ga4:purchase");
    }

    @Test
    void aFreeAgencyPaymentSendsNothingAndAnEventWithoutPlanIsAsBefore() {
        assertThat(dispatches(event("payment_received", "payment_received-free-plan.json", "Agency Plan", null)))
                .isEmpty();
        assertThat(dispatches(event("payment_received", "payment_received.json", null, null)))
                .containsExactlyInAnyOrder("hubspot:upsert_contact", "ga4:purchase");
    }

    @Test
    void anAgencyPlanCancellationIsAlsoItsOwnGa4Event() {
        assertThat(dispatches(event("membership_updated", "membership_updated-cancelled.json", "Agency Plan", null)))
                .containsExactlyInAnyOrder("ga4:membership_cancelled", "ga4:membership_cancelled_agency");
    }

    @Test
    void theTablesDestinationsArePlacedAtTheirCells() throws Exception {
        Map<String, String> files = Map.of("integrations.drl", shippedDrl(),
                "plans.csv", shippedTable().replace("\"ga4, purchase_pro\"", "\"gaa4, purchase_pro\""));
        List<DispatchTargets.Target> targets = RuleCompiler.compile(RuleFiles.ofTexts(files)).targets();
        assertThat(targets).filteredOn(t -> t.file().equals("plans.csv")).hasSize(5);
        assertThat(DispatchTargets.unknown(targets, java.util.Set.of("hubspot", "ga4"))).singleElement()
                .satisfies(w -> {
                    assertThat(w.file()).isEqualTo("plans.csv");
                    assertThat(w.line()).isEqualTo(14);
                    assertThat(w.column()).isEqualTo(6); // G
                    assertThat(w.text()).contains("'gaa4'");
                });
    }

    @Test
    void aBadCellIsRefusedWithItsFileAndCell() throws Exception {
        RuleCompiler.Result r = compile("plans.csv", shippedTable().replace("\"USD\",\"500\"", "\"USD\",\"lots\""));
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.level()).isEqualTo("ERROR");
            assertThat(m.file()).isEqualTo("plans.csv");
            assertThat(m.line()).isEqualTo(15);
            assertThat(m.column()).isEqualTo(5); // F
            assertThat(m.text()).startsWith("cell F15 (rule \"USD payments of 500 or more are also GA4 large_purchase\"")
                    .contains("lots").contains("the column's code is in F11");
        });
    }

    @Test
    void aCellOutsideTheTablesColumnsIsRefusedAtThatCell() throws Exception {
        RuleCompiler.Result r = compile("plans.csv",
                shippedTable().replace("\"ga4, purchase_pro\"", "\"ga4, purchase_pro\",\"stray\""));
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.file()).isEqualTo("plans.csv");
            assertThat(m.line()).isEqualTo(14);
            assertThat(m.column()).isEqualTo(7);
            assertThat(m.text()).contains("cell H14");
        });
    }

    @Test
    void aCellWithTooFewValuesIsRefused() throws Exception {
        RuleCompiler.Result r = compile("plans.csv",
                shippedTable().replace("\"ga4, large_purchase\"", "\"slack\""));
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).extracting(RuleMessage::text)
                .anySatisfy(t -> assertThat(t).startsWith("cell G15").contains("$2 is left unfilled"))
                .anySatisfy(t -> assertThat(t).startsWith("cell G16"));
    }

    @Test
    void aBadGa4NameInATableIsRefusedAtItsCell() throws Exception {
        RuleCompiler.Result r = compile("plans.csv",
                shippedTable().replace("ga4, purchase_agency", "ga4, session_start"));
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.file()).isEqualTo("plans.csv");
            assertThat(m.line()).isEqualTo(13);
            assertThat(m.column()).isEqualTo(6);
            assertThat(m.text()).startsWith("cell G13").contains("'session_start' is reserved by GA4");
        });
    }

    @Test
    void anUnsafeConstructInAColumnsCodeIsRefusedAtTheCells() throws Exception {
        RuleCompiler.Result r = compile("plans.csv",
                shippedTable().replace("name == \"\"$param\"\"", "name str[startsWith] \"\"$param\"\""));
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).extracting(m -> m.file() + ":" + m.line() + ":" + m.column())
                .containsExactlyInAnyOrder("plans.csv:13:3", "plans.csv:14:3", "plans.csv:17:3");
        assertThat(r.messages()).allSatisfy(m -> assertThat(m.text()).contains("the column's code is in D11")
                .contains("str[...] breaks at run time"));
    }

    @Test
    void aCsvThatIsNoDecisionTableIsRefusedWithItsName() throws Exception {
        RuleCompiler.Result r = compile("prices.csv", "plan,price\nPro Plan,29\n");
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.level()).isEqualTo("ERROR");
            assertThat(m.file()).isEqualTo("prices.csv");
            assertThat(m.text()).startsWith("not a decision table").contains("RuleTable");
        });
    }

    @Test
    void anXlsxTableCompilesLikeItsCsv() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("integrations.drl", shippedDrl().getBytes(StandardCharsets.UTF_8));
        files.put("plans.xlsx", xlsx(shippedTable().replace("ga4, purchase_pro", "ga4, purchase-pro")));
        RuleCompiler.Result bad = RuleCompiler.compile(new RuleFiles(files));
        assertThat(bad.messages()).singleElement().satisfies(m -> {
            assertThat(m.file()).isEqualTo("plans.xlsx");
            assertThat(m.text()).startsWith("cell G14").contains("'purchase-pro'");
        });

        files.put("plans.xlsx", xlsx(shippedTable()));
        RuleCompiler.Result good = RuleCompiler.compile(new RuleFiles(files));
        assertThat(good.accepted()).as(good.messages().toString()).isTrue();
        assertThat(good.ruleNames()).contains("Pro Plan purchases are also GA4 purchase_pro").hasSize(9);
    }

    @Test
    void aFileThatIsNoWorkbookIsRefusedWithItsName() {
        RuleCompiler.Result r = RuleCompiler.compile(new RuleFiles(Map.of("plans.xlsx",
                "RuleSet,dev.umhub.rules".getBytes(StandardCharsets.UTF_8))));
        assertThat(r.accepted()).isFalse();
        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.file()).isEqualTo("plans.xlsx");
            assertThat(m.text()).startsWith("cannot be read as a decision table (an .xlsx workbook)");
        });
    }

    @Test
    void aBrokenTableKeepsThePreviousRulesRunning(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("integrations.drl"), shippedDrl());
        Files.writeString(folder.resolve("plans.csv"), shippedTable());
        RuleEngine engine = IntegrationRulesTest.engine(folder);
        String good = engine.status().version();

        Files.writeString(folder.resolve("plans.csv"), shippedTable().replace("\"Pro Plan\",,\"0.01\"",
                "\"Pro Plan\",,\"0,01\""));
        assertThat(engine.reloadIfChanged()).isFalse();
        assertThat(engine.status().version()).isEqualTo(good);
        assertThat(engine.status().lastAttempt().messages()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.file()).isEqualTo("plans.csv"))
                .anySatisfy(m -> assertThat(m.text()).startsWith("cell F14"));
        assertThat(engine.decide(event("payment_received", "payment_received.json", "Pro Plan", null)).dispatches())
                .extracting(Decision.ChosenDispatch::action).contains("purchase_pro");
    }

    private static RuleCompiler.Result compile(String table, String text) throws Exception {
        return RuleCompiler.compile(RuleFiles.ofTexts(Map.of("integrations.drl", shippedDrl(), table, text)));
    }

    /** The CSV table as a workbook of one sheet, as a spreadsheet program would save it. */
    private static byte[] xlsx(String csv) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Plans");
            List<String> lines = csv.lines().toList();
            for (int r = 0; r < lines.size(); r++) {
                var row = sheet.createRow(r);
                List<String> cells = new CsvLineParser().parse(lines.get(r));
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
