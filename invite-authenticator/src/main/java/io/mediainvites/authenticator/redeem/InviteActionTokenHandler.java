package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.core.media.LivePhase;
import io.mediainvites.core.redeem.RedemptionRules;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.token.InviteActionToken;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.TokenVerifier;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.authentication.actiontoken.ExplainedTokenVerificationException;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * Opens an invite link (GET). Never changes the invite: it verifies the link, then shows the landing,
 * lobby or countdown page whose form redeems through {@link RedeemResource} (R1). Its id is the token type.
 */
public class InviteActionTokenHandler extends AbstractActionTokenHandler<InviteActionToken>
        implements ServerInfoAwareProviderFactory {

    private static final Logger LOG = Logger.getLogger(InviteActionTokenHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    public InviteActionTokenHandler() {
        super(InviteActionToken.TOKEN_TYPE, InviteActionToken.class, Refusal.INVALID_TOKEN.messageKey(),
                EventType.EXECUTE_ACTION_TOKEN, Refusal.INVALID_TOKEN.reason());
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
            if (refused.isPresent()) {
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
            ActionTokenContext<InviteActionToken> context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        ClientModel client = realm.getClientByClientId(token.getIssuedFor());
        AuthenticationSessionManager manager = new AuthenticationSessionManager(session);
        UserSessionModel signedIn = manager.getUserSessionFromAuthenticationCookie(realm);
        RootAuthenticationSessionModel root;
        // only the invitee's own session is joined; someone else signed in gets the e-mail mismatch page
        if (signedIn != null && signedIn.getUser() != null && signedIn.getUser().getId().equals(token.getUserId())) {
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
        authSession.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setRedirectUri(token.getRedirectUri());
        authSession.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, token.getRedirectUri());
        authSession.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, "code");
        authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, "openid");
        authSession.setClientNote(OIDCLoginProtocol.ISSUER,
                Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        return authSession;
    }

    @Override
    public Response handleToken(InviteActionToken token, ActionTokenContext<InviteActionToken> context) {
        KeycloakSession session = context.getSession();
        Redemption r = Redemption.load(session, token.getId()).orElseThrow();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        context.getEvent().detail("invite_id", r.invite.getId()).detail("media_id", r.invite.getMediaId());

        // R4: someone else is signed in in this browser
        AuthenticationManager.AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(session, context.getRealm(), true);
        if (signedIn != null) {
            Optional<Refusal> mismatch = RedemptionRules.checkSignedInEmail(r.email(), signedIn.user().getEmail());
            if (mismatch.isPresent()) {
                context.getEvent().error(mismatch.get().reason());
                String logout = Urls.realmBase(session.getContext().getUri().getBaseUri()).path(context.getRealm().getName())
                        .path("protocol/openid-connect/logout").build().toString();
                return InvitePages.message(r, authSession, mismatch.get(), logout, "mediaInviteSignOut");
            }
        }

        Instant now = Instant.now();
        LivePhase phase = r.phase(now);
        if (phase == LivePhase.ENDED) {
            context.getEvent().error(Refusal.MEDIA_ENDED.reason());
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

    private static boolean matchesItsInvite(InviteActionToken token, KeycloakSession session) {
        return Redemption.load(session, token.getId())
                .filter(r -> r.client != null && r.client.getClientId().equals(token.getIssuedFor()))
                .filter(r -> r.invite.getEmail().equals(token.getEmail()))
                .filter(r -> r.invite.getMediaId().equals(token.getMediaId()))
                .filter(r -> r.invite.getRole().equals(token.getRole()))
                .filter(r -> r.invite.getUserId().equals(token.getUserId()))
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

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionInfo.get().operationalInfo();
    }
}
