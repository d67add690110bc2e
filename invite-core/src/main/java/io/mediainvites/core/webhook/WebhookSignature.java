package io.mediainvites.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery (O11), as Stripe and GitHub sign theirs: HMAC-SHA256 with the app's secret
 * over {@code "<timestamp>.<body>"}, sent as {@value #HEADER}: {@code t=<unix seconds>,v1=<hex>}. A receiver
 * recomputes it over the raw body, compares in constant time and rejects old timestamps (replays).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Media-Invites-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code epochSeconds}. */
    public static String header(String secret, long epochSeconds, String body) {
        return "t=" + epochSeconds + ",v1=" + hmacHex(secret, epochSeconds + "." + body);
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} with {@code secret}, made at most
     * {@code toleranceSeconds} away from {@code nowEpochSeconds}.
     */
    public static boolean verify(String secret, String header, String body, long nowEpochSeconds, long toleranceSeconds) {
        Optional<Long> timestamp = part(header, "t").flatMap(WebhookSignature::parseLong);
        Optional<String> signature = part(header, "v1");
        if (timestamp.isEmpty() || signature.isEmpty()
                || Math.abs(nowEpochSeconds - timestamp.get()) > toleranceSeconds) {
            return false;
        }
        byte[] expected = hmacHex(secret, timestamp.get() + "." + body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.get().getBytes(StandardCharsets.US_ASCII));
    }

    static String hmacHex(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }

    private static Optional<String> part(String header, String name) {
        if (header == null) {
            return Optional.empty();
        }
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq > 0 && item.substring(0, eq).trim().equals(name)) {
                return Optional.of(item.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
