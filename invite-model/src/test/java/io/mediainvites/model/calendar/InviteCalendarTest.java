package io.mediainvites.model.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.Temporal;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** R13: the entry parses back (with the library) into what the invite says. */
class InviteCalendarTest {

    private static final Instant START = Instant.parse("2026-12-01T18:43:00Z");
    private static final Instant END = Instant.parse("2026-12-01T20:00:00Z");
    private static final String LINK = "https://id.example/realms/media/login-actions/action-token?key=eyJ.abc.def&client_id=media-app";

    private static VEvent parse(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.getProperty(Property.VERSION).map(Property::getValue)).hasValue("2.0");
        assertThat(calendar.getComponents(VEvent.VEVENT)).hasSize(1);
        return (VEvent) calendar.getComponents(VEvent.VEVENT).get(0);
    }

    @Test
    void titleStartEndDescriptionWithTheLinkAndOrganizer() throws Exception {
        String ics = new InviteCalendar("inv-1@media-invites", "Birds; \"live\", at dawn", START, END,
                "Open your invite with this link:", LINK, "Olga Owner", "invites@media.example").ics();
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("\r\nEND:VCALENDAR");
        // folded at 75 octets, as RFC 5545 wants
        assertThat(ics.split("\r\n")).allSatisfy(line -> assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        VEvent event = parse(ics);
        assertThat(event.getSummary().getValue()).isEqualTo("Birds; \"live\", at dawn");
        assertThat(Instant.from((Temporal) event.getStartDate().orElseThrow().getDate())).isEqualTo(START);
        assertThat(Instant.from((Temporal) event.getEndDate().orElseThrow().getDate())).isEqualTo(END);
        assertThat(event.getDescription().getValue()).isEqualTo("Open your invite with this link:\n" + LINK);
        assertThat(event.getUid().orElseThrow().getValue()).isEqualTo("inv-1@media-invites");
        assertThat(event.getProperty(Property.URL).map(Property::getValue)).hasValue(LINK);
        Property organizer = event.getProperty(Property.ORGANIZER).orElseThrow();
        assertThat(organizer.getValue()).isEqualTo("mailto:invites@media.example");
        assertThat(organizer.getParameter("CN").map(p -> ((net.fortuna.ical4j.model.Parameter) p).getValue())).hasValue("Olga Owner");
    }

    @Test
    void withoutAnEndTheEntryLastsAnHourAndWithoutFromAddressHasNoOrganizer() throws Exception {
        VEvent event = parse(new InviteCalendar("inv-2@media-invites", "Talk", START, null, "", LINK, "Olga", null).ics());
        assertThat(Instant.from((Temporal) event.getEndDate().orElseThrow().getDate())).isEqualTo(START.plus(InviteCalendar.DEFAULT_LENGTH));
        assertThat(event.getDescription().getValue()).isEqualTo(LINK);
        assertThat(event.getProperty(Property.ORGANIZER)).isEmpty();
    }
}
