package io.mediainvites.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"id\":\"e1\",\"type\":\"invite.redeemed\"}";

    @Test
    void headerCarriesTimestampAndHmacOfTimestampDotBody() {
        String header = WebhookSignature.header(SECRET, 1_700_000_000L, BODY);
        // printf '%s' '1700000000.<BODY>' | openssl dgst -sha256 -hmac whsec_test
        assertThat(header).isEqualTo(
                "t=1700000000,v1=bba1d3eed59e46d3e88074b05aafb4e047e557864b321a176cce2b431fe9925b");
    }

    @Test
    void knownVector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSignature.hmacHex("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verifiesItsOwnSignatureAndRejectsTampering() {
        String header = WebhookSignature.header(SECRET, 1_000L, BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, 1_010L, 300)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY + " ", 1_010L, 300)).isFalse();
        assertThat(WebhookSignature.verify("other", header, BODY, 1_010L, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header.replace("t=1000", "t=1001"), BODY, 1_010L, 300)).isFalse();
    }

    @Test
    void rejectsOldTimestampsAndMalformedHeaders() {
        String header = WebhookSignature.header(SECRET, 1_000L, BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, 1_000L + 301, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, BODY, 1_000L, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v1=abc", BODY, 1_000L, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=x,v1=abc", BODY, 1_000L, 300)).isFalse();
    }
}
