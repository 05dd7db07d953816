package dev.umhub.delivery;

/** How a dead letter is sent again. */
public enum ReplayMode {
    /** With the request decided when the event arrived: same content, same dedup keys. */
    AS_DECIDED,
    /** The stored event re-run through the current rules and mapping; skipped if no rule sends it there any more. */
    RE_EVALUATED;

    /** From the API's words: {@code as-decided}, {@code re-evaluated}. */
    public static ReplayMode of(String text) {
        if (text == null || text.isBlank()) {
            return AS_DECIDED;
        }
        return switch (text.trim().toLowerCase().replace('_', '-')) {
            case "as-decided" -> AS_DECIDED;
            case "re-evaluated", "re-evaluate", "reevaluated" -> RE_EVALUATED;
            default -> throw new IllegalArgumentException("mode must be as-decided or re-evaluated, not '" + text + "'");
        };
    }
}
