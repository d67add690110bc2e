package io.mediainvites.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

    private static final Instant T = Instant.parse("2026-12-01T18:43:12Z");

    @Test
    void utcTextNamesTheWeekdayAndTheZoneInTheLanguage() {
        assertThat(HumanTime.utc(T, Locale.UK)).isEqualTo("Tuesday, 1 December 2026, 18:43 UTC");
        assertThat(HumanTime.utc(T, Locale.GERMAN)).isEqualTo("Dienstag, 1. Dezember 2026, 18:43 UTC");
        assertThat(HumanTime.utc(T, Locale.FRENCH)).startsWith("mardi 1 décembre 2026").endsWith("18:43 UTC");
        assertThat(HumanTime.utc(T, Locale.forLanguageTag("es"))).startsWith("martes, 1 de diciembre de 2026").endsWith("18:43 UTC");
        assertThat(HumanTime.utc(T, Locale.forLanguageTag("pt-BR"))).startsWith("terça-feira, 1 de dezembro de 2026").endsWith("18:43 UTC");
        assertThat(HumanTime.utc(T, Locale.JAPANESE)).startsWith("2026年12月1日火曜日").endsWith("18:43 UTC");
        assertThat(HumanTime.utc(T, null)).contains("Tuesday").contains("2026").endsWith(" UTC");
    }

    @Test
    void clockCountsHoursMinutesSecondsAndRoundsUp() {
        assertThat(HumanTime.clock(Duration.ofSeconds(245))).isEqualTo("0:04:05");
        assertThat(HumanTime.clock(Duration.ofHours(27))).isEqualTo("27:00:00");
        assertThat(HumanTime.clock(Duration.ofMillis(1500))).isEqualTo("0:00:02");
        assertThat(HumanTime.clock(Duration.ofSeconds(-5))).isEqualTo("0:00:00");
    }
}
