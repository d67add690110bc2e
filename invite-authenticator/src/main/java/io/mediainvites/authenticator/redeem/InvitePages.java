package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.media.LivePhase;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.policy.ConfirmationMode;
import io.mediainvites.core.redeem.InviteeEntry;
import io.mediainvites.core.redeem.Refusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import io.mediainvites.core.time.HumanTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.sessions.AuthenticationSessionModel;

/** The invitee's pages, FreeMarker templates of the media-invites login theme. */
public final class InvitePages {

    static final String INVITE_TEMPLATE = "media-invite.ftl";
    static final String MESSAGE_TEMPLATE = "media-invite-message.ftl";

    private InvitePages() {
    }

    /**
     * Landing (on-demand), lobby (live and open) or countdown (live, not started) page. Landing and lobby
     * carry the form that redeems; the countdown page only reloads the link when the start comes.
     */
    static Response invite(Redemption r, AuthenticationSessionModel authSession, LivePhase phase, String nonce,
            String linkUrl, Instant now) {
        return invite(r, authSession, phase, nonce, linkUrl, now, CodeStep.none());
    }

    /**
     * Where the invitee is in confirmation mode "code": asked to request a code, or to enter the one sent;
     * with an optional message key (wrong code, expired, wait) and the attempts left.
     */
    record CodeStep(String stage, String messageKey, int attemptsLeft) {
        static CodeStep none() {
            return new CodeStep("", "", 0);
        }
    }

    static Response invite(Redemption r, AuthenticationSessionModel authSession, LivePhase phase, String nonce,
            String linkUrl, Instant now, CodeStep code) {
        LoginFormsProvider forms = r.session.getProvider(LoginFormsProvider.class).setAuthenticationSession(authSession);
        Map<String, Object> invite = new LinkedHashMap<>();
        MediaType type = MediaType.fromWire(r.media.getMediaType());
        UserModel inviter = r.session.users().getUserById(r.realm, r.invite.getInviterId());
        invite.put("mediaTitle", r.media.getTitle());
        invite.put("mediaDescription", r.media.getDescription() == null ? "" : r.media.getDescription());
        invite.put("mediaType", type.wire());
        invite.put("live", type.live());
        invite.put("role", r.invite.getRole());
        invite.put("inviterName", inviter == null ? "" : displayName(inviter));
        invite.put("inviteeName", r.invite.getFirstName());
        invite.put("phase", phase.name().toLowerCase());
        // R12: each time as an ISO value for the page's script and as UTC text in the page's language without it
        Locale locale = PageLocale.select(r.session, r.realm, r.invitee(), r.invite.getLocale(), authSession);
        Instant startsAt = r.media.getStartsAt() == null ? null : Instant.ofEpochMilli(r.media.getStartsAt());
        Instant expiresAt = Instant.ofEpochMilli(r.invite.getExpiresAt());
        invite.put("startsAt", startsAt == null ? "" : startsAt.toString());
        invite.put("startsAtText", startsAt == null ? "" : HumanTime.utc(startsAt, locale));
        invite.put("startsAtMillis", startsAt == null ? 0L : startsAt.toEpochMilli());
        invite.put("timeToStart", startsAt == null ? "" : HumanTime.clock(Duration.between(now, startsAt)));
        invite.put("expiresAt", expiresAt.toString());
        invite.put("expiresAtText", HumanTime.utc(expiresAt, locale));
        // "Check again" on the countdown: a plain GET of the link, so it works without JavaScript
        LinkForm check = LinkForm.of(linkUrl);
        invite.put("linkAction", check.action());
        invite.put("linkParameters", check.parameters());
        // R13: "Add to calendar" for live media, the same .ics as the e-mail's, by the same link
        invite.put("calendarUrl", type.live() && startsAt != null ? CalendarDownload.url(r, check) : "");
        InviteeEntry entry = r.entry();
        // S6: an existing account signs in itself; a real sign-in needs no further address confirmation
        invite.put("signIn", r.signInNeeded(authSession));
        invite.put("confirmTyped", entry == InviteeEntry.LINK && r.policy.confirmation() == ConfirmationMode.TYPED);
        invite.put("emailHint", hint(r.invite.getEmail()));
        boolean codeMode = entry == InviteeEntry.CODE
                || (entry == InviteeEntry.LINK && r.policy.confirmation() == ConfirmationMode.CODE);
        invite.put("codeStage", codeMode ? (code.stage().isEmpty() ? "send" : code.stage()) : "");
        invite.put("codeMessageKey", code.messageKey());
        invite.put("codeAttemptsLeft", code.attemptsLeft());
        invite.put("linkUrl", linkUrl);
        invite.put("nonce", nonce == null ? "" : nonce);
        invite.put("actionUrl", actionUrl(r, authSession));
        return forms.setAttribute("mediaInvite", invite).createForm(INVITE_TEMPLATE);
    }

    /** A refusal or notice page: one distinct message per reason, optionally with one action link. */
    static Response message(Redemption r, AuthenticationSessionModel authSession, Refusal refusal, String actionUrl,
            String actionLabelKey) {
        return message(r.session, authSession, refusal, actionUrl, actionLabelKey);
    }

    /** A refusal page for a flow step outside redemption (the cookie step of an invite-only session, S7). */
    public static Response refusal(org.keycloak.models.KeycloakSession session, AuthenticationSessionModel authSession,
            Refusal refusal) {
        return message(session, authSession, refusal, null, null);
    }

