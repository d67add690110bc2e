package io.mediainvites.core.mail;

import io.mediainvites.core.media.InviteRole;
import io.mediainvites.core.media.MediaType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The content of one invite e-mail (spec E1): what the {@code media-invite} templates of the e-mail theme get.
 * Plain values only; the Keycloak side adds the theme's own attributes ({@code msg}, {@code realmName},
 * {@code user}, {@code locale}, …).
 *
 * <p>Times are written in the mail's language and in UTC (the invitee's time zone is not known), for example
 * {@code December 1, 2026, 18:00 UTC} or {@code 1. Dezember 2026, 18:00 UTC}.
 *
 * @param inviteeFirstName invitee's first name as given on the invite
 * @param inviteeLastName  invitee's last name as given on the invite
 * @param inviterName      how the inviter is shown (full name, else username)
 * @param mediaTitle       title of the media entry
 * @param mediaType        type of the media entry
 * @param startsAt         scheduled start (live types), else null
 * @param role             the invited role
 * @param link             the invite link (the same string the API answers with)
 * @param expiresAt        when the link stops working
 * @param locale           language of the mail
 */
public record InviteMail(
        String inviteeFirstName,
        String inviteeLastName,
        String inviterName,
        String mediaTitle,
        MediaType mediaType,
        Instant startsAt,
        InviteRole role,
        String link,
        Instant expiresAt,
        Locale locale) {

    /** Template file name under {@code html/} and {@code text/} of the e-mail theme. */
    public static final String TEMPLATE = "media-invite.ftl";
    /** Message key of the subject; parameters: media title, inviter name. */
    public static final String SUBJECT_KEY = "mediaInviteSubject";

    public InviteMail {
        Objects.requireNonNull(inviteeFirstName, "inviteeFirstName");
        Objects.requireNonNull(inviteeLastName, "inviteeLastName");
        Objects.requireNonNull(inviterName, "inviterName");
        Objects.requireNonNull(mediaTitle, "mediaTitle");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(expiresAt, "expiresAt");
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** Subject parameters, in the order of {@link #SUBJECT_KEY}'s placeholders: {0} media title, {1} inviter. */
    public List<Object> subjectParameters() {
        return List.of(mediaTitle, inviterName);
    }

    /**
     * The attributes the templates read. {@code startsAt} and {@code startsAtIso} are present only for live
     * media with a start (templates test them with {@code ??}).
     */
    public Map<String, Object> templateAttributes() {
        Map<String, Object> invitee = new LinkedHashMap<>();
        invitee.put("firstName", inviteeFirstName);
        invitee.put("lastName", inviteeLastName);
        invitee.put("fullName", (inviteeFirstName + " " + inviteeLastName).trim());

        Map<String, Object> a = new LinkedHashMap<>();
        a.put("invitee", invitee);
        a.put("inviterName", inviterName);
        a.put("mediaTitle", mediaTitle);
        a.put("mediaType", mediaType.wire());
        a.put("live", mediaType.live());
        if (mediaType.live() && startsAt != null) {
            a.put("startsAt", format(startsAt, locale));
            a.put("startsAtIso", startsAt.toString());
        }
        a.put("role", role.wire());
        a.put("link", link);
        a.put("expiresAt", format(expiresAt, locale));
        a.put("expiresAtIso", expiresAt.toString());
        return a;
    }

    /** A point in time for humans: the localised long date, then 24-hour time, in UTC. */
    public static String format(Instant instant, Locale locale) {
        Locale l = locale == null ? Locale.ENGLISH : locale;
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(l).withZone(ZoneOffset.UTC)
                .format(instant);
        String time = DateTimeFormatter.ofPattern("HH:mm", l).withZone(ZoneOffset.UTC).format(instant);
        return date + ", " + time + " UTC";
    }
}
