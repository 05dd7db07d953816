package dev.umhub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.rules.RuleFiles;
import dev.umhub.rules.dryrun.DryRun;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads a dry run's body strictly: an unknown field, a file name outside the rules folder, a wrong type is a 400. */
final class DryRunRequests {

    private static final Set<String> FIELDS = Set.of("files", "replace", "events", "page");
    private static final int DEFAULT_LIMIT = 100;

    private DryRunRequests() {
    }

    static DryRun.Request of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object with \"files\" and \"events\"");
        }
        StrictFields.onlyKnown(body, FIELDS::contains, "", "files, replace, events, page");
        JsonNode page = body.path("page");
        int offset = number(page, "offset", 0, Integer.MAX_VALUE, 0);
        int limit = number(page, "limit", 0, Limits.MAX, DEFAULT_LIMIT);
        return new DryRun.Request(files(body.path("files")), StrictFields.flag(body, "replace"),
                Selections.of(body.path("events")), offset, limit);
    }

    private static Map<String, byte[]> files(JsonNode files) {
        if (!files.isObject()) {
            throw new IllegalArgumentException("files must be an object of file name to file text, such as"
                    + " {\"own.drl\": \"rule ...\"}");
        }
        Map<String, byte[]> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (name.startsWith("/") || name.contains("\\") || name.contains("..") || !RuleFiles.isRuleFile(name)) {
                throw new IllegalArgumentException("file \"" + name + "\" is no rule file: names are relative to the"
                        + " rules folder and end in .drl, .csv, .xlsx, or are tests/*.yaml");
            }
            if (!f.getValue().isTextual()) {
                throw new IllegalArgumentException("file \"" + name + "\" must be given as text");
            }
            String text = f.getValue().asText();
            try {
                out.put(name, name.endsWith(".xlsx") ? Base64.getDecoder().decode(text)
                        : text.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("file \"" + name + "\": an .xlsx file is given as base64");
            }
        }
        return out;
    }

    private static int number(JsonNode parent, String field, int min, int max, int absent) {
        JsonNode n = parent.path(field);
        if (n.isMissingNode()) {
            return absent;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw new IllegalArgumentException("page." + field + " must be a whole number from " + min + " to " + max);
        }
        return n.asInt();
    }
}