    /** The same, without an invite at hand (for example when the authentication session has expired). */
    static Response message(org.keycloak.models.KeycloakSession session, AuthenticationSessionModel authSession,
            Refusal refusal, String actionUrl, String actionLabelKey) {
        return message(session, authSession, refusal, refusal.messageKey(), "", actionUrl, actionLabelKey);
    }

    /**
     * The e-mail mismatch page (R4) with its way out, Keycloak's sign-out for this realm; worded by
     * {@code messageKey}, whose argument is the account signed in (may be empty).
     */
    static Response emailMismatch(org.keycloak.models.KeycloakSession session, AuthenticationSessionModel authSession,
            String messageKey, String signedInAs) {
        String signOut = OIDCLoginProtocolService.logoutUrl(session.getContext().getUri())
                .build(session.getContext().getRealm().getName()).toString();
        return message(session, authSession, Refusal.EMAIL_MISMATCH, messageKey, signedInAs, signOut, "mediaInviteSignOut");
    }

    /** The busy page (issue 14 item 6): the same redemption form again, to be sent once more in a moment. */
    static Response busy(Redemption r, AuthenticationSessionModel authSession, String nonce) {
        return message(r.session, authSession, Refusal.BUSY, Refusal.BUSY.messageKey(), "", null, null,
                actionUrl(r, authSession), nonce);
    }

    /**
     * R15: the device-mismatch page. With {@code step} (stage "send" or "enter") it offers to move the binding to this
     * browser by a code mailed to the invited address ({@code nonce} for the form); without ({@code null}) it is the
     * refusal worded by {@code messageKey} (a move off, its limit reached, no SMTP: ask for a new link).
     */
    static Response deviceMismatch(Redemption r, AuthenticationSessionModel authSession, String messageKey,
            String nonce, CodeStep step) {
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("stage", step == null ? "" : step.stage());
        move.put("messageKey", step == null ? "" : step.messageKey());
        move.put("attemptsLeft", step == null ? 0 : step.attemptsLeft());
        move.put("emailHint", hint(r.invite.getEmail()));
        move.put("actionUrl", step == null ? "" : actionUrl(r, authSession));
        move.put("nonce", nonce == null ? "" : nonce);
        return message(r.session, authSession, Refusal.DEVICE_MISMATCH, messageKey, "", null, null, null, null, move);
    }

    /** A refusal worded by a more specific message than its default, with one argument ({0}). */
    static Response message(org.keycloak.models.KeycloakSession session, AuthenticationSessionModel authSession,
            Refusal refusal, String messageKey, String messageArgument, String actionUrl, String actionLabelKey) {
        return message(session, authSession, refusal, messageKey, messageArgument, actionUrl, actionLabelKey, null, null);
    }

    private static Response message(org.keycloak.models.KeycloakSession session, AuthenticationSessionModel authSession,
            Refusal refusal, String messageKey, String messageArgument, String actionUrl, String actionLabelKey,
            String retryUrl, String retryNonce) {
        return message(session, authSession, refusal, messageKey, messageArgument, actionUrl, actionLabelKey, retryUrl,
                retryNonce, Map.of("stage", ""));
    }

    private static Response message(org.keycloak.models.KeycloakSession session, AuthenticationSessionModel authSession,
            Refusal refusal, String messageKey, String messageArgument, String actionUrl, String actionLabelKey,
            String retryUrl, String retryNonce, Map<String, Object> move) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class);
        if (authSession != null) {
            forms.setAuthenticationSession(authSession);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("messageKey", messageKey);
        page.put("messageArgument", messageArgument == null ? "" : messageArgument);
        page.put("reason", refusal.reason());
        page.put("actionUrl", actionUrl == null ? "" : actionUrl);
        page.put("actionLabelKey", actionLabelKey == null ? "" : actionLabelKey);
        page.put("retryUrl", retryUrl == null ? "" : retryUrl);
        page.put("retryNonce", retryNonce == null ? "" : retryNonce);
        page.put("move", move);
        Response response = forms.setAttribute("mediaInviteMessage", page).createForm(MESSAGE_TEMPLATE);
        return Response.fromResponse(response).status(refusal.httpStatus()).build();
    }

    static String actionUrl(Redemption r, AuthenticationSessionModel authSession) {
        return UriBuilder.fromUri(r.session.getContext().getUri().getBaseUri())
                .path("realms").path(r.realm.getName()).path(RedeemResourceProviderFactory.ID).path("redeem")
                .queryParam("client_id", authSession.getClient().getClientId())
                .queryParam("tab_id", authSession.getTabId())
                .build().toString();
    }

    static String displayName(UserModel user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName();
        String last = user.getLastName() == null ? "" : user.getLastName();
        String name = (first + " " + last).trim();
        return name.isEmpty() ? user.getUsername() : name;
    }

    /** "o•••@example.com": enough to recognise the address, not enough to type it without knowing it. */
    static String hint(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        if (at <= 0) {
            return "";
        }
        // the first code point, not char: a letter outside the BMP must not be cut into half a surrogate pair
        int first = Character.charCount(email.codePointAt(0));
        return email.substring(0, first) + "\u2022\u2022\u2022" + email.substring(at);
    }
}
