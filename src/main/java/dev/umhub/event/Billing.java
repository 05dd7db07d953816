package dev.umhub.event;

/** Billing fields; the platform sends them only with model events, and only the non-empty ones. */
public record Billing(String companyName, String email, String addressLine1, String addressLine2, String country,
                      String state, String city, String zipCode) {
}
