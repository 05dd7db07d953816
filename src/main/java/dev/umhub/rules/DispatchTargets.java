package dev.umhub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The destinations rule files name in {@code new Dispatch("<destination>", ...)}, with where, so a rule that sends to
 * a destination that does not exist is reported when the rules load instead of making dead letters later.
 */
final class DispatchTargets {

    private static final Pattern DISPATCH = Pattern.compile("new\\s+Dispatch\\s*\\(\\s*\"([^\"]*)\"");

    /** One destination named by a rule file. */
    record Target(String destination, String file, int line, int column) {
    }

    private DispatchTargets() {
    }

    static List<Target> find(Map<String, String> sources) {
        List<Target> out = new ArrayList<>();
        sources.forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].trim().startsWith("//")) {
                    continue;
                }
                Matcher m = DISPATCH.matcher(lines[i]);
                while (m.find()) {
                    out.add(new Target(m.group(1), file, i + 1, m.start(1)));
                }
            }
        });
        return out;
    }

    /** Warnings for the targets that are not destinations now. */
    static List<RuleMessage> unknown(List<Target> targets, java.util.Set<String> known) {
        return targets.stream().filter(t -> !known.contains(t.destination()))
                .map(t -> new RuleMessage("WARNING", t.file(), t.line(), t.column(), "rule sends to '" + t.destination()
                        + "', which is no destination (known: " + known + "); add routes/destinations/"
                        + t.destination() + ".yaml consuming direct:deliver-" + t.destination()
                        + ", or fix the name; until then its deliveries are no_destination dead letters"))
                .toList();
    }
}
