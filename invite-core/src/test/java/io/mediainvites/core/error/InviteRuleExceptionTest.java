package io.mediainvites.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class InviteRuleExceptionTest {

    @Test
    void carriesCodeAndDescriptionWithoutField() {
        InviteRuleException e = new InviteRuleException(ErrorCode.FORBIDDEN, "Not yours.");
        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(e.description()).isEqualTo("Not yours.");
        assertThat(e.getMessage()).isEqualTo("Not yours.");
        assertThat(e.field()).isNull();
    }

    @Test
    void carriesField() {
        InviteRuleException e = new InviteRuleException(ErrorCode.INVALID_EMAIL, "email", "Bad address.");
        assertThat(e.field()).isEqualTo("email");
        assertThat(e.description()).isEqualTo("Bad address.");
    }

    @Test
    void blankFieldMeansNoField() {
        assertThat(new InviteRuleException(ErrorCode.INVALID_EMAIL, " ", "Bad.").field()).isNull();
    }

    @Test
    void missingDescriptionFallsBackToTheDefault() {
        assertThat(new InviteRuleException(ErrorCode.MEDIA_NOT_FOUND, null).description())
                .isEqualTo(ErrorCode.MEDIA_NOT_FOUND.defaultDescription());
        assertThat(new InviteRuleException(ErrorCode.MEDIA_NOT_FOUND, "id", "  ").getMessage())
                .isEqualTo(ErrorCode.MEDIA_NOT_FOUND.defaultDescription());
    }

    @Test
    void codeIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new InviteRuleException(null, "x"));
    }

    @Test
    void isARuntimeExceptionWithoutStackTrace() {
        InviteRuleException e = new InviteRuleException(ErrorCode.FORBIDDEN, "No.");
        assertThat(e).isInstanceOf(RuntimeException.class);
        assertThat(e.getStackTrace()).isEmpty();
    }
}
