package dev.umhub.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.event.Change;
import dev.umhub.event.EventData;
import dev.umhub.event.PlatformEvent;
import dev.umhub.event.Plan;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The scenario tests of a rules folder ({@code tests/*.yaml}): given a payload (inline, or a fixture file under
 * {@code tests/fixtures/}) of a source's event, the destinations and actions the rules must choose, and those they must
 * not. A rules change that breaks one is refused like a compile error, so the rules people own cannot silently stop
 * doing what their scenarios say. Format (one file holds a list):
 *
 * <pre>
 * - name: A paid first payment goes to the CRM and to GA4
 *   slug: payment_received            # the webhook slug; source: ultimate-multisite unless given
 *   fixture: payment_received.json    # or payload: {...} inline
 *   type: membership.cancelled        # optional: the event type to decide as (a lifecycle event umhub derives)
 *   change: {entity: membership, from: active, to: cancelled}   # optional, with type
 *   plan: {name: Agency Plan, pricingType: paid}                # optional: the plan umhub learns from REST
 *   expect: {hubspot: upsert_contact, ga4: purchase}   # exactly these (a list for several actions; {} for none)
 *   to: [hubspot]                     # or only: these are chosen (any action)
 *   notTo: [salesforce]               # and these are not
 *   includes: {ga4: [purchase]}       # these actions are among those chosen
 *   excludes: {ga4: [large_purchase]} # these actions are not
 * </pre>
 */
final class Scenarios {

    static final String FIXTURES = RuleFiles.TESTS + "fixtures/";
    private static final String DEFAULT_SOURCE = "ultimate-multisite";
    private static final Set<String> FIELDS = Set.of("name", "source", "slug", "fixture", "payload", "type", "change",
            "plan", "expect", "to", "notTo", "includes", "excludes");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scenario, where it is written, and what it expects. */
    record Scenario(String file, int line, String name, String source, String slug, byte[] body, String type,
                    Change change, Plan plan, Map<String, Set<String>> expect, Set<String> to, Set<String> notTo,
                    Map<String, Set<String>> includes, Map<String, Set<String>> excludes) {
    }

    /** The scenarios of a folder, or the messages saying why a file could not be read (file and line). */
    record Parsed(List<Scenario> scenarios, List<RuleMessage> messages) {
        boolean ok() {
            return messages.isEmpty();
        }
    }

    /**
     * What running the scenarios found: how many passed, a message (file, line, what differed) per failure, and a
     * warning per scenario whose payload made a rule throw.
     */
    record Results(int passed, List<RuleMessage> failures, List<RuleMessage> warnings) {
    }

    private Scenarios() {
    }

    static Parsed parse(RuleFiles files) {
        List<Scenario> scenarios = new ArrayList<>();
        List<RuleMessage> messages = new ArrayList<>();
        files.scenarios().forEach((file, text) -> {
            try {
                Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
                if (root == null) {
                    return; // an empty file: no scenarios
                }
                if (!(root instanceof SequenceNode list)) {
                    throw new Refused(root, "a scenario file is a list of scenarios (\"- name: ...\")");
                }
                for (Node item : list.getValue()) {
                    scenarios.add(scenario(file, item, files));
                }
            } catch (MarkedYAMLException e) {
                int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
                messages.add(new RuleMessage("ERROR", file, line, 0, "not valid YAML: " + e.getProblem()));
            } catch (Refused e) {
                messages.add(new RuleMessage("ERROR", file, e.line, 0, e.getMessage()));
            } catch (RuntimeException e) {
                messages.add(new RuleMessage("ERROR", file, 0, 0, "cannot read: " + e.getMessage()));
            }
        });
        return new Parsed(scenarios, messages);
    }

    /**
     * Runs each scenario with the given rules; a payload its source refuses is a failure of that scenario. A rule that
     * throws for a scenario's payload is a warning, not a failure: such rules go live, and their events are kept with
     * the decision failed until they are decided again ({@code POST /api/events/redecide}), which is how an operator
     * finds and mends them; refusing them here would keep that from ever happening.
     */
    static Results run(List<Scenario> scenarios, CompiledRules rules, ScenarioEvents events) {
        int passed = 0;
        List<RuleMessage> failures = new ArrayList<>();
        List<RuleMessage> warnings = new ArrayList<>();
        for (Scenario s : scenarios) {
            String differs;
            try {
                Decision d = rules.decide(event(s, events));
                if (d.isFailed()) {
                    warnings.add(new RuleMessage("WARNING", s.file(), s.line(), 0, "scenario \"" + s.name()
                            + "\": " + d.failure().describe() + "; events like it will be kept with their decision"
                            + " failed until the rule is fixed and they are decided again"));
                    continue;
                }
                differs = check(s, d);
            } catch (RuntimeException e) {
                differs = "its payload could not be read as a " + s.source() + " " + s.slug() + ": " + e.getMessage();
            }
            if (differs == null) {
                passed++;
            } else {
                failures.add(new RuleMessage("ERROR", s.file(), s.line(), 0, "scenario \"" + s.name() + "\": "
                        + differs));
            }
        }
        return new Results(passed, failures, warnings);
    }

    /** The event a scenario decides: its payload as the source reads it, with the scenario's type, change and plan. */
    static PlatformEvent event(Scenario s, ScenarioEvents events) {
        PlatformEvent e = events.event(s.source(), s.slug(), s.body());
        if (s.type() == null && s.change() == null && s.plan() == null) {
            return e;
        }
        EventData d = e.data();
        EventData data = new EventData(d.customer(), d.membership(), d.payment(), d.site(), d.domain(), d.billing(),
                d.extra(), s.plan() == null ? d.plan() : s.plan(), s.change() == null ? d.change() : s.change());
        return new PlatformEvent(e.id(), e.source(), s.type() == null ? e.type() : s.type(), e.time(), e.subject(),
                e.origin(), e.test(), data);
    }

    /** What differs from the expectation, or null when the decision meets it. */
    private static String check(Scenario s, Decision d) {
        Map<String, Set<String>> got = new LinkedHashMap<>();
        d.dispatches().forEach(c -> got.computeIfAbsent(c.destination(), k -> new TreeSet<>()).add(c.action()));
        List<String> differences = new ArrayList<>();
        if (s.expect() != null && !s.expect().equals(got)) {
            differences.add("expected " + describe(s.expect()) + ", got " + describe(got));
        }
        Set<String> missing = s.to().stream().filter(t -> !got.containsKey(t)).collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            differences.add("expected to go to " + missing + ", got " + describe(got));
        }
        Set<String> unwanted = s.notTo().stream().filter(got::containsKey).collect(Collectors.toCollection(TreeSet::new));
        if (!unwanted.isEmpty()) {
            differences.add("expected not to go to " + unwanted + ", but " + unwanted.stream()
                    .map(u -> u + " was chosen by \"" + ruleOf(d, u) + "\"").collect(Collectors.joining(", ")));
        }
        s.includes().forEach((destination, actions) -> {
            Set<String> missingActions = new TreeSet<>(actions);
            missingActions.removeAll(got.getOrDefault(destination, Set.of()));
            if (!missingActions.isEmpty()) {
                differences.add("expected " + destination + " to include " + missingActions + ", got "
                        + describe(got));
            }
        });
        s.excludes().forEach((destination, actions) -> {
            Set<String> unwantedActions = new TreeSet<>(actions);
            unwantedActions.retainAll(got.getOrDefault(destination, Set.of()));
            if (!unwantedActions.isEmpty()) {
                differences.add("expected " + destination + " not to include " + unwantedActions + ", got "
                        + describe(got));
            }
        });
        if (differences.isEmpty()) {
            return null;
        }
        return String.join("; ", differences) + " (rules fired: " + d.rulesFired()
                + (d.vetoes().isEmpty() ? "" : ", vetoes: " + d.vetoes()) + ")";
    }

    private static String ruleOf(Decision d, String destination) {
        return d.dispatches().stream().filter(c -> c.destination().equals(destination)).findFirst()
                .map(Decision.ChosenDispatch::rule).orElse("?");
    }

    private static String describe(Map<String, Set<String>> choice) {
        return choice.isEmpty() ? "nothing" : choice.entrySet().stream()
                .map(e -> e.getKey() + ":" + String.join("+", e.getValue())).collect(Collectors.joining(", "));
    }

    private static Scenario scenario(String file, Node item, RuleFiles files) {
        if (!(item instanceof MappingNode map)) {
            throw new Refused(item, "a scenario is a mapping with name, slug, fixture or payload, and expectations");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode(), "a field name");
            if (!FIELDS.contains(key)) {
                throw new Refused(t.getKeyNode(), "unknown field \"" + key + "\" (known: " + new TreeSet<>(FIELDS) + ")");
            }
            fields.put(key, t.getValueNode());
        }
        String name = required(fields, "name", item);
        String slug = required(fields, "slug", item);
        String source = fields.containsKey("source") ? scalar(fields.get("source"), "source") : DEFAULT_SOURCE;
        byte[] body = body(fields, item, files);
        String type = fields.containsKey("type") ? scalar(fields.get("type"), "type") : null;
        Change change = fields.containsKey("change") ? fact(fields.get("change"), Change.class) : null;
        Plan plan = fields.containsKey("plan") ? fact(fields.get("plan"), Plan.class) : null;
        Map<String, Set<String>> expect = fields.containsKey("expect") ? expectations(fields.get("expect")) : null;
        Set<String> to = names(fields.get("to"));
        Set<String> notTo = names(fields.get("notTo"));
        Map<String, Set<String>> includes = fields.containsKey("includes") ? expectations(fields.get("includes"))
                : Map.of();
        Map<String, Set<String>> excludes = fields.containsKey("excludes") ? expectations(fields.get("excludes"))
                : Map.of();
        if (expect == null && to.isEmpty() && notTo.isEmpty() && includes.isEmpty() && excludes.isEmpty()) {
            throw new Refused(item, "scenario \"" + name + "\" expects nothing: give expect, to, notTo, includes or"
                    + " excludes");
        }
        return new Scenario(file, item.getStartMark().getLine() + 1, name, source, slug, body, type, change, plan,
                expect, to, notTo, includes, excludes);
    }

    /** A fact given in the scenario ({@code change}, {@code plan}), its fields named as in the fact model. */
    private static <T> T fact(Node node, Class<T> type) {
        try {
            return JSON.convertValue(value(node), type);
        } catch (IllegalArgumentException e) {
            throw new Refused(node, "not a " + type.getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static byte[] body(Map<String, Node> fields, Node item, RuleFiles files) {
        if (fields.containsKey("payload") == fields.containsKey("fixture")) {
            throw new Refused(item, "give the body as payload (inline) or fixture (a file under " + FIXTURES + "), one");
        }
        if (fields.containsKey("payload")) {
            try {
                return JSON.writeValueAsBytes(value(fields.get("payload")));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new Refused(fields.get("payload"), "payload cannot be written as JSON: " + e.getOriginalMessage());
            }
        }
        String fixture = scalar(fields.get("fixture"), "fixture");
        byte[] bytes = files.all().get(FIXTURES + fixture);
        if (bytes == null) {
            throw new Refused(fields.get("fixture"), "no fixture " + FIXTURES + fixture + " in the rules folder");
        }
        return bytes;
    }

    private static Map<String, Set<String>> expectations(Node node) {
        if (!(node instanceof MappingNode map)) {
            throw new Refused(node, "expect is a mapping of destination to action(s), such as {ga4: purchase}");
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String destination = scalar(t.getKeyNode(), "a destination");
            Set<String> actions = t.getValueNode() instanceof SequenceNode ? names(t.getValueNode())
                    : new TreeSet<>(Set.of(scalar(t.getValueNode(), "an action")));
            out.put(destination, actions);
        }
        return out;
    }

    private static Set<String> names(Node node) {
        if (node == null) {
            return Set.of();
        }
        if (!(node instanceof SequenceNode list)) {
            throw new Refused(node, "expected a list, such as [hubspot, ga4]");
        }
        Set<String> out = new TreeSet<>();
        list.getValue().forEach(n -> out.add(scalar(n, "a name")));
        return out;
    }

    private static String required(Map<String, Node> fields, String field, Node item) {
        if (!fields.containsKey(field)) {
            throw new Refused(item, "a scenario needs " + field);
        }
        return scalar(fields.get(field), field);
    }

    private static String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
            throw new Refused(node, what + " must be a single value");
        }
        return s.getValue();
    }

    /** A YAML node as plain values (JSON-like), numbers and booleans typed as YAML resolved them. */
    private static Object value(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.getValue().forEach(t -> out.put(scalar(t.getKeyNode(), "a key"), value(t.getValueNode())));
            return out;
        }
        if (node instanceof SequenceNode list) {
            return list.getValue().stream().map(Scenarios::value).toList();
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(s.getValue());
        }
        try {
            if (Tag.INT.equals(tag)) {
                return new BigInteger(s.getValue().replace("_", ""));
            }
            if (Tag.FLOAT.equals(tag)) {
                return new BigDecimal(s.getValue().replace("_", ""));
            }
        } catch (NumberFormatException e) { // YAML's hex, octal, sexagesimal and .inf: quote them to mean text
            throw new Refused(node, "the number " + s.getValue() + " is not a plain decimal; write it as 255 or"
                    + " \"0xFF\"");
        }
        return s.getValue();
    }

    /** A scenario file that cannot be used as written, with the line it points at. */
    private static final class Refused extends RuntimeException {
        final int line;

        Refused(Node at, String message) {
            super(message, null, false, false);
            this.line = at == null || at.getStartMark() == null ? 0 : at.getStartMark().getLine() + 1;
        }
    }
}
