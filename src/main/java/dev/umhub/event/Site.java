package dev.umhub.event;

/** The site (WordPress blog) part of an event. */
public record Site(String id, String title, String description, String url, String adminUrl, String manageUrl) {
}
