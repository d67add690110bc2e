package io.mediainvites.model.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
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

    /** The attachment's file name and media type (RFC 5545 with the iTIP method of the file, RFC 5546). */
    public static final String FILE_NAME = "invite.ics";
    public static final String ATTACHMENT_TYPE = "text/calendar; charset=UTF-8; method=PUBLISH";

    /**
     * The entry of an invite to scheduled live media, built one way for the e-mail attachment and the download:
     * the invite's id as UID, the entry's title, start, end and description, the link, the inviter's name as
     * organizer with the realm's from-address. Empty for on-demand media or a live entry without a start.
     *
     * @param inviter the inviting user (may be null: no organizer name)
     */
    public static Optional<InviteCalendar> forInvite(RealmModel realm, InviteEntity invite, MediaEntryEntity media,
            UserModel inviter, String link) {
        if (media == null || !MediaType.fromWire(media.getMediaType()).live() || media.getStartsAt() == null) {
            return Optional.empty();
        }
        Map<String, String> smtp = realm.getSmtpConfig();
        return Optional.of(new InviteCalendar(invite.getId() + "@media-invites", media.getTitle(),
                Instant.ofEpochMilli(media.getStartsAt()),
                media.getEndsAt() == null ? null : Instant.ofEpochMilli(media.getEndsAt()),
                media.getDescription() == null ? "" : media.getDescription(), link,
                inviter == null ? "" : organizerName(inviter), smtp == null ? null : smtp.get("from")));
    }

    /** The inviter as organizer: first and last name, else the username. */
    public static String organizerName(UserModel user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName();
        String last = user.getLastName() == null ? "" : user.getLastName();
        String name = (first + " " + last).trim();
        return name.isEmpty() ? user.getUsername() : name;
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
