package dev.umhub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The destinations rule files name in {@code new Dispatch("<destination>", ...)}, with where, so a rule that sends to
 * a destination that does not exist is reported when the rules load instead of making dead letters later; and the
 * action when it is a literal ({@code new Dispatch("ga4", "purchase")}), so {@link Ga4NameCheck} can refuse a GA4
 * event name GA4 would drop. Comments are skipped; a call may span lines.
 */
final class DispatchTargets {

    /** The destination literal, then the action when it is a string literal and the whole second argument. */
    private static final Pattern DISPATCH = Pattern.compile(
            "new\\s+Dispatch\\s*\\(\\s*\"([^\"\\n]*)\"(?:\\s*,\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\"\\s*\\))?");

    /**
     * One destination named by a rule file.
     *
     * @param action       the action literal, or null when the action is computed
     * @param line         from 1, where the destination literal is (for a decision table: its row)
     * @param column       from 0 (for a decision table: the column of the cell, 0 for A)
     * @param actionLine   where the action literal is, -1 without one
     * @param actionColumn where the action literal is, -1 without one
     */
    record Target(String destination, String action, String file, int line, int column, int actionLine,
                  int actionColumn) {
    }

    private DispatchTargets() {
    }

    /** @param sources DRL text by file name */
    static List<Target> find(Map<String, String> sources) {
        List<Target> out = new ArrayList<>();
        sources.forEach((file, text) -> {
            String code = withoutComments(text);
            int[] lineStarts = lineStarts(text);
            Matcher m = DISPATCH.matcher(code);
            while (m.find()) {
                int at = line(lineStarts, m.start(1));
                int actionAt = m.group(2) == null ? -1 : line(lineStarts, m.start(2));
                out.add(new Target(m.group(1), m.group(2), file, at + 1, m.start(1) - lineStarts[at],
                        actionAt < 0 ? -1 : actionAt + 1, actionAt < 0 ? -1 : m.start(2) - lineStarts[actionAt]));
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

    /**
     * The text with its {@code //} and {@code /* *}{@code /} comments blanked out (line breaks kept, so offsets and
     * lines stay), string and character literals left as they are: a commented-out rule sends nowhere.
     */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(text, i, c);
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (; i < end; i++) {
                    if (text.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** The index after a literal opened at {@code start} (or after its line, if it is not closed on it). */
    private static int skipLiteral(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The line (from 0) of an offset. */
    private static int line(int[] lineStarts, int offset) {
        int i = java.util.Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 2;
    }
}
