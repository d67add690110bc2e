package io.mediainvites.authenticator.claims;

import io.mediainvites.authenticator.redeem.SessionNotes;
import io.mediainvites.authenticator.session.InviteSession;
import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.core.redeem.MediaGrant;
import io.mediainvites.core.redeem.MediaGrants;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.store.InviteStore;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import org.keycloak.services.ErrorResponseException;

/**
 * Puts the session's media grants for the token's own client into the {@code media_access} claim (R7):
 * {@code {"<mediaId>": {"role": "moderator", "invite": "<id>", "exp": 1767225600}}}. Grants of other
 * clients, expired grants and grants of revoked invites are never included: every token request re-reads
 * the invites behind the session's grants (one indexed query), so a revocation reaches the next token on
 * every node at once (S8).
 *
 * <p>For an invite-only session it also contains the tokens (S7): a token request after the invite session's
 * end, once every invite behind it is revoked, or for offline access is refused ({@code invalid_grant});
 * the access token's audience and roles are only its own app's; access and ID tokens say what they are
 * ({@code amr} contains {@code invite}, and {@code otp} where a mailed code proved the address; {@code acr}
 * "0", below any real sign-in). Runs after Keycloak's role and audience mappers.
 */
public class MediaInviteClaimsMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, ServerInfoAwareProviderFactory {

    public static final String ID = "media-invite-claims";
    public static final String CLAIM = "media_access";
    /** Below Keycloak's "1" for a sign-in in this request: an invite is no sign-in. */
    public static final String INVITE_ACR = "0";
    /** After the audience resolver (30) and the role mappers, so that containment sees their work. */
    static final int PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(MediaInviteClaimsMapper.class);
    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, MediaInviteClaimsMapper.class);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Media invite grants";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the media entries this session was invited to (role, invite id, expiry) as the '"
                + CLAIM + "' claim, for the client that owns the media only, and keeps invite-only sessions to "
                + "their own app. Required on every media app that issues invites.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        String clientId = clientSessionCtx.getClientSession().getClient().getClientId();
        List<MediaGrant> grants = activeGrants(session, userSession, clientId);
        InviteSession invite = InviteSession.of(userSession);
        if (invite != null) {
            refuseWhereContained(session, userSession, clientSessionCtx, invite, grants);
            containAccessToken(token, clientId);
            markInvite(token, userSession);
        }
        if (OIDCAttributeMapperHelper.includeInAccessToken(mappingModel)) {
            putClaim(token, grants);
        }
        return token;
    }

    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        String clientId = clientSessionCtx.getClientSession().getClient().getClientId();
        if (InviteSession.isInviteOnly(userSession)) {
            markInvite(token, userSession);
        }
        if (OIDCAttributeMapperHelper.includeInIDToken(mappingModel)) {
            putClaim(token, activeGrants(session, userSession, clientId));
        }
        return token;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        // userinfo and introspection: the claim only (the session's own checks decide whether they answer)
        putClaim(token, activeGrants(session, userSession, clientSessionCtx.getClientSession().getClient().getClientId()));
    }

    /** The grants this client's tokens may carry now; read once per request and session. */
    static List<MediaGrant> activeGrants(KeycloakSession session, UserSessionModel userSession, String clientId) {
        String key = "mi.grants." + userSession.getId() + "." + clientId;
        @SuppressWarnings("unchecked")
        List<MediaGrant> cached = session.getAttribute(key, List.class);
        if (cached != null) {
            return cached;
        }
        long now = System.currentTimeMillis() / 1000;
        MediaGrants all = MediaGrants.parse(userSession.getNote(SessionNotes.GRANTS));
        Set<String> ids = all.inviteIdsFor(clientId, now);
        Set<String> holding = ids.isEmpty() ? Set.of() : InviteStore.of(session).notRevoked(ids);
        List<MediaGrant> active = all.activeFor(clientId, now, holding::contains);
        session.setAttribute(key, active);
        return active;
    }

    /** S7, S8: what an invite-only session may not get, refused before any token is issued. */
    private static void refuseWhereContained(KeycloakSession session, UserSessionModel userSession,
            ClientSessionContext clientSessionCtx, InviteSession invite, List<MediaGrant> grants) {
        if (invite.endedAt(System.currentTimeMillis() / 1000) || grants.isEmpty()) {
            throw refused(session, userSession, clientSessionCtx, Refusal.INVITE_SESSION_ENDED,
                    OAuthErrorException.INVALID_GRANT, "The invite session has ended or its invite was revoked.");
        }
        if (clientSessionCtx.isOfflineTokenRequested()) {
            throw refused(session, userSession, clientSessionCtx, Refusal.INVITE_SESSION_LIMITED,
                    OAuthErrorException.INVALID_SCOPE, "An invite session cannot get offline access.");
        }
    }

    private static ErrorResponseException refused(KeycloakSession session, UserSessionModel userSession,
            ClientSessionContext clientSessionCtx, Refusal refusal, String oauthError, String description) {
        String grantType = clientSessionCtx.getAttribute(Constants.GRANT_TYPE, String.class);
        new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection())
                .event("authorization_code".equals(grantType) ? EventType.CODE_TO_TOKEN_ERROR : EventType.REFRESH_TOKEN_ERROR)
                .client(clientSessionCtx.getClientSession().getClient()).user(userSession.getUser())
                .session(userSession).error(refusal.reason());
        LOG.debugf("token request of invite session %s refused: %s", userSession.getId(), refusal.reason());
        return new ErrorResponseException(oauthError, description, Response.Status.BAD_REQUEST);
    }

    /** Audience and roles of the session's own app only: no Account API, no other client's roles (S7). */
    static void containAccessToken(AccessToken token, String clientId) {
        String[] audience = token.getAudience();
        if (audience != null) {
            String[] own = Arrays.stream(audience).filter(clientId::equals).toArray(String[]::new);
            token.audience(own.length == 0 ? null : own);
        }
        if (token.getResourceAccess() != null) {
            token.getResourceAccess().keySet().removeIf(client -> !client.equals(clientId));
        }
        token.setRealmAccess(null);
    }

    /** S7: tokens of an invite-only session say so, below any real sign-in. */
    static void markInvite(IDToken token, UserSessionModel userSession) {
        token.setAcr(INVITE_ACR);
        String amr = userSession.getNote(SessionNotes.AMR);
        token.getOtherClaims().put("amr", amr == null || amr.isBlank() ? List.of("invite") : List.of(amr.split(" ")));
    }

    private static void putClaim(IDToken token, List<MediaGrant> grants) {
        Map<String, Object> claim = claimOf(grants);
        if (!claim.isEmpty()) {
            token.getOtherClaims().put(CLAIM, claim);
        }
    }

    /** The claim value for a set of active grants. */
    public static Map<String, Object> claimOf(List<MediaGrant> grants) {
        Map<String, Object> claim = new LinkedHashMap<>();
        for (MediaGrant grant : grants) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", grant.role().wire());
            entry.put("invite", grant.inviteId());
            entry.put("exp", grant.exp());
            claim.put(grant.mediaId(), entry);
        }
        return claim;
    }

    /** The claim value for one client at one instant, where every invite still holds: a plain function of the note. */
    public static Map<String, Object> claimFor(String grantsNote, String clientId, long nowEpochSeconds) {
        return claimOf(MediaGrants.parse(grantsNote).activeFor(clientId, nowEpochSeconds));
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionInfo.get().operationalInfo();
    }
}
