package io.mediainvites.rest.invite;

import io.mediainvites.core.email.EmailAddress;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.invite.InviteState;
import io.mediainvites.core.invite.InviteStatus;
import io.mediainvites.core.media.InviteRole;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.media.RoleRules;
import io.mediainvites.core.person.PersonName;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.core.policy.UseLimit;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.store.InviteStore;
import io.mediainvites.model.token.InviteActionToken;
import io.mediainvites.rest.api.ApiException;
import io.mediainvites.rest.auth.Caller;
import io.mediainvites.rest.auth.InvitePermissions;
import io.mediainvites.rest.media.MediaService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.resources.LoginActionsService;

/** Issues, lists, reads and revokes invites (I2–I7). */
public final class InviteService {

    private static final Logger LOG = Logger.getLogger(InviteService.class);

    /** Marks a user created for an invitee who had no account. */
    public static final String GUEST_ATTRIBUTE = "mediaInvites.guest";
    public static final String EMAIL_NOT_REQUESTED = "not_requested";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InviteStore store;
    private final InvitePolicy policy;
    private final InvitePermissions permissions;
    private final MediaService media;

    public InviteService(KeycloakSession session, InviteStore store, InvitePolicy policy,
            InvitePermissions permissions, MediaService media) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = store;
        this.policy = policy;
        this.permissions = permissions;
        this.media = media;
    }

    /** Validates everything, then writes the invite and mints its link. */
    public InviteRepresentation create(Caller caller, MediaEntryEntity entry, InviteRequest request) {
        UserModel inviter = resolveInviter(caller, entry, request.inviter);
        EmailAddress email = EmailAddress.parse(request.email);
        String firstName = PersonName.requireValid(request.firstName, "firstName");
        String lastName = PersonName.requireValid(request.lastName, "lastName");
        MediaType type = MediaType.fromWire(entry.getMediaType());
        InviteRole role = RoleRules.requireAllowed(type, request.role);
        policy.domains().require(email);
        Duration lifetime = policy.effectiveLifetime(request.lifetimeSeconds);
        UseLimit useLimit = policy.effectiveUseLimit(request.useLimit);
        if (Boolean.TRUE.equals(request.sendEmail)) {
            throw new ApiException(ErrorCode.EMAIL_NOT_AVAILABLE, "sendEmail",
                    "Sending invites by e-mail is not available in this realm; copy the link instead.");
        }
        String redirectUri = resolveRedirect(caller.app(), request.redirectUri);

        long now = System.currentTimeMillis();
        store.findPending(realm.getId(), caller.app().getId(), entry.getMediaId(), email.value(), role.wire(), now)
                .ifPresent(existing -> {
                    throw new ApiException(ErrorCode.INVITE_PENDING_EXISTS,
                            "A pending invite for this e-mail, media entry and role exists; revoke it or reuse it.")
                            .with("invite_id", existing.getId());
                });

        UserModel invitee = findOrCreateInvitee(email, firstName, lastName);

        InviteEntity invite = new InviteEntity();
        invite.setId(KeycloakModelUtils.generateId());
        invite.setRealmId(realm.getId());
        invite.setClientId(caller.app().getId());
        invite.setMediaId(entry.getMediaId());
        invite.setEmail(email.value());
        invite.setFirstName(firstName);
        invite.setLastName(lastName);
        invite.setRole(role.wire());
        invite.setUserId(invitee.getId());
        invite.setInviterId(inviter.getId());
        invite.setIssuedByClient(caller.serviceAccount() ? caller.app().getId() : null);
        invite.setRedirectUri(redirectUri);
        invite.setCreatedAt(now);
        // whole seconds: the token's exp and the stored expiry are the same instant
        invite.setExpiresAt(((now + lifetime.toMillis()) / 1000) * 1000);
        invite.setUseLimit(useLimit.value());
        invite.setUseCount(0);
        invite.setEmailStatus(EMAIL_NOT_REQUESTED);
        store.persist(invite);
        store.flush();
        LOG.debugf("invite %s issued for media %s by %s", invite.getId(), entry.getMediaId(), inviter.getId());
        return represent(invite, true);
    }

    public List<InviteRepresentation> list(Caller caller, MediaEntryEntity entry, InviteStatus status, int first,
            int max) {
        return store.listInvites(realm.getId(), caller.app().getId(), entry.getMediaId(), status, first, max,
                        System.currentTimeMillis())
                .stream().map(i -> represent(i, false)).toList();
    }

    /** The invite of the caller's app, or 404 (another app's invite is as good as absent). */
    public InviteEntity require(Caller caller, String inviteId) {
        if (inviteId == null || inviteId.length() > 36) {
            throw new ApiException(ErrorCode.INVITE_NOT_FOUND);
        }
        return store.findInvite(inviteId)
                .filter(i -> i.getRealmId().equals(realm.getId()) && i.getClientId().equals(caller.app().getId()))
                .orElseThrow(() -> new ApiException(ErrorCode.INVITE_NOT_FOUND));
    }

    public InviteRepresentation revoke(Caller caller, InviteEntity invite) {
        if (invite.getRevokedAt() == null) {
            invite.setRevokedAt(System.currentTimeMillis());
            invite.setRevokedBy(caller.user().getId());
            invite.setRevokeReason("revoked");
            store.flush();
        }
        return represent(invite, false);
    }

    public InviteStatus status(InviteEntity invite) {
        return InviteState.statusOf(Instant.ofEpochMilli(invite.getExpiresAt()), UseLimit.of(invite.getUseLimit()),
                invite.getUseCount(), invite.getRevokedAt() == null ? null : Instant.ofEpochMilli(invite.getRevokedAt()),
                false, Instant.now());
    }

    /**
     * @param withLink mint the link (only for an invite that can still be redeemed): the token carries the
     *                 invite id as {@code jti} and the invite's own expiry (plus the fixed grace), so re-minting
     *                 gives an equivalent link
     */
    public InviteRepresentation represent(InviteEntity invite, boolean withLink) {
        InviteStatus status = status(invite);
        String link = null;
        if (withLink && (status == InviteStatus.PENDING || status == InviteStatus.ACTIVE)) {
            link = mintLink(invite);
        }
        UserModel inviter = session.users().getUserById(realm, invite.getInviterId());
        String issuedBy = null;
        if (invite.getIssuedByClient() != null) {
            ClientModel client = realm.getClientById(invite.getIssuedByClient());
            issuedBy = client == null ? null : client.getClientId();
        }
        return new InviteRepresentation(invite.getId(), invite.getMediaId(), invite.getEmail(), invite.getFirstName(),
                invite.getLastName(), invite.getRole(), status.wire(), link, MediaService.iso(invite.getCreatedAt()),
                MediaService.iso(invite.getExpiresAt()), invite.getUseLimit(), invite.getUseCount(),
                new InviteRepresentation.Inviter(invite.getInviterId(), inviter == null ? null : inviter.getUsername(),
                        issuedBy),
                invite.getRedirectUri(), MediaService.iso(invite.getRevokedAt()), invite.getRevokeReason(),
                new InviteRepresentation.EmailDelivery(invite.getEmailStatus(), invite.getEmailError()));
    }

    private String mintLink(InviteEntity invite) {
        ClientModel client = realm.getClientById(invite.getClientId());
        InviteActionToken token = new InviteActionToken(invite.getUserId(), invite.getId(),
                (int) (invite.getExpiresAt() / 1000) + InviteActionToken.EXPIRY_GRACE_SECONDS, invite.getEmail(), client.getClientId(), invite.getMediaId(),
                invite.getRole(), invite.getRedirectUri());
        String serialized = token.serialize(session, realm, session.getContext().getUri());
        return LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", serialized)
                .build(realm.getName())
                .toString();
    }

    private UserModel resolveInviter(Caller caller, MediaEntryEntity entry, String named) {
        if (permissions.isInviteManager(caller)) {
            if (named == null || named.isBlank()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "inviter",
                        "A service account must name the inviter (user id, username or e-mail).");
            }
            UserModel inviter = media.findUser(named.trim());
            if (inviter == null || !inviter.isEnabled()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "inviter", "No such user in this realm.");
            }
            if (!permissions.mayInvite(entry, inviter)) {
                throw ApiException.forbidden("The named inviter may not invite people to this media entry.");
            }
            return inviter;
        }
        if (caller.serviceAccount()) {
            throw ApiException.forbidden("This app's service account lacks the '"
                    + InvitePermissions.INVITE_MANAGER_ROLE + "' role.");
        }
        if (!permissions.mayInvite(entry, caller.user())) {
            throw ApiException.forbidden(InvitePermissions.isCollaborator(entry, caller.user())
                    ? "The realm's inviter rule does not let you invite people."
                    : "Only collaborators of this media entry may invite people.");
        }
        return caller.user();
    }

    private String resolveRedirect(ClientModel app, String requested) {
        String candidate = requested;
        if (candidate == null || candidate.isBlank()) {
            candidate = app.getBaseUrl() != null && !app.getBaseUrl().isBlank() ? app.getBaseUrl() : app.getRootUrl();
        }
        if (candidate == null || candidate.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "redirectUri",
                    "Give a redirectUri: the app has no base URL to send invitees to.");
        }
        String verified = RedirectUtils.verifyRedirectUri(session, candidate.trim(), app);
        if (verified == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "redirectUri",
                    "The redirectUri is not one of the app's registered redirect URIs.");
        }
        return verified;
    }

    private UserModel findOrCreateInvitee(EmailAddress email, String firstName, String lastName) {
        UserModel user = session.users().getUserByEmail(realm, email.value());
        if (user != null) {
            return user;
        }
        UserModel guest = session.users().addUser(realm, email.value());
        guest.setEnabled(true);
        guest.setEmail(email.value());
        guest.setFirstName(firstName);
        guest.setLastName(lastName);
        guest.setSingleAttribute(GUEST_ATTRIBUTE, "true");
        return guest;
    }
}
