package io.mediainvites.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediainvites.core.media.InviteRole;
import io.mediainvites.core.media.MediaType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InviteMailTest {

    private static final Instant START = Instant.parse("2026-12-01T18:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-11-30T09:05:00Z");
    private static final String LINK = "https://kc.example/realms/media/login-actions/action-token?key=abc";

    private static InviteMail mail(MediaType type, Instant start, Locale locale) {
        return new InviteMail("Ina", "Invitee", "Olga Owner", "Quarterly all-hands", type, start, InviteRole.SPEAKER,
                LINK, EXPIRES, locale);
    }

    @Test
    void liveMediaCarryTheStartInTheMailLanguage() {
        Map<String, Object> a = mail(MediaType.WEBCAST, START, Locale.ENGLISH).templateAttributes();
        assertThat(a).containsEntry("inviterName", "Olga Owner")
                .containsEntry("mediaTitle", "Quarterly all-hands")
                .containsEntry("mediaType", "webcast")
                .containsEntry("live", true)
                .containsEntry("role", "speaker")
                .containsEntry("link", LINK)
                .containsEntry("startsAt", "December 1, 2026, 18:00 UTC")
                .containsEntry("startsAtIso", "2026-12-01T18:00:00Z")
                .containsEntry("expiresAt", "November 30, 2026, 09:05 UTC")
                .containsEntry("expiresAtIso", "2026-11-30T09:05:00Z");
        assertThat(a.get("invitee")).isEqualTo(Map.of("firstName", "Ina", "lastName", "Invitee", "fullName", "Ina Invitee"));

        Map<String, Object> de = mail(MediaType.WEBCAST, START, Locale.GERMAN).templateAttributes();
        assertThat(de).containsEntry("startsAt", "1. Dezember 2026, 18:00 UTC")
                .containsEntry("expiresAt", "30. November 2026, 09:05 UTC");
    }

    @Test
    void onDemandMediaHaveNoStartEvenIfOneIsGiven() {
        Map<String, Object> a = mail(MediaType.VIDEO, START, Locale.ENGLISH).templateAttributes();
        assertThat(a).containsEntry("live", false).doesNotContainKeys("startsAt", "startsAtIso");
        assertThat(mail(MediaType.WEBCAST, null, Locale.ENGLISH).templateAttributes()).doesNotContainKey("startsAt");
    }

    @Test
    void subjectParametersAreTitleThenInviter() {
        assertThat(mail(MediaType.VIDEO, null, null).subjectParameters()).containsExactly("Quarterly all-hands", "Olga Owner");
    }

    @Test
    void missingLocaleMeansEnglishAndRequiredValuesAreChecked() {
        assertThat(mail(MediaType.VIDEO, null, null).locale()).isEqualTo(Locale.ENGLISH);
        assertThatThrownBy(() -> new InviteMail("Ina", "Invitee", "Olga", "T", MediaType.VIDEO, null, InviteRole.VIEWER,
                null, EXPIRES, Locale.ENGLISH)).isInstanceOf(NullPointerException.class).hasMessage("link");
    }
}
