package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.media.LivePhase;
import io.mediainvites.core.redeem.RedemptionRules;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.activity.InviteActivity;
import io.mediainvites.model.token.InviteActionToken;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.TokenVerifier;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.authentication.actiontoken.ActionTokenHandler;
import org.keycloak.authentication.actiontoken.ExplainedTokenVerificationException;
import org.keycloak.common.VerificationException;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.resources.LoginActionsServiceException;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * Opens an invite link (GET). Never changes the invite: it verifies the link, then shows the landing,
 * lobby or countdown page whose form redeems through {@link RedeemResource} (R1). Made by
 * {@link InviteActionTokenHandlerFactory}, whose id is the token type.
 */
public class InviteActionTokenHandler implements ActionTokenHandler<InviteActionToken> {

    private static final Logger LOG = Logger.getLogger(InviteActionTokenHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Message of the e-mail mismatch while another account is signed in; its argument is that account. */
    static final String SIGNED_IN_AS_SOMEONE_ELSE = "mediaInviteSignedInAsOtherMessage";

    @Override
    public Class<InviteActionToken> getTokenClass() {
        return InviteActionToken.class;
    }

    @Override
    public EventType eventType() {
        return EventType.EXECUTE_ACTION_TOKEN;
    }

    /** Used by Keycloak when a check fails without its own reason. */
    @Override
    public String getDefaultEventError() {
        return Refusal.INVALID_TOKEN.reason();
    }

    @Override
    public String getDefaultErrorMessage() {
        return Refusal.INVALID_TOKEN.messageKey();
    }

    /** Invite links do not belong to an authentication session in progress. */
    @Override
    public String getAuthenticationSessionIdFromToken(InviteActionToken token,
            ActionTokenContext<InviteActionToken> context, AuthenticationSessionModel current) {
        return token.getCompoundAuthenticationSessionId();
    }

    @Override
    public void close() {
    }

    /** The same link may be opened many times; uses are counted on redemption, not on opening. */
    @Override
    public boolean canUseTokenRepeatedly(InviteActionToken token, ActionTokenContext<InviteActionToken> context) {
        return true;
    }

    /** Named checks, each paired with its event error and message (S1, R2, R3, R9, R10). */
    @Override
    @SuppressWarnings("unchecked")
    public TokenVerifier.Predicate<? super InviteActionToken>[] getVerifiers(ActionTokenContext<InviteActionToken> context) {
        return new TokenVerifier.Predicate[] {
            tokenMatchesItsInvite(context.getSession()),
            inviteMayStillBeRedeemed(context.getSession())
        };
    }

    /** The token's invite exists in this realm and says what the token says (else: invalid_token). */
    static TokenVerifier.Predicate<InviteActionToken> tokenMatchesItsInvite(KeycloakSession session) {
        return token -> {
            if (!matchesItsInvite(token, session)) {
                // an invite of this realm behind a link that no longer matches it (an older link generation)
                Redemption.load(session, token.getId()).ifPresent(r -> r.recordRefusal(Refusal.INVALID_TOKEN.reason()));
                throw refusal(token, Refusal.INVALID_TOKEN);
            }
            return true;
        };
    }

    /** Not removed, revoked, used up or expired; domain still allowed; account not privileged; same device. */
    static TokenVerifier.Predicate<InviteActionToken> inviteMayStillBeRedeemed(KeycloakSession session) {
        return token -> {
            Redemption r = Redemption.load(session, token.getId()).orElseThrow(() -> refusal(token, Refusal.INVALID_TOKEN));
            Optional<Refusal> refused = r.refusal(DeviceCookie.hashOf(DeviceCookie.read(session)), Instant.now());
            // R15: a device mismatch is the last rule; its page (with the move where offered) is the handler's
            if (refused.isPresent() && refused.get() != Refusal.DEVICE_MISMATCH) {
                r.recordRefusal(refused.get().reason());
                throw refusal(token, refused.get());
            }
            return true;
        };
    }

    /**
     * The auth session the redemption POST is bound to. Like Keycloak's authorization endpoint, it reuses
     * the id of the invitee's signed-in user session, so redeeming joins that session (R8) instead of
     * replacing it.
     */
    @Override
    public AuthenticationSessionModel startFreshAuthenticationSession(InviteActionToken token,
            ActionTokenContext<InviteActionToken> context) throws VerificationException {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        ClientModel client = realm.getClientByClientId(token.getIssuedFor());
        if (client == null) {
            // the app was deleted or renamed since the link was minted
            Redemption.load(session, token.getId()).ifPresent(r -> r.recordRefusal(Refusal.INVALID_TOKEN.reason()));
            throw refusal(token, Refusal.INVALID_TOKEN);
        }
        AuthenticationSessionManager manager = new AuthenticationSessionManager(session);
        UserSessionModel signedIn = manager.getUserSessionFromAuthenticationCookie(realm);
        // R4: someone else is signed in in this browser. Refused here, before Keycloak's own "different user"
        // check, so that the refusal carries our reason code and offers the way out.
        if (signedIn != null && signedIn.getUser() != null && !signedIn.getUser().getId().equals(token.getUserId())) {
            throw signedInAsSomeoneElse(token, context, signedIn.getUser());
        }
        RootAuthenticationSessionModel root;
        // the invitee's own session is joined (R8)
        if (signedIn != null && signedIn.getUser() != null) {
            root = session.authenticationSessions().getRootAuthenticationSession(realm, signedIn.getId());
            if (root == null) {
                root = session.authenticationSessions().createRootAuthenticationSession(realm, signedIn.getId());
            }
            manager.setAuthSessionCookie(root.getId());
            manager.setAuthSessionIdHashCookie(root.getId());
        } else {
            root = manager.createAuthenticationSession(realm, true);
        }
        AuthenticationSessionModel authSession = root.createAuthenticationSession(client);
        prepare(session, realm, authSession, token.getRedirectUri());
        return authSession;
    }

    /**
     * An authentication session of the invite's app that ends in a code for the invite's redirect (no parameters of
     * the app's own: the link is the request). Shared with the retry of a lost answer ({@link LostAnswerRetry}).
     */
    static void prepare(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
            String redirectUri) {
        authSession.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setRedirectUri(redirectUri);
        authSession.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, redirectUri);
        authSession.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, "code");
        authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, "openid");
        authSession.setClientNote(OIDCLoginProtocol.ISSUER,
                Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
    }

    @Override
    public Response handleToken(InviteActionToken token, ActionTokenContext<InviteActionToken> context) {
        KeycloakSession session = context.getSession();
        Redemption r = Redemption.load(session, token.getId()).orElseThrow();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        context.getEvent().detail("invite_id", r.invite.getId()).detail("media_id", r.invite.getMediaId());
        Instant now = Instant.now();
        // O10: one cheap write on the invite's summary row (never the invite row), whatever the page shows
        InviteActivity.of(session).opened(r.invite, now);

        // R4: someone else is signed in in this browser (the identity cookie is read once per request, by Redemption)
        UserSessionModel signedIn = r.signedInSession();
        if (signedIn != null) {
            Optional<Refusal> mismatch = RedemptionRules.checkSignedInEmail(r.email(), signedIn.getUser().getEmail());
            if (mismatch.isPresent()) {
                r.refused(context.getEvent(), mismatch.get().reason());
                return InvitePages.emailMismatch(session, authSession, mismatch.get().messageKey(), "");
            }
        }

        // R15: opened on another device than the bound one: the mismatch page, offering the move where allowed
        Optional<Refusal> device = r.refusal(DeviceCookie.hashOf(DeviceCookie.read(session)), now);
        if (device.isPresent()) {
            if (device.get() == Refusal.DEVICE_MISMATCH) {
                return DeviceMove.mismatchPage(r, authSession, context.getEvent());
            }
            r.refused(context.getEvent(), device.get().reason()); // changed since the token checks a moment ago
            return InvitePages.message(r, authSession, device.get(), null, null);
        }

        LivePhase phase = r.phase(now);
        if (phase == LivePhase.ENDED) {
            r.refused(context.getEvent(), Refusal.MEDIA_ENDED.reason());
            return InvitePages.message(r, authSession, Refusal.MEDIA_ENDED, null, null);
        }
        String nonce = null;
        if (phase != LivePhase.BEFORE_START) {
            nonce = newNonce();
            authSession.setAuthNote(SessionNotes.INVITE_ID, r.invite.getId());
            authSession.setAuthNote(SessionNotes.FORM_NONCE, nonce);
        }
        LOG.debugf("invite %s opened (%s)", r.invite.getId(), phase);
        String link = session.getContext().getUri().getRequestUri().toString();
        return InvitePages.invite(r, authSession, phase, nonce, link, now);
    }

    /** The e-mail mismatch page for a browser signed in to another account, and its event (email_mismatch). */
    private static LoginActionsServiceException signedInAsSomeoneElse(InviteActionToken token,
            ActionTokenContext<InviteActionToken> context, UserModel signedInUser) {
        KeycloakSession session = context.getSession();
        Optional<Redemption> r = Redemption.load(session, token.getId());
        r.ifPresent(found -> {
            context.getEvent().detail("invite_id", found.invite.getId()).detail("media_id", found.invite.getMediaId());
            found.recordRefusal(Refusal.EMAIL_MISMATCH.reason());
        });
        context.getEvent().detail("previous_user", signedInUser.getId()).error(Refusal.EMAIL_MISMATCH.reason());
        return new LoginActionsServiceException(
                InvitePages.emailMismatch(session, null, SIGNED_IN_AS_SOMEONE_ELSE, signedInUser.getUsername()));
    }

    static boolean matchesItsInvite(InviteActionToken token, KeycloakSession session) {
        return Redemption.load(session, token.getId())
                .filter(r -> r.client != null && r.client.getClientId().equals(token.getIssuedFor()))
                .filter(r -> r.invite.getEmail().equals(token.getEmail()))
                .filter(r -> r.invite.getMediaId().equals(token.getMediaId()))
                .filter(r -> r.invite.getRole().equals(token.getRole()))
                .filter(r -> r.invite.getUserId().equals(token.getUserId()))
                // S9: a re-issue raised the generation; older links are refused as invalid
                .filter(r -> r.invite.getLinkGeneration() == token.getLinkGeneration())
                .isPresent();
    }

    private static ExplainedTokenVerificationException refusal(InviteActionToken token, Refusal refusal) {
        return new ExplainedTokenVerificationException(token, refusal.reason(), refusal.messageKey());
    }

    private static String newNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
