package io.mediainvites.model.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaInvitesMailerTest {

    private static final List<String> SUPPORTED = List.of("en", "de", "pt-BR");

    @Test
    void exactTagWinsThenSameLanguage() {
        assertThat(MediaInvitesMailer.bestMatch(SUPPORTED, "de")).isEqualTo("de");
        assertThat(MediaInvitesMailer.bestMatch(SUPPORTED, "de-AT")).isEqualTo("de");
        assertThat(MediaInvitesMailer.bestMatch(SUPPORTED, "de_CH")).isEqualTo("de");
        assertThat(MediaInvitesMailer.bestMatch(SUPPORTED, "pt-BR")).isEqualTo("pt-BR");
        assertThat(MediaInvitesMailer.bestMatch(SUPPORTED, "pt")).isEqualTo("pt-BR");
    }

    @Test
    void unsupportedOrMissingLanguageHasNoMatch() {
        assertThat(MediaInvitesMailer.bestMatch(SUPPORTED, "fr")).isNull();
        assertThat(MediaInvitesMailer.bestMatch(SUPPORTED, " ")).isNull();
        assertThat(MediaInvitesMailer.bestMatch(SUPPORTED, null)).isNull();
        assertThat(MediaInvitesMailer.bestMatch(List.of(), "de")).isNull();
    }
}
