package io.mediainvites.core.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RefusalTest {

    /** The login theme's English messages, read from the sibling module (tests run in the module dir). */
    private static final Path MESSAGES =
            Path.of("../themes/src/main/resources/theme/media-invites/login/messages/messages_en.properties");

    private static Properties messages;

    @BeforeAll
    static void loadMessages() throws IOException {
        assertThat(MESSAGES).as("theme messages next to this module").isRegularFile();
        messages = new Properties();
        try (Reader in = Files.newBufferedReader(MESSAGES, StandardCharsets.UTF_8)) {
            messages.load(in);
        }
    }

    @Test
    void reasonCodesAreUnique() {
        assertThat(Arrays.stream(Refusal.values()).map(Refusal::reason)).doesNotHaveDuplicates();
    }

    @Test
    void messageKeysAreUnique() {
        assertThat(Arrays.stream(Refusal.values()).map(Refusal::messageKey)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void reasonCodeIsLowerSnakeCase(Refusal refusal) {
        assertThat(refusal.reason()).matches("[a-z]+(_[a-z]+)*");
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void reasonCodeFollowsTheConstantName(Refusal refusal) {
        // keeps event reasons stable and greppable: EMAIL_MISMATCH -> email_mismatch
        assertThat(refusal.reason()).isEqualToIgnoringCase(refusal.name());
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void everyMessageKeyHasAnEnglishText(Refusal refusal) {
        assertThat(messages.getProperty(refusal.messageKey()))
                .as("%s in %s", refusal.messageKey(), MESSAGES)
                .isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void messageKeysFollowTheThemeNaming(Refusal refusal) {
        assertThat(refusal.messageKey()).matches("mediaInvite[A-Z][A-Za-z]*Message");
    }

    @ParameterizedTest
    @EnumSource(value = Refusal.class, names = {"CODE_NOT_SENT", "CODE_RATE_LIMITED", "BUSY"}, mode = EnumSource.Mode.EXCLUDE)
    void everyRefusalOfTheInviteeIsAClientError(Refusal refusal) {
        assertThat(refusal.httpStatus()).isIn(400, 403);
    }

    @Test
    void tooManyCodeMailsIsTooManyRequests() {
        assertThat(Refusal.CODE_RATE_LIMITED.httpStatus()).isEqualTo(429);
    }

    @Test
    void aBusyLinkIsATemporaryConditionOfTheServer() {
        // answered at once instead of waiting on the invite's row lock; Retry-After tells the browser when
        assertThat(Refusal.BUSY.httpStatus()).isEqualTo(503);
    }

    @Test
    void aCodeThatCouldNotBeMailedIsTheServersFault() {
        assertThat(Refusal.CODE_NOT_SENT.httpStatus()).isEqualTo(503);
    }

    @Test
    void whoAndWhereRefusalsAreForbiddenAndLinkRefusalsAreBadRequests() {
        assertThat(Arrays.stream(Refusal.values()).filter(r -> r.httpStatus() == 403))
                .containsExactlyInAnyOrder(Refusal.DEVICE_MISMATCH, Refusal.EMAIL_MISMATCH, Refusal.DOMAIN_BLOCKED,
                        Refusal.PRIVILEGED_ACCOUNT, Refusal.EMAIL_UNVERIFIED, Refusal.INVITE_SESSION_LIMITED,
                        Refusal.CODE_ATTEMPTS_EXCEEDED, Refusal.DEVICE_MOVE_DISABLED, Refusal.DEVICE_MOVES_EXCEEDED);
    }

    @Test
    void theMediaDeletedReasonIsTheRevokeReasonTheRulesLookFor() {
        // InviteFacts.revokeReason carries this code when an invite was revoked because its media went away
        assertThat(Refusal.MEDIA_DELETED.reason()).isEqualTo("media_deleted");
        assertThat(Refusal.REVOKED.reason()).isEqualTo("revoked");
    }
}
