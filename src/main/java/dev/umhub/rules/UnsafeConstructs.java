package dev.umhub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DRL that compiles but breaks at run time in Drools 10.2.0, refused when the rules load so the previous rules keep
 * running. The {@code str[startsWith|endsWith|length]} operator fails once Drools JIT-compiles the constraint
 * (apache/incubator-kie-drools#6711): measured, every webhook after the 23rd answered 500 and was lost.
 */
final class UnsafeConstructs {

    private UnsafeConstructs() {
    }

    static List<RuleMessage> find(Map<String, String> sources) {
        List<RuleMessage> found = new ArrayList<>();
        sources.forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                int at = lines[i].indexOf("str[");
                if (at >= 0 && !lines[i].trim().startsWith("//")) {
                    found.add(new RuleMessage("ERROR", file, i + 1, at, "str[...] breaks at run time in Drools 10.2.0"
                            + " (apache/incubator-kie-drools#6711); write email.endsWith(\"...\") or"
                            + " email.startsWith(\"...\") instead"));
                }
            }
        });
        return found;
    }
}
