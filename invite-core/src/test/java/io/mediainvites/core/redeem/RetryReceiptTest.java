package io.mediainvites.core.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.policy.UseLimit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryReceiptTest {

    @Test
    void keyNeedsEveryPartAndDependsOnEach() {
        String key = RetryReceipt.key("root", "tab", "nonce");
        assertThat(key).hasSize(64).matches("[0-9a-f]+");
        assertThat(RetryReceipt.key("root", "tab", "nonce")).isEqualTo(key);
        assertThat(RetryReceipt.key("other", "tab", "nonce")).isNotEqualTo(key);
        assertThat(RetryReceipt.key("root", "tab2", "nonce")).isNotEqualTo(key);
        assertThat(RetryReceipt.key("root", "tab", "nonce2")).isNotEqualTo(key);
        // parts are length-prefixed: moving characters between parts gives another key
        assertThat(RetryReceipt.key("roo", "ttab", "nonce")).isNotEqualTo(key);
        assertThat(RetryReceipt.key(null, "tab", "nonce")).isNull();
        assertThat(RetryReceipt.key("root", "", "nonce")).isNull();
        assertThat(RetryReceipt.key("root", "tab", " ")).isNull();
    }

    @Test
    void windowIsShort() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryReceipt.expiresAt(now) - now.toEpochMilli()).isEqualTo(120_000);
    }

    @Test
    void retryIsJudgedWithoutItsOwnUseButWithRevocation() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        RedemptionRules rules = new RedemptionRules(io.mediainvites.core.domain.DomainRules.none(), true, false);
        InviteFacts spent = new InviteFacts(now.plusSeconds(60), UseLimit.of(1), 1, null, null, true, "dev", false);
        assertThat(rules.checkLink(spent, now)).contains(Refusal.USED_UP);
        InviteFacts retry = RetryReceipt.withoutReceiptUse(spent);
        assertThat(rules.checkLink(retry, now)).isEmpty();
        assertThat(rules.checkDevice(retry, null)).isEmpty();
        InviteFacts revoked = new InviteFacts(now.plusSeconds(60), UseLimit.of(1), 1, now, "revoked", true, "dev", false);
        assertThat(rules.checkLink(RetryReceipt.withoutReceiptUse(revoked), now)).contains(Refusal.REVOKED);
        InviteFacts locked = new InviteFacts(now.plusSeconds(60), UseLimit.of(1), 1, null, null, true, "dev", true);
        assertThat(rules.checkLink(RetryReceipt.withoutReceiptUse(locked), now)).isPresent();
    }
}
