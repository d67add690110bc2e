package io.mediainvites.authenticator.claims;

import io.mediainvites.authenticator.redeem.SessionNotes;
import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.core.redeem.MediaGrant;
import io.mediainvites.core.redeem.MediaGrants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.ClientSessionContext;
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
import org.keycloak.representations.IDToken;

/**
 * Puts the session's media grants for the token's own client into the {@code media_access} claim (R7):
 * {@code {"<mediaId>": {"role": "moderator", "invite": "<id>", "exp": 1767225600}}}. Grants of other
 * clients and expired grants are never included.
 */
public class MediaInviteClaimsMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, ServerInfoAwareProviderFactory {

    public static final String ID = "media-invite-claims";
    public static final String CLAIM = "media_access";

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
                + CLAIM + "' claim, for the client that owns the media only.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        String clientId = clientSessionCtx.getClientSession().getClient().getClientId();
        Map<String, Object> claim = claimFor(userSession.getNote(SessionNotes.GRANTS), clientId,
                System.currentTimeMillis() / 1000);
        if (!claim.isEmpty()) {
            token.getOtherClaims().put(CLAIM, claim);
        }
    }

    /** The claim value for one client at one instant: a plain function of the session note. */
    public static Map<String, Object> claimFor(String grantsNote, String clientId, long nowEpochSeconds) {
        Map<String, Object> claim = new LinkedHashMap<>();
        for (MediaGrant grant : MediaGrants.parse(grantsNote).activeFor(clientId, nowEpochSeconds)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", grant.role().wire());
            entry.put("invite", grant.inviteId());
            entry.put("exp", grant.exp());
            claim.put(grant.mediaId(), entry);
        }
        return claim;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionInfo.get().operationalInfo();
    }
}
