package dev.umhub.support;

import java.security.MessageDigest;

/**
 * A configured secret (a token) that callers' values are compared with in constant time. The digests are compared,
 * not the values, so neither the content nor the length of the secret shows in how long a refusal takes.
 */
public final class SecretMatch {

    private final byte[] expected;

    public SecretMatch(String secret) {
        this.expected = Sha256.of(secret);
    }

    public boolean matches(String given) {
        return given != null && MessageDigest.isEqual(expected, Sha256.of(given));
    }
}
