package io.mediainvites.core.policy;

/**
 * How many times an invite link may be redeemed: {@code -1} means unlimited, otherwise at least 1.
 *
 * @param value the limit, {@code -1} for unlimited
 */
public record UseLimit(int value) {

    /** The wire value meaning "unlimited". */
    public static final int UNLIMITED_VALUE = -1;

    /** No limit. */
    public static final UseLimit UNLIMITED = new UseLimit(UNLIMITED_VALUE);

    /** @throws IllegalArgumentException if {@code value} is 0 or less than -1 */
    public UseLimit {
        if (value != UNLIMITED_VALUE && value < 1) {
            throw new IllegalArgumentException("A use limit must be -1 (unlimited) or at least 1, not " + value + ".");
        }
    }

    /**
     * The limit for a value.
     *
     * @throws IllegalArgumentException if {@code value} is 0 or less than -1
     */
    public static UseLimit of(int value) {
        return value == UNLIMITED_VALUE ? UNLIMITED : new UseLimit(value);
    }

    /** True if there is no limit. */
    public boolean unlimited() {
        return value == UNLIMITED_VALUE;
    }

    /**
     * True if a link already redeemed {@code usedSoFar} times may be redeemed once more.
     *
     * @throws IllegalArgumentException if {@code usedSoFar} is negative
     */
    public boolean allowsAnotherUse(int usedSoFar) {
        if (usedSoFar < 0) {
            throw new IllegalArgumentException("The use count must not be negative, not " + usedSoFar + ".");
        }
        return unlimited() || usedSoFar < value;
    }

    /**
     * True if this limit is no more generous than {@code policyLimit}: unlimited is within unlimited only;
     * N is within M if M is unlimited or N &lt;= M.
     */
    public boolean isWithin(UseLimit policyLimit) {
        if (policyLimit.unlimited()) {
            return true;
        }
        return !unlimited() && value <= policyLimit.value;
    }

    @Override
    public String toString() {
        return unlimited() ? "unlimited" : Integer.toString(value);
    }
}
