package dev.umhub.support;

/** A path umhub serves something under, as configured ({@code api/}, {@code /api}, blank) made one form ({@code /api}). */
public final class ServedPaths {

    private ServedPaths() {
    }

    /** With a leading slash and no trailing one; {@code fallback} when blank. */
    public static String of(String configured, String fallback) {
        String p = configured == null || configured.isBlank() ? fallback : configured.trim();
        p = p.startsWith("/") ? p : "/" + p;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
