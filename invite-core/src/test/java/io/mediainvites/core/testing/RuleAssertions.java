package io.mediainvites.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions for {@link InviteRuleException}s. */
public final class RuleAssertions {

    private RuleAssertions() {
    }

    /** Asserts the call throws an {@link InviteRuleException} with the code and field, and returns it. */
    public static InviteRuleException assertRule(ThrowingCallable call, ErrorCode code, String field) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(InviteRuleException.class);
        InviteRuleException e = (InviteRuleException) thrown;
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.description()).isNotBlank();
        assertThat(e.getMessage()).isEqualTo(e.description());
        return e;
    }
}
