package io.mediainvites.rest.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediainvites.rest.api.ApiException;
import org.junit.jupiter.api.Test;

/** R12: the optional language of an invite request. */
class InviteLocaleTest {

    @Test
    void languageTagsAreNormalisedAndAbsenceIsNull() {
        assertThat(InviteService.locale("de")).isEqualTo("de");
        assertThat(InviteService.locale(" pt_BR ")).isEqualTo("pt-BR");
        assertThat(InviteService.locale("JA")).isEqualTo("ja");
        assertThat(InviteService.locale(null)).isNull();
        assertThat(InviteService.locale(" ")).isNull();
    }

    @Test
    void somethingElseIsRefusedNamingTheField() {
        for (String bad : new String[] {"not a language", "x", "de-", "1234", "de-DE-" + "a".repeat(40)}) {
            assertThatThrownBy(() -> InviteService.locale(bad)).as(bad).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo("locale"));
        }
    }
}
