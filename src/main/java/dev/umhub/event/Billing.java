package dev.umhub.event;

/**
 * Billing fields. The platform sends them as fields only with model events, and only the non-empty ones; on a
 * network where those never fire (stock 2.4.10) umhub still makes this part when the customer's free-text billing
 * address names a country, with only {@code country} set.
 *
 * @param country ISO 3166-1 alpha-2 code, upper case ("NL"), or null: a name or alpha-3 code the platform sent is
 *                turned into its code here, and what is no country umhub knows is null. The text as sent stays in
 *                the customer's {@code billingAddress}
 */
public record Billing(String companyName, String email, String addressLine1, String addressLine2, String country,
                      String state, String city, String zipCode) {

    /** Holds whoever builds it (the adapter, a stored event read back, an envelope's sender) to the code contract. */
    public Billing {
        country = CountryCodes.of(country);
    }
}
