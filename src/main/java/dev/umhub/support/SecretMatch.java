package dev.umhub.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A configured secret (a token) that callers' values are compared with in constant time. The digests are compared,
 * not the values, so neither the content nor the length of the secret shows in how long a refusal takes.
 */
public final class SecretMatch {

    private final byte[] expected;

    public SecretMatch(String secret) {
        this.expected = sha256(secret);
    }

    public boolean matches(String given) {
        return given != null && MessageDigest.isEqual(expected, sha256(given));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
