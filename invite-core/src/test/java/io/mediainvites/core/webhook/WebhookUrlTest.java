package io.mediainvites.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    @Test
    void httpsIsAccepted() {
        assertThat(WebhookUrl.parse("https://media.example.com/hooks/invites", false)).isPresent();
        assertThat(WebhookUrl.parse("  https://media.example.com:8443/h  ", false)).isPresent();
    }

    @Test
    void httpOnlyToLoopbackAndOnlyWhereAllowed() {
        assertThat(WebhookUrl.parse("http://127.0.0.1:9999/h", true)).isPresent();
        assertThat(WebhookUrl.parse("http://localhost/h", true)).isPresent();
        assertThat(WebhookUrl.parse("http://[::1]:80/h", true)).isPresent();
        assertThat(WebhookUrl.parse("http://127.0.0.1:9999/h", false)).isEmpty();
        assertThat(WebhookUrl.parse("http://media.example.com/h", true)).isEmpty();
        assertThat(WebhookUrl.parse("http://127.0.0.1.evil.example/h", true)).isEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        assertThat(WebhookUrl.parse(null, true)).isEmpty();
        assertThat(WebhookUrl.parse("", true)).isEmpty();
        assertThat(WebhookUrl.parse("ftp://example.com/x", true)).isEmpty();
        assertThat(WebhookUrl.parse("https://user:pw@example.com/x", true)).isEmpty();
        assertThat(WebhookUrl.parse("https://example.com/x#frag", true)).isEmpty();
        assertThat(WebhookUrl.parse("https:///nohost", true)).isEmpty();
        assertThat(WebhookUrl.parse("https://exa mple.com/", true)).isEmpty();
        assertThat(WebhookUrl.parse("javascript:alert(1)", true)).isEmpty();
    }
}
