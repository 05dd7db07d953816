package dev.umhub.support;

/** The token of an {@code Authorization: Bearer <token>} header: how the admin token is sent, wherever it is read. */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** The token the header carries, or null when there is no header or it names another scheme. */
    public static String of(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return authorizationHeader.substring(SCHEME.length()).trim();
    }
}
