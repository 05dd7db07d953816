package dev.umhub.event;

/**
 * The customer part of an event: who the platform event is about.
 *
 * @param id                platform customer id, as text ("41")
 * @param name              display name; may be a single word or empty
 * @param userId            WordPress user id
 * @param email             the customer's user email (the platform calls it {@code customer_user_email})
 * @param emailVerification {@code none|pending|verified}
 * @param billingAddress    non-empty billing fields joined by newlines
 * @param manageUrl         network-admin link to the customer
 */
public record Customer(String id, String name, String userId, String email, String emailVerification,
                       String billingAddress, String manageUrl) {

    /** The email as CRMs match it (trimmed, lower case); null without one. */
    public String matchingEmail() {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** First name for CRMs that want it split: everything before the last space, or the whole name. */
    public String firstName() {
        String n = name == null ? "" : name.trim();
        int cut = n.lastIndexOf(' ');
        return cut < 0 ? n : n.substring(0, cut).trim();
    }

    /** Last name: the last word of a name with at least two words, otherwise empty. */
    public String lastName() {
        String n = name == null ? "" : name.trim();
        int cut = n.lastIndexOf(' ');
        return cut < 0 ? "" : n.substring(cut + 1).trim();
    }
}
