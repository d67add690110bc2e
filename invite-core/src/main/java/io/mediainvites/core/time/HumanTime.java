package io.mediainvites.core.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Times for people (R12): the text an invitee reads before the page's script puts it into their own time zone,
 * and the countdown clock. The zone is always named, since the reader's own zone is unknown on the server.
 */
public final class HumanTime {

    private HumanTime() {
    }

    /**
     * The weekday, date and time in UTC as the language writes them, with the zone named, for example
     * "Tuesday, 1 December 2026, 18:43 UTC" (en-GB), "Dienstag, 1. Dezember 2026, 18:43 UTC" (de) or
     * "2026年12月1日火曜日 18:43 UTC" (ja).
     */
    public static String utc(Instant instant, Locale locale) {
        Locale l = locale == null ? Locale.ENGLISH : locale;
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(l)
                .withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }

    /** Time left as a clock, hours first ("0:04:05", "27:00:00"); never negative. */
    public static String clock(Duration left) {
        long seconds = Math.max(0, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }
}
