package dev.umhub.ingest.envelope;

import dev.umhub.ingest.IngestRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verification per the Standard Webhooks specification: HMAC-SHA256 over {@code id.timestamp.body} with the
 * base64-decoded {@code whsec_} secret, signatures as space-separated {@code v1,<base64>} (several during a key
 * rotation; any match passes), and a timestamp within the tolerance to stop replays of old messages.
 */
public final class StandardWebhooks {

    private static final String PREFIX = "whsec_";

    private final List<byte[]> keys;
    private final Duration tolerance;
    private final Clock clock;

    /** @param secrets one or more {@code whsec_<base64>} secrets, comma-separated; empty disables the source */
    public StandardWebhooks(String secrets, Duration tolerance, Clock clock) {
        this.keys = new ArrayList<>();
        for (String s : secrets == null ? new String[0] : secrets.split(",")) {
            String secret = s.trim();
            if (!secret.isEmpty()) {
                keys.add(Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret));
            }
        }
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** @throws IngestRejectedException 401 when the message is not provably from a holder of the secret */
    public void verify(String id, String timestamp, String signatures, byte[] body) {
        if (keys.isEmpty()) {
            throw unauthorized("Signed events not enabled", "No signing secret is configured (umhub.sources.envelope.signing-secret).");
        }
        if (blank(id) || blank(timestamp) || blank(signatures)) {
            throw unauthorized("Missing signature headers", "webhook-id, webhook-timestamp and webhook-signature are required.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw unauthorized("Bad timestamp", "webhook-timestamp must be seconds since the epoch.");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw unauthorized("Timestamp out of tolerance", "webhook-timestamp is more than " + tolerance.toMinutes()
                    + " minutes away from now.");
        }
        byte[] signed = (id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        for (byte[] key : keys) {
            byte[] expected = hmac(key, signed, body);
            for (String candidate : signatures.trim().split(" ")) {
                if (candidate.startsWith("v1,") && matches(expected, candidate.substring(3))) {
                    return;
                }
            }
        }
        throw unauthorized("Bad signature", "No webhook-signature matches the message.");
    }

    /** The v1 signature of a message; what a sender computes (used by tests and by anyone writing a sender). */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        return "v1," + Base64.getEncoder().encodeToString(
                hmac(key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    private static boolean matches(byte[] expected, String base64) {
        try {
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static IngestRejectedException unauthorized(String title, String detail) {
        return new IngestRejectedException(401, title, detail);
    }
}
