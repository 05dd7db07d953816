package dev.umhub.ultimatemultisite;

import dev.umhub.event.CountryCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the country in a free-text billing address, for events that carry no {@code billing_country} field: on a
 * stock 2.4.10 network the model webhooks never fire, so {@code customer_billing_address} is all there is.
 *
 * <p>The platform builds that text by joining the non-empty billing fields with newlines, in a fixed order: company
 * name (the customer's display name by default), billing email, address line 1, address line 2, country (the ISO
 * code the checkout's country select or the IP geolocation gave), state, city, zip code. Each line is one field, and
 * the fields are single-line inputs, so:
 * <ol>
 * <li>the lines up to the email (or, without one, the first line) are a name, never read as a country: a customer
 * called "Chad" or "Jordan" is not from Chad or Jordan;</li>
 * <li>the first remaining line that is a country on its own ("NL", "Netherlands", "Nederland") is the country: it
 * precedes the state, so "US" then "CA" (California) is the United States;</li>
 * <li>otherwise a country typed at the end of a line: the last comma-separated part ("London W14 8BA, UK",
 * "1012 AB Amsterdam, Nederland"), a name closing the line ("10115 Berlin Germany") or an upper-case code as the very
 * last word of the address ("Berlin 10115 DE"), reading from the last line up.</li>
 * </ol>
 * A two-letter code that is also a US, Canadian, Australian or Brazilian state ("Dover, DE", "Atlanta, GA"), and the
 * name "Georgia", count as a country on a line of their own, or after a postcode ("Berlin 10115 DE", "Tbilisi 0105,
 * Georgia"): those countries' addresses put the state before the postcode. Company and street abbreviations
 * ("ACME BV", "12 MAIN ST") count only on a line of their own. Otherwise ambiguous text gives null, never a guess; so
 * does "Holland Road", "New Mexico" or "New South Wales": a country name closing a line must not be the tail of a
 * longer name.
 */
public final class CountryFromAddress {

    /** Real addresses are a few hundred characters; longer text is not an address worth reading. */
    static final int MAX_LENGTH = 2000;
    /** No country name has more words ("South Georgia and South Sandwich Islands"). */
    private static final int MAX_WORDS = 6;

    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern UPPER_CODE = Pattern.compile("[A-Z]{2,3}|U\\.S\\.|U\\.K\\.|U\\.S\\.A\\.");

    /** ISO codes that are also state codes: a country on a line of its own or after a postcode, else unknown. */
    static final Set<String> STATE_CODES = Set.of(
            // US states and territories
            "AL", "AR", "AS", "AZ", "CA", "CO", "DE", "FM", "GA", "GU", "ID", "IL", "IN", "KY", "LA", "MA", "MD", "ME",
            "MH", "MN", "MO", "MP", "MS", "MT", "NC", "NE", "PA", "PR", "PW", "SC", "SD", "TN", "VA", "VI",
            // Canadian provinces, Australian and Brazilian states
            "NL", "PE", "SA", "AM", "BA", "ES", "MG", "RO", "RS", "SE", "TO");
    /** Country names that are also US states, likewise. */
    static final Set<String> STATE_NAMES = Set.of("georgia");
    /** ISO codes that are also company forms and street words: a country only on a line of its own. */
    static final Set<String> ABBREVIATIONS = Set.of("AG", "BV", "ST");
    private static final Pattern DIGIT = Pattern.compile(".*\\d.*");
    private static final Pattern DUTCH_POSTCODE_DIGITS = Pattern.compile("\\d{4}");
    /** Words that make a country name the tail of another name: New Mexico, New Jersey, New South Wales, ... */
    private static final Set<String> NOT_BEFORE_A_COUNTRY = Set.of("new", "north", "south", "east", "west", "northern",
            "southern", "eastern", "western", "central", "upper", "lower", "of", "de", "del", "da", "do");

    private CountryFromAddress() {
    }

    /** The ISO alpha-2 code of the country the address names, or null when it names none for sure. */
    public static String find(String address) {
        if (address == null || address.isBlank() || address.length() > MAX_LENGTH) {
            return null;
        }
        List<String> lines = bodyLines(address);
        for (String line : lines) {
            String country = CountryCodes.of(line);
            if (country != null && !STATE_NAMES.contains(line.toLowerCase(Locale.ROOT))) {
                return country;
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String country = atEndOf(lines.get(i), i == lines.size() - 1);
            if (country != null) {
                return country;
            }
        }
        return null;
    }

    /** The non-blank lines after the name and email the platform puts first; a one-line address is all body. */
    private static List<String> bodyLines(String address) {
        List<String> lines = new ArrayList<>();
        for (String line : LINE_BREAK.split(address)) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        int lastEmail = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("@")) {
                lastEmail = i;
            }
        }
        int from = lastEmail >= 0 ? lastEmail + 1 : lines.size() > 1 ? 1 : 0;
        return lines.subList(from, lines.size()).stream().filter(l -> !l.contains("://")).toList();
    }

    private static String atEndOf(String line, boolean lastLine) {
        String[] parts = line.split(",");
        String tail = "";
        for (int i = parts.length - 1; i >= 0 && tail.isEmpty(); i--) {
            tail = parts[i].strip();
        }
        if (tail.isEmpty()) {
            return null;
        }
        if (!tail.equals(line)) { // a comma-separated part of its own: "..., Nederland", "..., UK", "..., NLD"
            String before = lastWord(line.substring(0, line.lastIndexOf(tail)));
            String country = unambiguous(tail, CountryCodes.of(tail), before);
            if (country != null) {
                return country;
            }
        }
        String[] words = SPACES.split(tail);
        for (int n = Math.min(MAX_WORDS, words.length - 1); n >= 1; n--) {
            String before = words[words.length - n - 1];
            String name = String.join(" ", Arrays.copyOfRange(words, words.length - n, words.length));
            if (!NOT_BEFORE_A_COUNTRY.contains(before.toLowerCase(Locale.ROOT)) && name.length() >= 4) {
                String country = unambiguous(name, CountryCodes.name(name), before);
                if (country != null) {
                    return country;
                }
            }
        }
        String last = words[words.length - 1];
        String wordBefore = words.length > 1 ? words[words.length - 2] : "";
        // "2511 CV" is a Dutch postcode (the platform's last line), not Cabo Verde
        boolean dutchPostcode = last.length() == 2 && DUTCH_POSTCODE_DIGITS.matcher(wordBefore).matches();
        if (lastLine && words.length > 1 && UPPER_CODE.matcher(last).matches() && !dutchPostcode) {
            return unambiguous(last, CountryCodes.of(last), wordBefore);
        }
        return null;
    }

    /** The last word before a position, commas and spaces skipped; empty when there is none. */
    private static String lastWord(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ',' || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        int start = end;
        while (start > 0 && text.charAt(start - 1) != ',' && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end);
    }

    /** The country, unless the text may as well be a state (and follows no postcode) or an abbreviation. */
    private static String unambiguous(String text, String country, String wordBefore) {
        if (country == null) {
            return null;
        }
        String t = text.strip();
        if (t.length() == 2 && ABBREVIATIONS.contains(t.toUpperCase(Locale.ROOT))) {
            return null;
        }
        boolean state = STATE_NAMES.contains(t.toLowerCase(Locale.ROOT))
                || t.length() == 2 && STATE_CODES.contains(t.toUpperCase(Locale.ROOT));
        return state && !DIGIT.matcher(wordBefore).matches() ? null : country;
    }
}
