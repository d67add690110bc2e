package io.mediainvites.model.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The invite link's action token: {@code jti} is the invite id, signed by the realm, bound to the invited
 * e-mail, the media entry, the role, the issuing client ({@code azp}) and its redirect.
 */
public class InviteActionToken extends DefaultActionToken {

    /** Token type, also the id of the handler factory that redeems it. */
    public static final String TOKEN_TYPE = "media-invite";

    /**
     * How long a token outlives its invite. The invite row decides expiry (and can be revoked); the grace
     * lets an expired link reach our handler, so the invitee sees "this invite expired" instead of
     * Keycloak's generic expired-action page.
     */
    public static final int EXPIRY_GRACE_SECONDS = 7 * 24 * 3600;

    private static final String JSON_MEDIA_ID = "mi_media";
    private static final String JSON_ROLE = "mi_role";
    private static final String JSON_REDIRECT_URI = "reduri";
    private static final String JSON_LINK_GENERATION = "mi_gen";

    @JsonProperty(JSON_MEDIA_ID)
    private String mediaId;

    @JsonProperty(JSON_ROLE)
    private String role;

    @JsonProperty(JSON_REDIRECT_URI)
    private String redirectUri;

    /** S9: the invite's link generation when the link was minted; a re-issue raises it and ends older links. */
    @JsonProperty(JSON_LINK_GENERATION)
    private Integer linkGeneration;

    public InviteActionToken(String userId, String inviteId, int absoluteExpirationInSecs, String email,
            String clientId, String mediaId, String role, String redirectUri, int linkGeneration) {
        super(userId, TOKEN_TYPE, absoluteExpirationInSecs, null);
        id(inviteId);
        setEmail(email);
        this.issuedFor = clientId;
        this.mediaId = mediaId;
        this.role = role;
        this.redirectUri = redirectUri;
        this.linkGeneration = linkGeneration;
    }

    /** For JSON deserialisation. */
    private InviteActionToken() {
    }

    public String getMediaId() {
        return mediaId;
    }

    public String getRole() {
        return role;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    /**
     * The link generation the token was minted for. Tokens minted before generations existed carry none and
     * count as the first generation, so the first re-issue ends them too.
     */
    public int getLinkGeneration() {
        return linkGeneration == null ? 1 : linkGeneration;
    }
}
