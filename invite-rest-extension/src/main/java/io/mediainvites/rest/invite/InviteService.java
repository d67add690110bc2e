package io.mediainvites.rest.invite;

import java.util.Map;
import io.mediainvites.model.jpa.InviteStatsEntity;
import io.mediainvites.model.activity.InviteActivity;
import io.mediainvites.core.activity.ActivityKind;
import io.mediainvites.core.email.EmailAddress;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.invite.InviteState;
import io.mediainvites.core.invite.InviteStatus;
import io.mediainvites.core.limit.RateDecision;
import io.mediainvites.core.limit.RateRule;
import io.mediainvites.core.media.InviteRole;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.media.RoleRules;
import io.mediainvites.core.person.PersonName;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.core.policy.LiveValidity;
import io.mediainvites.core.policy.PolicySettings;
import io.mediainvites.core.policy.UseLimit;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.account.InviteeAccounts;
import io.mediainvites.model.account.PrivilegedAccounts;
import io.mediainvites.model.policy.RealmInvitePolicy;
import io.mediainvites.model.store.InviteSessions;
import io.mediainvites.model.limit.RateLimiter;
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

    public static final String EMAIL_NOT_REQUESTED = "not_requested";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InviteStore store;
    private final InvitePolicy policy;
    private final InvitePermissions permissions;
    private final MediaService media;
    private final InviteEmails emails;
    private final InviteActivity activity;

    public InviteService(KeycloakSession session, InviteStore store, InvitePolicy policy,
            InvitePermissions permissions, MediaService media, InviteEmails emails) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = store;
        this.policy = policy;
        this.permissions = permissions;
        this.media = media;
        this.emails = emails;
        this.activity = InviteActivity.of(session);
    }

    /** A create request that passed every rule of a single create: the row to write, and whether to mail it. */
    public record ValidatedInvite(InviteEntity draft, boolean sendEmail) {
    }

    /**
     * Validates everything, then writes the invite (and a guest user for a new address), mints its link and, when
     * asked, e-mails that same link. With a mail, the write is committed in a transaction of its own before any mail
     * goes out, so a mail never points at an invite that does not exist, and a mail failure never loses it
     * (E2): the answer then carries {@code emailDelivery.status = failed} with the reason.
     * A batch ({@link InviteBatch}) runs the same three steps: {@link #validate}, {@link #write}, {@link #deliver}.
     */
    public InviteRepresentation create(Caller caller, MediaEntryEntity entry, InviteRequest request) {
        ValidatedInvite validated = validate(caller, entry, request);
        // no mail: nothing happens after the write that the commit must precede, so the request's own transaction
        // holds it (issue 14 item 4: no second session, connection and commit per issuance)
        InviteEntity invite = !validated.sendEmail() ? write(session, validated.draft())
                // committed here, before the mail; afterwards `invite` is a detached copy of the row
                : KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                        session.getContext(), s -> write(s, validated.draft()), "media-invites: issue invite");
        return deliver(validated, invite, entry);
    }

    /**
     * Every rule of issuance that needs no write: inviter, e-mail, names, role for the media type, domain rules,
     * lifetime and use limit within the policy, e-mail availability, redirect URI. Writes nothing.
     *
     * @throws ApiException the first rule the request breaks
     */
    public ValidatedInvite validate(Caller caller, MediaEntryEntity entry, InviteRequest request) {
        UserModel inviter = resolveInviter(caller, entry, request.inviter);
        EmailAddress email = EmailAddress.parse(request.email);
        String firstName = PersonName.requireValid(request.firstName, "firstName");
        String lastName = PersonName.requireValid(request.lastName, "lastName");
        MediaType type = MediaType.fromWire(entry.getMediaType());
        InviteRole role = RoleRules.requireAllowed(type, request.role);
        policy.domains().require(email);
        Duration lifetime = policy.effectiveLifetime(request.lifetimeSeconds);
        UseLimit useLimit = policy.effectiveUseLimit(request.useLimit);
        boolean sendEmail = Boolean.TRUE.equals(request.sendEmail);
        if (sendEmail) {
            emails.requireAvailable();
        }
        String redirectUri = resolveRedirect(caller.app(), request.redirectUri);

        long now = System.currentTimeMillis();
        InviteEntity draft = new InviteEntity();
        draft.setId(KeycloakModelUtils.generateId());
        draft.setRealmId(realm.getId());
        draft.setClientId(caller.app().getId());
        draft.setMediaId(entry.getMediaId());
        draft.setEmail(email.value());
        draft.setFirstName(firstName);
        draft.setLastName(lastName);
        draft.setRole(role.wire());
        draft.setInviterId(inviter.getId());
        draft.setIssuedByClient(caller.serviceAccount() ? caller.app().getId() : null);
        draft.setRedirectUri(redirectUri);
        draft.setCreatedAt(now);
        // R14: a live link may follow its event instead of its lifetime
        boolean eventBound = eventBound(type, request.liveValidity);
        long expiresAt = eventBound ? LiveValidity.eventExpiry(Instant.ofEpochMilli(now), millis(entry.getStartsAt()),
                millis(entry.getEndsAt()), policy.liveGrace(), lifetime).toEpochMilli() : now + lifetime.toMillis();
        draft.setEventBound(eventBound);
        draft.setLocale(locale(request.locale));
        // whole seconds: the token's exp and the stored expiry are the same instant
        draft.setExpiresAt((expiresAt / 1000) * 1000);
        draft.setUseLimit(useLimit.value());
        draft.setUseCount(0);
        draft.setEmailStatus(EMAIL_NOT_REQUESTED);
        return new ValidatedInvite(draft, sendEmail);
    }

    /**
     * The rules that need the database, and the writes, in the transaction of {@code s}: the duplicate check,
     * the invitee's user and the invite row. A refusal ({@code invite_pending_exists}) is thrown before this
     * invite wrote anything, so a batch may go on with its other rows in the same transaction.
     */
    public static InviteEntity write(KeycloakSession s, InviteEntity draft) {
        RealmModel r = s.getContext().getRealm();
        InviteStore st = InviteStore.of(s);
        st.findPending(r.getId(), draft.getClientId(), draft.getMediaId(), draft.getEmail(), draft.getRole(),
                        draft.getCreatedAt())
                .ifPresent(existing -> {
                    throw new ApiException(ErrorCode.INVITE_PENDING_EXISTS,
                            "A pending invite for this e-mail, media entry and role exists; re-issue its link (POST /invites/{id}/link) or revoke it.")
                            .with("invite_id", existing.getId());
                });
        // S12: read here so that single and batch creates refuse the same accounts
        boolean allowPrivileged = RealmInvitePolicy.of(r).allowPrivileged();
        UserModel invitee = findOrCreateInvitee(s, r, draft.getEmail(), draft.getFirstName(), draft.getLastName(),
                allowPrivileged);
        draft.setUserId(invitee.getId());
        st.persist(draft);
        st.flush();
        return draft;
    }

    /** After the commit: mints the link and, when asked, e-mails that same link (E2). */
    public InviteRepresentation deliver(ValidatedInvite validated, InviteEntity invite, MediaEntryEntity entry) {
        LOG.debugf("invite %s issued for media %s by %s", invite.getId(), entry.getMediaId(), invite.getInviterId());
        String link = mintLink(invite);
        if (validated.sendEmail()) {
            InviteEmails.Outcome outcome = emails.deliver(invite, entry, link, false);
            invite.setEmailStatus(outcome.status());
            invite.setEmailError(outcome.error());
        }
        // a fresh invite has no activity yet: no summary query (issue 14 item 4)
        return represent(invite, status(invite), link, null);
    }

    /**
     * E-mails the invite's current link again (same id, expiry and link generation, freshly minted) without
     * issuing a new invite; the answer does not carry the link (S9).
     *
     * @throws ApiException 400 {@code email_not_available}; 409 {@code invite_not_redeemable} unless pending or active
     */
    public InviteRepresentation resendEmail(InviteEntity invite, MediaEntryEntity entry) {
        emails.requireAvailable();
        requireRedeemable(invite, "e-mailed");
        emails.deliver(invite, entry, mintLink(invite), true);
        // the outcome was written by its own transaction: read it back instead of changing the managed copy
        store.refresh(invite);
        // S9: the link went to the invitee's mailbox; the answer does not show it (the caller may only revoke)
        return represent(invite);
    }

    /**
     * S9: a new link for a pending or active invite, replacing every earlier one (the invite's link generation
     * is raised, and the redemption refuses tokens of older generations as {@code invalid_token}). Only someone
     * who may issue invites for the entry may do it: a collaborator who passes the inviter rule, or the app's
     * invite manager naming such an inviter. Rate-limited per invite. The caller audits it.
     *
     * @throws ApiException 403 as for a create; 409 {@code invite_not_redeemable} unless pending or active
     */
    public Reissue reissue(Caller caller, InviteEntity invite, MediaEntryEntity entry, LinkRequest request) {
        UserModel inviter = resolveInviter(caller, entry, request == null ? null : request.inviter);
        boolean sendEmail = request != null && Boolean.TRUE.equals(request.sendEmail);
        if (sendEmail) {
            emails.requireAvailable();
        }
        if (status(invite) != InviteStatus.LOCKED) {
            requireRedeemable(invite, "re-issued"); // a locked invite is what re-issuing is for (S11)
        }
        RateDecision decision = RateLimiter.hit(session, realm.getId(), RateRule.LINK_REISSUE, invite.getId());
        if (!decision.allowed()) {
            throw ApiException.rateLimited(decision, "new links for this invite");
        }
        int generation = store.nextLinkGeneration(invite);
        // a fresh link starts with fresh one-time code limits and unlocks the invite (S11)
        invite.setLockedAt(null);
        RateLimiter.reset(session, realm.getId(), RateRule.CODE_MAIL, invite.getId());
        RateLimiter.reset(session, realm.getId(), RateRule.CODE_WRONG, invite.getId());
        store.flush();
        String link = mintLink(invite);
        activity.record(invite, ActivityKind.LINK_REISSUED, null, "generation " + generation, Instant.now());
        LOG.debugf("invite %s: link re-issued (generation %d) by %s", invite.getId(), generation, inviter.getId());
        if (sendEmail) {
            InviteEmails.Outcome outcome = emails.deliver(invite, entry, link, true);
            invite.setEmailStatus(outcome.status());
            invite.setEmailError(outcome.error());
        }
        return new Reissue(represent(invite, link), inviter, generation);
    }

    /** A re-issued link: the invite with its new link, who asked for it, the new generation. */
    public record Reissue(InviteRepresentation invite, UserModel inviter, int generation) {
    }

    private void requireRedeemable(InviteEntity invite, String what) {
        InviteStatus status = status(invite);
        if (status != InviteStatus.PENDING && status != InviteStatus.ACTIVE) {
            throw new ApiException(ErrorCode.INVITE_NOT_REDEEMABLE,
                    "The invite is " + status.wire().replace('_', ' ')
                            + "; only a pending or active invite can be " + what + ". Issue a new invite instead.")
                    .with("status", status.wire());
        }
    }

    public List<InviteRepresentation> list(Caller caller, MediaEntryEntity entry, InviteStatus status, int first,
            int max) {
        List<InviteEntity> page = store.listInvites(realm.getId(), caller.app().getId(), entry.getMediaId(), status,
                first, max, System.currentTimeMillis());
        // O10: the page's activity summaries in one query
        Map<String, InviteStatsEntity> summaries = activity.summaries(page.stream().map(InviteEntity::getId).toList());
        return page.stream().map(i -> represent(i, status(i), null, summaries.get(i.getId()))).toList();
    }

    /** The invite of the caller's app, or 404 (another app's invite is as good as absent). */
    public InviteEntity require(Caller caller, String inviteId) {
        // ids are generated UUIDs; anything else (a null byte, which PostgreSQL refuses in text) is simply unknown
        if (inviteId == null || inviteId.isEmpty() || inviteId.length() > 36
                || !inviteId.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
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
            // O11: reported to the app in this transaction (the activity shows the revocation from the invite row)
            activity.record(invite, ActivityKind.REVOKED, invite.getRevokeReason(), null, Instant.now());
            // S8: the sessions this invite created end now; joined sessions lose its grant at their next token
            InviteSessions.endCreatedBy(session, store, invite.getId());
        }
        return represent(invite);
    }

    public InviteStatus status(InviteEntity invite) {
        return InviteState.statusOf(Instant.ofEpochMilli(invite.getExpiresAt()), UseLimit.of(invite.getUseLimit()),
                invite.getUseCount(), invite.getRevokedAt() == null ? null : Instant.ofEpochMilli(invite.getRevokedAt()),
                false, invite.getLockedAt() != null, Instant.now());
    }

    /**
     * The invite as reads and lists show it: never with a link (S9: a link is shown once, in the answer that
     * issued it; {@code POST /invites/{id}/link} issues a new one).
     */
    public InviteRepresentation represent(InviteEntity invite) {
        return represent(invite, status(invite), null, activity.summaries(List.of(invite.getId())).get(invite.getId()));
    }

    /** With a link minted by the caller (the one that was also e-mailed). */
    private InviteRepresentation represent(InviteEntity invite, String link) {
        return represent(invite, status(invite), link, activity.summaries(List.of(invite.getId())).get(invite.getId()));
    }

    private InviteRepresentation represent(InviteEntity invite, InviteStatus status, String link,
            InviteStatsEntity summary) {
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
                new InviteRepresentation.EmailDelivery(invite.getEmailStatus(), invite.getEmailError()),
                summary == null ? 0 : summary.getOpenedCount(),
                summary == null ? null : MediaService.iso(summary.getLastOpenedAt()),
                summary == null || summary.getLastRefusal() == null ? null
                        : new InviteRepresentation.LastRefusal(summary.getLastRefusal(),
                                MediaService.iso(summary.getLastRefusalAt())));
    }

    /** R14: the request's choice for live media (else the policy's); "event" for on-demand media is refused. */
    private boolean eventBound(MediaType type, String requested) {
        LiveValidity validity = policy.liveValidity();
        if (requested != null) {
            try {
                validity = LiveValidity.fromWire(requested);
            } catch (InviteRuleException e) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "liveValidity",
                        "The live validity must be 'lifetime' or 'event'.");
            }
            if (validity == LiveValidity.EVENT && !type.live()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "liveValidity",
                        "Only an invite to live media can follow its event.");
            }
        }
        return type.live() && validity == LiveValidity.EVENT;
    }

    /** R12: a well-formed language tag of at most 35 characters, normalised; null when not given. */
    static String locale(String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        String tag = requested.strip().replace('_', '-');
        java.util.Locale parsed = tag.length() > 35 ? null : java.util.Locale.forLanguageTag(tag);
        if (parsed == null || parsed.getLanguage().isEmpty() || !parsed.toLanguageTag().equalsIgnoreCase(tag)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "locale",
                    "The locale must be a language tag such as 'de' or 'pt-BR'.");
        }
        return parsed.toLanguageTag();
    }

    private static Instant millis(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    /**
     * The token's own expiry: the invite row decides, the token only has to outlive it. An event-bound invite
     * can be moved by a reschedule up to the longest lifetime from its issue, so its token lasts that long.
     */
    static long tokenExpirySeconds(InviteEntity invite) {
        long last = invite.isEventBound()
                ? Math.max(invite.getExpiresAt(), invite.getCreatedAt() + PolicySettings.MAX_LINK_LIFETIME.toMillis())
                : invite.getExpiresAt();
        return last / 1000 + InviteActionToken.EXPIRY_GRACE_SECONDS;
    }

    private String mintLink(InviteEntity invite) {
        ClientModel client = realm.getClientById(invite.getClientId());
        InviteActionToken token = new InviteActionToken(invite.getUserId(), invite.getId(),
                (int) tokenExpirySeconds(invite), invite.getEmail(), client.getClientId(), invite.getMediaId(),
                invite.getRole(), invite.getRedirectUri(), invite.getLinkGeneration());
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

    /**
     * The account the invite is for: an existing one that may be invited (S12: never a service account, a
     * privileged account only where the policy allows it), or a new guest. A guest gets none of the realm's
     * default roles or required actions: it exists only to hold invite sessions (S7).
     */
    private static UserModel findOrCreateInvitee(KeycloakSession s, RealmModel r, String email, String firstName,
            String lastName, boolean allowPrivileged) {
        UserModel user = s.users().getUserByEmail(r, email);
        if (user != null) {
            if (user.getServiceAccountClientLink() != null
                    || (!allowPrivileged && PrivilegedAccounts.isPrivileged(r, user))) {
                throw new ApiException(ErrorCode.PRIVILEGED_ACCOUNT, "email", ErrorCode.PRIVILEGED_ACCOUNT.defaultDescription());
            }
            return user;
        }
        UserModel guest = s.users().addUser(r, null, email, false, false);
        guest.setEnabled(true);
        guest.setEmail(email);
        guest.setFirstName(firstName);
        guest.setLastName(lastName);
        guest.setSingleAttribute(InviteeAccounts.GUEST_ATTRIBUTE, "true");
        return guest;
    }
}
