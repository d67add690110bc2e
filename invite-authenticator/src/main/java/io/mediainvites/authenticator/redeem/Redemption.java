package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.email.EmailAddress;
import io.mediainvites.core.media.LivePhase;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.media.Schedule;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.core.policy.UseLimit;
import io.mediainvites.core.redeem.InviteFacts;
import io.mediainvites.core.redeem.RedemptionRules;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.core.redeem.RoleGraph;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.policy.RealmInvitePolicy;
import io.mediainvites.model.store.InviteStore;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * One invite as a redemption sees it: the row, its media entry, the realm policy and the rules. Built per
 * request (the action-token GET and the redemption POST), never cached across requests.
 */
final class Redemption {

    final KeycloakSession session;
    final RealmModel realm;
    final InviteStore store;
    final InviteEntity invite;
    final MediaEntryEntity media;
    final InvitePolicy policy;
    final RedemptionRules rules;
    final ClientModel client;

    private Redemption(KeycloakSession session, InviteStore store, InviteEntity invite, MediaEntryEntity media) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = store;
        this.invite = invite;
        this.media = media;
        this.policy = RealmInvitePolicy.of(realm);
        this.rules = new RedemptionRules(policy.domains(), policy.deviceBinding(), policy.allowPrivileged());
        this.client = realm.getClientById(invite.getClientId());
    }

    /**
     * The invite of this realm with that id, or empty when it does not exist (removed or forged). Loaded once
     * per request: the token checks and the handler of one request share it.
     */
    static Optional<Redemption> load(KeycloakSession session, String inviteId) {
        if (inviteId == null || inviteId.length() > 36) {
            return Optional.empty();
        }
        String key = "mi.redemption." + inviteId;
        Redemption cached = session.getAttribute(key, Redemption.class);
        if (cached != null) {
            return Optional.of(cached);
        }
        RealmModel realm = session.getContext().getRealm();
        InviteStore store = InviteStore.of(session);
        Optional<Redemption> loaded = store.findInvite(inviteId)
                .filter(i -> i.getRealmId().equals(realm.getId()))
                .map(i -> new Redemption(session, store, i,
                        store.findMedia(i.getRealmId(), i.getClientId(), i.getMediaId()).orElse(null)));
        loaded.ifPresent(r -> session.setAttribute(key, r));
        return loaded;
    }

    InviteFacts facts() {
        return new InviteFacts(Instant.ofEpochMilli(invite.getExpiresAt()), UseLimit.of(invite.getUseLimit()),
                invite.getUseCount(), invite.getRevokedAt() == null ? null : Instant.ofEpochMilli(invite.getRevokedAt()),
                invite.getRevokeReason(), media != null, invite.getDeviceHash());
    }

    EmailAddress email() {
        return EmailAddress.parse(invite.getEmail());
    }

    UserModel invitee() {
        return session.users().getUserById(realm, invite.getUserId());
    }

    /** Link, domain, account and device rules, in that order; the first that fails. */
    Optional<Refusal> refusal(String browserDeviceHash, Instant now) {
        Optional<Refusal> link = rules.checkLink(facts(), now);
        if (link.isPresent()) {
            return link;
        }
        Optional<Refusal> domain = rules.checkDomain(email());
        if (domain.isPresent()) {
            return domain;
        }
        UserModel user = invitee();
        if (user == null || !user.isEnabled()) {
            return Optional.of(Refusal.INVALID_TOKEN);
        }
        Optional<Refusal> account = rules.checkAccount(() -> isPrivileged(user));
        if (account.isPresent()) {
            return account;
        }
        return rules.checkDevice(facts(), browserDeviceHash);
    }

    /** Live phase of the media entry (NOT_LIVE for on-demand types). */
    LivePhase phase(Instant now) {
        MediaType type = MediaType.fromWire(media.getMediaType());
        if (!type.live()) {
            return LivePhase.NOT_LIVE;
        }
        return new Schedule(media.getStartsAt() == null ? null : Instant.ofEpochMilli(media.getStartsAt()),
                media.getEndsAt() == null ? null : Instant.ofEpochMilli(media.getEndsAt())).phaseAt(now);
    }

    /**
     * A privileged account (R10): it holds a role of realm-management, directly, through a composite role or
     * through a group (or a parent group). One walk over the account's roles; groups are read only when the
     * direct roles do not decide.
     */
    boolean isPrivileged(UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            return false;
        }
        String managementId = management.getId();
        Stream<RoleModel> granted = Stream.concat(user.getRoleMappingsStream(),
                Stream.of(user).flatMap(UserModel::getGroupsStream).flatMap(Redemption::withParents)
                        .flatMap(GroupModel::getRoleMappingsStream));
        return RoleGraph.reaches(granted, role -> role.isComposite() ? role.getCompositesStream() : Stream.empty(),
                RoleModel::getId, role -> role.isClientRole() && managementId.equals(role.getContainerId()));
    }

    private static Stream<GroupModel> withParents(GroupModel group) {
        return Stream.iterate(group, g -> g != null, GroupModel::getParent);
    }
}
