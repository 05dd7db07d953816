package dev.umhub.support;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves umhub: log lines (the container's own too), quarantined bodies, recorded
 * requests, admin answers. Two nets: values under secret-looking names ({@code token=...}, {@code "api_secret": "..."},
 * {@code Authorization: Bearer ...}), and every secret umhub was configured with, wherever it appears. Static because
 * the logging system, which has no Spring context, must use it too.
 */
public final class Secrets {

    public static final String MASK = "****";
    private static final int SHORTEST_MASKED_VALUE = 6;

    /** Names whose values are secrets, as query or form parameters, JSON keys and header names. */
    private static final String NAMES = "(?:token|access_token|accesstoken|api_secret|apisecret|api_key|apikey|"
            + "x-api-key|secret|client_secret|password|passwd|app_password|signing_secret|private_key|"
            + "measurement_protocol_secret)";
    private static final Pattern PARAMETER = Pattern.compile("(?i)(?<=^|[?&;\\s\"'(\\[{,])(" + NAMES + ")=([^&\\s\"'<>\\]),;]*)");
    private static final Pattern JSON_FIELD = Pattern.compile("(?i)(\"" + NAMES + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)((?:authorization|x-api-key)\"?\\s*[:=]\\s*\"?(?:bearer |basic |token )?)[^\\s\",}]+");

    private static final Pattern SECRET_NAME = Pattern.compile("(?:.*[-_.])?(?:" + NAMES.substring(3, NAMES.length() - 1)
            + "|authorization|cookie)");

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static volatile List<String> longestFirst = List.of();

    private Secrets() {
    }

    /** Remembers configured secret values so that they are masked wherever they show up. */
    public static void register(String value) {
        if (value != null && value.strip().length() >= SHORTEST_MASKED_VALUE && KNOWN.add(value.strip())) {
            // longer first, so a secret that contains another is masked whole
            longestFirst = KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String known : longestFirst) {
            if (out.contains(known)) {
                out = out.replace(known, MASK);
            }
        }
        out = replace(PARAMETER, out, m -> m.group(1) + "=" + MASK);
        out = replace(JSON_FIELD, out, m -> m.group(1) + "\"" + MASK + "\"");
        return replace(AUTHORIZATION, out, m -> m.group(1) + MASK);
    }

    /** Whether a header or parameter name holds a secret. */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name.toLowerCase(java.util.Locale.ROOT)).matches();
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
