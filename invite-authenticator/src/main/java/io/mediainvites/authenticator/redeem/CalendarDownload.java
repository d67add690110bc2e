package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.calendar.InviteCalendar;
import io.mediainvites.model.token.InviteActionToken;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;

/**
 * {@code GET /realms/{realm}/media-invite/calendar?key=<the link's token>} (R13): the calendar entry of a live
 * invite, for "Add to calendar" on the countdown and lobby pages. Only the holder of a link that may still be
 * redeemed gets it (the same checks as opening the link, device binding included); it changes nothing.
 */
final class CalendarDownload {

    private static final Logger LOG = Logger.getLogger(CalendarDownload.class);

    private CalendarDownload() {
    }

    /** The download URL for the link of this page, or "" when the page has no link (rendered by a POST). */
    static String url(Redemption r, LinkForm link) {
        String key = link.parameters().stream().filter(p -> "key".equals(p.get("name"))).map(p -> p.get("value"))
                .findFirst().orElse(null);
        if (key == null) {
            return "";
        }
        return UriBuilder.fromUri(r.session.getContext().getUri().getBaseUri())
                .path("realms").path(r.realm.getName()).path(RedeemResourceProviderFactory.ID).path("calendar")
                .queryParam("key", key).build().toString();
    }

    static Response download(KeycloakSession session, String key) {
        RealmModel realm = session.getContext().getRealm();
        InviteActionToken token = key == null || key.length() > 8192 ? null : decode(session, key);
        if (token == null || !InviteActionToken.TOKEN_TYPE.equals(token.getType())
                || !Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()).equals(token.getIssuer())
                || !InviteActionTokenHandler.matchesItsInvite(token, session)) {
            return error(Refusal.INVALID_TOKEN.httpStatus(), Refusal.INVALID_TOKEN.reason(), "The link is not valid.");
        }
        Redemption r = Redemption.load(session, token.getId()).orElse(null);
        if (r == null) {
            return error(Refusal.INVALID_TOKEN.httpStatus(), Refusal.INVALID_TOKEN.reason(), "The link is not valid.");
        }
        Optional<Refusal> refused = r.refusal(DeviceCookie.hashOf(DeviceCookie.read(session)), Instant.now());
        if (refused.isPresent()) {
            return error(refused.get().httpStatus(), refused.get().reason(), "The link cannot be used.");
        }
        if (r.media == null || !MediaType.fromWire(r.media.getMediaType()).live() || r.media.getStartsAt() == null) {
            return error(404, "not_live", "Only an invite to a scheduled live session has a calendar entry.");
        }
        String ics = calendar(r, session.getContext().getUri().getRequestUri().toString()).ics();
        LOG.debugf("invite %s: calendar entry downloaded", r.invite.getId());
        return Response.ok(ics, "text/calendar; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"invite.ics\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The entry of this invite (the same builder as the e-mail attachment's); {@code requestUrl} only gives the link. */
    static InviteCalendar calendar(Redemption r, String requestUrl) {
        UserModel inviter = r.session.users().getUserById(r.realm, r.invite.getInviterId());
        return InviteCalendar.forInvite(r.realm, r.invite, r.media, inviter, linkOf(r, requestUrl)).orElseThrow();
    }

    /** The invite link (action-token URL) whose key the calendar request carried. */
    private static String linkOf(Redemption r, String requestUrl) {
        String key = LinkForm.of(requestUrl).parameters().stream().filter(p -> "key".equals(p.get("name")))
                .map(p -> p.get("value")).findFirst().orElse("");
        return UriBuilder.fromUri(r.session.getContext().getUri().getBaseUri())
                .path("realms").path(r.realm.getName()).path("login-actions").path("action-token")
                .queryParam("key", key).build().toString();
    }

    private static InviteActionToken decode(KeycloakSession session, String key) {
        try {
            return session.tokens().decode(key, InviteActionToken.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Response error(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return Response.status(status).entity(body).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }
}
