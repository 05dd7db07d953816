package dev.umhub.rules;

/** A compiler message about a rule file, with where it points. */
public record RuleMessage(String level, String file, int line, int column, String text) {
}
