package dev.umhub.event;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what people and platforms write for a country into its ISO 3166-1 alpha-2 code, so rules can test
 * {@code Billing( country == "NL" )} whether the platform sent "NL", "nld", "Netherlands", "The Netherlands",
 * "Nederland" or "Holland". Names come from the JDK's own country data (the English name and the name in the
 * country's own languages: "Deutschland", "España", "Brasil", "Österreich"), plus a few aliases it does not know
 * ("USA", "UK", "England", "Holland", "Czech Republic", ...). Anything else is unknown: null, never a guess.
 *
 * <p>Case, accents, dots, apostrophes, "&amp;"/"and", a leading "the" and "St."/"Saint" do not matter.
 */
public final class CountryCodes {

    private static final Set<String> ALPHA2 = Set.of(Locale.getISOCountries());
    private static final Map<String, String> ALPHA3 = new HashMap<>();
    private static final Map<String, String> NAMES = new HashMap<>();

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DROPPED = Pattern.compile("[.'’‘`ʻ]");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-–—_/(),]+");
    private static final Pattern SAINT = Pattern.compile("\\bsaint\\b");
    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]{2,3}");
    /** Longer than any country name; longer text is not looked up at all. */
    private static final int MAX_NAME = 64;

    /** Names the JDK does not have, or has differently (its English names are CLDR's: "Czechia", "Turkey", ...). */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("USA", "US"), Map.entry("U.S.A.", "US"), Map.entry("U.S.", "US"),
            Map.entry("United States of America", "US"),
            Map.entry("UK", "GB"), Map.entry("U.K.", "GB"), Map.entry("Great Britain", "GB"), Map.entry("Britain", "GB"),
            Map.entry("England", "GB"), Map.entry("Scotland", "GB"), Map.entry("Wales", "GB"),
            Map.entry("Northern Ireland", "GB"),
            Map.entry("United Kingdom of Great Britain and Northern Ireland", "GB"),
            Map.entry("Holland", "NL"),
            Map.entry("UAE", "AE"),
            Map.entry("Czech Republic", "CZ"), Map.entry("Türkiye", "TR"), Map.entry("Turkey", "TR"),
            Map.entry("Swaziland", "SZ"), Map.entry("Macedonia", "MK"), Map.entry("East Timor", "TL"),
            Map.entry("Ivory Coast", "CI"), Map.entry("Burma", "MM"), Map.entry("Myanmar", "MM"),
            Map.entry("Hong Kong", "HK"), Map.entry("Macao", "MO"), Map.entry("Macau", "MO"),
            Map.entry("Palestine", "PS"), Map.entry("Vatican", "VA"), Map.entry("Holy See", "VA"),
            Map.entry("Cabo Verde", "CV"), Map.entry("Russian Federation", "RU"), Map.entry("Republic of Korea", "KR"),
            Map.entry("Democratic Republic of the Congo", "CD"), Map.entry("DR Congo", "CD"),
            Map.entry("Republic of the Congo", "CG"), Map.entry("Syrian Arab Republic", "SY"),
            Map.entry("Saint Vincent and the Grenadines", "VC"), Map.entry("United States Virgin Islands", "VI"));

    /**
     * Countries' names in their own languages, as customers write them ("Nederland"). Listed, not read from every
     * locale the JDK has: loading all of them costs about 50 MB of memory for the whole life of the process.
     */
    private static final Map<String, String> NATIVE = Map.ofEntries(
            Map.entry("Nederland", "NL"), Map.entry("Deutschland", "DE"), Map.entry("España", "ES"),
            Map.entry("Brasil", "BR"), Map.entry("Österreich", "AT"), Map.entry("Schweiz", "CH"),
            Map.entry("Suisse", "CH"), Map.entry("Svizzera", "CH"), Map.entry("België", "BE"),
            Map.entry("Belgique", "BE"), Map.entry("Belgien", "BE"), Map.entry("Italia", "IT"),
            Map.entry("Sverige", "SE"), Map.entry("Norge", "NO"), Map.entry("Danmark", "DK"), Map.entry("Suomi", "FI"),
            Map.entry("Polska", "PL"), Map.entry("Česko", "CZ"), Map.entry("Magyarország", "HU"),
            Map.entry("Ελλάδα", "GR"), Map.entry("Éire", "IE"), Map.entry("România", "RO"), Map.entry("Hrvatska", "HR"),
            Map.entry("Slovensko", "SK"), Map.entry("Slovenija", "SI"), Map.entry("България", "BG"),
            Map.entry("Lietuva", "LT"), Map.entry("Latvija", "LV"), Map.entry("Eesti", "EE"),
            Map.entry("Lëtzebuerg", "LU"), Map.entry("Ísland", "IS"), Map.entry("Κύπρος", "CY"),
            Map.entry("México", "MX"), Map.entry("Perú", "PE"), Map.entry("Россия", "RU"), Map.entry("Україна", "UA"),
            Map.entry("中国", "CN"), Map.entry("日本", "JP"), Map.entry("대한민국", "KR"), Map.entry("Viet Nam", "VN"),
            Map.entry("Việt Nam", "VN"), Map.entry("Türkiye", "TR"));

    static {
        Map<String, String> found = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (String code : ALPHA2) {
            Locale country = new Locale("", code);
            ALPHA3.put(country.getISO3Country(), code);
            collect(found, ambiguous, country.getDisplayCountry(Locale.ENGLISH), code);
        }
        NATIVE.forEach((name, code) -> collect(found, ambiguous, name, code));
        ambiguous.forEach(found::remove); // a name two countries share names neither
        NAMES.putAll(found);
        ALIASES.forEach((name, code) -> NAMES.put(normalise(name), code));
    }

    private CountryCodes() {
    }

    private static void collect(Map<String, String> found, Set<String> ambiguous, String name, String code) {
        String key = normalise(name);
        if (key.isEmpty()) {
            return;
        }
        String before = found.putIfAbsent(key, code);
        if (before != null && !before.equals(code)) {
            ambiguous.add(key);
        }
    }

    /**
     * The ISO alpha-2 code of a country field: a code (alpha-2 or alpha-3, any case) or a name.
     *
     * @return the upper-case alpha-2 code, or null when the text names no country umhub knows
     */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        String code = code(text);
        return code != null ? code : name(text);
    }

    /** The alpha-2 code of an ISO alpha-2 or alpha-3 code in any case ("nl", "NLD"); null for anything else. */
    public static String code(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (!LETTERS.matcher(t).matches()) {
            return null;
        }
        String upper = t.toUpperCase(Locale.ROOT);
        return upper.length() == 2 ? (ALPHA2.contains(upper) ? upper : null) : ALPHA3.get(upper);
    }

    /** The alpha-2 code of a country name or alias ("Deutschland", "United Kingdom", "UK"); null for anything else. */
    public static String name(String text) {
        if (text == null || text.length() > MAX_NAME) {
            return null;
        }
        String key = normalise(text);
        return key.isEmpty() ? null : NAMES.get(key);
    }

    /** The comparable form of a name: lower case, no accents or dots, "&amp;" as "and", no leading "the". */
    static String normalise(String text) {
        String n = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        n = n.toLowerCase(Locale.ROOT).replace("&", " and ");
        n = DROPPED.matcher(n).replaceAll("");
        n = SEPARATORS.matcher(n).replaceAll(" ").strip();
        if (n.startsWith("the ")) {
            n = n.substring(4);
        }
        return SAINT.matcher(n).replaceAll("st");
    }
}
