package io.mediainvites.authenticator.redeem;

import io.mediainvites.authenticator.session.InviteSession;
import io.mediainvites.core.email.EmailAddress;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.media.LivePhase;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.media.Schedule;
import io.mediainvites.core.policy.ExistingAccounts;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.core.policy.UseLimit;
import io.mediainvites.core.redeem.InviteFacts;
import io.mediainvites.core.redeem.InviteeAccount;
import io.mediainvites.core.redeem.InviteeEntry;
import io.mediainvites.core.redeem.RedemptionRules;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.account.InviteeAccounts;
import io.mediainvites.model.account.PrivilegedAccounts;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.policy.RealmInvitePolicy;
import io.mediainvites.model.store.InviteStore;
import io.mediainvites.core.activity.ActivityKind;
import io.mediainvites.model.activity.InviteActivity;
import java.time.Instant;
import org.keycloak.events.EventBuilder;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

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
    private InviteeAccount account;
    private UserSessionModel signedIn;
    private boolean signedInRead;

    private Redemption(KeycloakSession session, InviteStore store, InviteEntity invite, MediaEntryEntity media) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = store;
        this.invite = invite;
        this.media = media;
        this.policy = policyOrNull(realm);
        this.rules = policy == null ? null
                : new RedemptionRules(policy.domains(), policy.deviceBinding(), policy.allowPrivileged());
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

    /** The realm's policy, or null when a stored value is invalid (logged once by {@link RealmInvitePolicy}). */
    private static InvitePolicy policyOrNull(RealmModel realm) {
        try {
            return RealmInvitePolicy.of(realm);
        } catch (InviteRuleException e) {
            return null;
        }
    }

    InviteFacts facts() {
        return new InviteFacts(Instant.ofEpochMilli(invite.getExpiresAt()), UseLimit.of(invite.getUseLimit()),
                invite.getUseCount(), invite.getRevokedAt() == null ? null : Instant.ofEpochMilli(invite.getRevokedAt()),
                invite.getRevokeReason(), media != null, invite.getDeviceHash(), invite.getLockedAt() != null);
    }

    /**
     * A refusal of this invite: recorded in its activity, which also reports it to the app's webhook (O10, O11),
     * then sent as the event's error.
     */
    void refused(EventBuilder event, String reason) {
        recordRefusal(reason);
        event.error(reason);
    }

    /** The activity entry of a refusal whose event Keycloak sends itself (a failed action-token check). */
    void recordRefusal(String reason) {
        InviteActivity.of(session).record(invite, ActivityKind.REFUSED, reason, null, Instant.now());
    }

    EmailAddress email() {
        return EmailAddress.parse(invite.getEmail());
    }

    UserModel invitee() {
        return session.users().getUserById(realm, invite.getUserId());
    }

    /** Link, domain, account (S6, S12, R10) and device rules, in that order; the first that fails. */
    Optional<Refusal> refusal(String browserDeviceHash, Instant now) {
        return refusal(facts(), browserDeviceHash, now);
    }

    /**
     * The same rules for the retry of a redemption whose answer was lost (issue 14 item 7): judged without the
     * use and the device binding its receipt stands for, so revocation, a lock, expiry and every account rule still
     * refuse it.
     */
    Optional<Refusal> refusalOfRetry(Instant now) {
        return refusal(io.mediainvites.core.redeem.RetryReceipt.withoutReceiptUse(facts()), null, now);
    }

    private Optional<Refusal> refusal(InviteFacts facts, String browserDeviceHash, Instant now) {
        if (policy == null) {
            return Optional.of(Refusal.INVALID_POLICY); // an identity admin must correct the realm's policy (S13)
        }
        Optional<Refusal> link = rules.checkLink(facts, now, browserDeviceHash, DeviceMove.notOffered(this).isEmpty());
        if (link.isPresent()) {
            return link;
        }
        Optional<Refusal> app = checkApp();
        if (app.isPresent()) {
            return app;
        }
        Optional<Refusal> domain = rules.checkDomain(email());
        if (domain.isPresent()) {
            return domain;
        }
        UserModel user = invitee();
        if (user == null || !user.isEnabled()) {
            return Optional.of(Refusal.INVALID_TOKEN);
        }
        Optional<Refusal> accountRefusal = rules.checkAccount(account(), () -> PrivilegedAccounts.isPrivileged(realm, user));
        if (accountRefusal.isPresent()) {
            return accountRefusal;
        }
        return rules.checkDevice(facts, browserDeviceHash);
    }

    /**
     * The app behind the link still exists and is enabled, and the invite's redirect is still one of its
     * registered redirect URIs (S3): a redirect removed from the client stops its links.
     */
    private Optional<Refusal> checkApp() {
        if (client == null || !client.isEnabled()) {
            return Optional.of(Refusal.INVALID_TOKEN);
        }
        return RedirectUtils.verifyRedirectUri(session, invite.getRedirectUri(), client) == null
                ? Optional.of(Refusal.REDIRECT_NOT_ALLOWED) : Optional.empty();
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

    /** Facts about the invitee's account (S6), read once per request. */
    InviteeAccount account() {
        if (account == null) {
            UserModel user = invitee();
            account = user == null ? null : InviteeAccounts.of(session, realm, user);
        }
        return account;
    }

    /** How the invitee enters: by the link (guest), by signing in, or by a mailed code (S6). */
    InviteeEntry entry() {
        return RedemptionRules.entry(account(), policy.existingAccounts() == ExistingAccounts.CODE);
    }

    /** The session signed in in this browser (Keycloak's identity cookie), or null; read once per request. */
    UserSessionModel signedInSession() {
        if (!signedInRead) {
            AuthenticationManager.AuthResult result = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
            signedIn = result == null ? null : result.getSession();
            signedInRead = true;
        }
        return signedIn;
    }

    /**
     * The invitee's own session in this browser that accepting continues (R8), or null. An existing account
     * signs in for real (S6): its invite-only session (a mailed code) is not continued without that sign-in.
     */
    UserSessionModel joinable(AuthenticationSessionModel authSession) {
        UserSessionModel current = signedInSession();
        if (current == null || current.getUser() == null || !current.getUser().getId().equals(invite.getUserId())
                || !current.getId().equals(authSession.getParentSession().getId())) {
            return null;
        }
        return entry() == InviteeEntry.SIGN_IN && InviteSession.isInviteOnly(current) ? null : current;
    }

    /** An existing account that has not signed in in this browser: it must, before the invite attaches (S6). */
    boolean signInNeeded(AuthenticationSessionModel authSession) {
        return entry() == InviteeEntry.SIGN_IN && joinable(authSession) == null;
    }
}
