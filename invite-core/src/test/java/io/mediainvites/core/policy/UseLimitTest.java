package io.mediainvites.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UseLimitTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100, Integer.MAX_VALUE})
    void positiveValuesAreLimits(int value) {
        UseLimit limit = UseLimit.of(value);
        assertThat(limit.value()).isEqualTo(value);
        assertThat(limit.unlimited()).isFalse();
        assertThat(limit).isEqualTo(new UseLimit(value));
    }

    @Test
    void minusOneIsUnlimited() {
        assertThat(UseLimit.of(-1)).isSameAs(UseLimit.UNLIMITED);
        assertThat(UseLimit.UNLIMITED.unlimited()).isTrue();
        assertThat(UseLimit.UNLIMITED.value()).isEqualTo(-1);
        assertThat(UseLimit.UNLIMITED).hasToString("unlimited");
        assertThat(UseLimit.of(3)).hasToString("3");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -2, -100, Integer.MIN_VALUE})
    void zeroAndBelowMinusOneAreInvalid(int value) {
        assertThatIllegalArgumentException().isThrownBy(() -> UseLimit.of(value))
                .withMessageContaining(Integer.toString(value));
        assertThatIllegalArgumentException().isThrownBy(() -> new UseLimit(value));
    }

    @ParameterizedTest
    @CsvSource({
        "1, 0, true",
        "1, 1, false",
        "1, 5, false",
        "3, 2, true",
        "3, 3, false",
        "-1, 0, true",
        "-1, 1000000, true",
        "-1, 2147483647, true",
    })
    void allowsAnotherUse(int limit, int usedSoFar, boolean expected) {
        assertThat(UseLimit.of(limit).allowsAnotherUse(usedSoFar)).isEqualTo(expected);
    }

    @Test
    void negativeUseCountIsABug() {
        assertThatIllegalArgumentException().isThrownBy(() -> UseLimit.of(1).allowsAnotherUse(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> UseLimit.UNLIMITED.allowsAnotherUse(-1));
    }

    @ParameterizedTest
    @CsvSource({
        "-1, -1, true",
        "-1, 5, false",
        "-1, 1, false",
        "1, -1, true",
        "5, -1, true",
        "1, 1, true",
        "3, 5, true",
        "5, 5, true",
        "6, 5, false",
        "2, 1, false",
    })
    void isWithinPolicy(int requested, int policy, boolean expected) {
        assertThat(UseLimit.of(requested).isWithin(UseLimit.of(policy))).isEqualTo(expected);
    }

    @Test
    void isWithinNeedsAPolicy() {
        assertThatNullPointerException().isThrownBy(() -> UseLimit.of(1).isWithin(null));
    }
}
