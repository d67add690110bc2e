package io.mediainvites.model.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.limit.RateRule;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void counterKeysAreFixedLengthHashesOfRuleRealmAndSubject() {
        String key = RateLimiter.key("realm-1", RateRule.INVITEE_LOOKUP, "ina@example.org");
        assertThat(key).hasSize(64).matches("[0-9a-f]+").doesNotContain("ina");
        assertThat(RateLimiter.key("realm-1", RateRule.INVITEE_LOOKUP, "ina@example.org")).isEqualTo(key);
        assertThat(RateLimiter.key("realm-2", RateRule.INVITEE_LOOKUP, "ina@example.org")).isNotEqualTo(key);
        assertThat(RateLimiter.key("realm-1", RateRule.LINK_REISSUE, "ina@example.org")).isNotEqualTo(key);
    }
}
