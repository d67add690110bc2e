package io.mediainvites.model.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;

/**
 * The calendar entry of a live invite (R13), RFC 5545 through ical4j (escaping, folding, UTC times): title, start,
 * end, a description with the link, the inviter as organizer with the realm's from-address. The same file is the
 * e-mail attachment and the download behind "Add to calendar".
 *
 * @param uid         stable per invite, so a second download updates the same entry
 * @param title       media title
 * @param startsAt    the session's start
 * @param endsAt      its end; null: {@link #DEFAULT_LENGTH} after the start
 * @param description text before the link (in the invitee's language)
 * @param link        the invite link
 * @param organizer   the inviter's name
 * @param fromAddress the realm's from-address, or null
 */
public record InviteCalendar(String uid, String title, Instant startsAt, Instant endsAt, String description,
        String link, String organizer, String fromAddress) {

    /** Length of an entry for a session without an end. */
    public static final Duration DEFAULT_LENGTH = Duration.ofHours(1);
    public static final String MEDIA_TYPE = "text/calendar";
    static final String PRODUCT = "-//Keycloak Media Invites//Invite//EN";

    public InviteCalendar {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(link, "link");
    }

    /** The {@code .ics} text (CRLF lines, folded at 75 octets). */
    public String ics() {
        Instant end = endsAt != null && endsAt.isAfter(startsAt) ? endsAt : startsAt.plus(DEFAULT_LENGTH);
        VEvent event = new VEvent(startsAt, end, title);
        event.add(new Uid(uid));
        String text = description == null || description.isBlank() ? link : description + "\n" + link;
        event.add(new Description(text));
        event.add(new Url(URI.create(link)));
        if (fromAddress != null && !fromAddress.isBlank()) {
            Organizer org = new Organizer(URI.create("mailto:" + fromAddress.trim()));
            if (organizer != null && !organizer.isBlank()) {
                org.add(new Cn(organizer));
            }
            event.add(org);
        }
        Calendar calendar = new Calendar().withProdId(PRODUCT).withDefaults()
                .withProperty(new Method(Method.VALUE_PUBLISH)).withComponent(event).getFluentTarget();
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
