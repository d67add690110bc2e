package io.mediainvites.core.redeem;

import io.mediainvites.core.domain.DomainRules;
import io.mediainvites.core.email.EmailAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The checks a redemption passes (R2, R3, R9, R10), each a named rule paired with its {@link Refusal}, in
 * the order an invitee should hear about them: a removed or revoked link first, then expiry and use,
 * then who and where.
 */
public final class RedemptionRules {

    private final DomainRules domains;
    private final boolean deviceBinding;
    private final boolean allowPrivileged;

    public RedemptionRules(DomainRules domains, boolean deviceBinding, boolean allowPrivileged) {
        this.domains = domains;
        this.deviceBinding = deviceBinding;
        this.allowPrivileged = allowPrivileged;
    }

    /**
     * The link rules for a browser that may move a device binding (R15): a link whose uses are all spent by the bound
     * device is, for another browser that may move the binding ({@code movable}), not "used up" but in use on another
     * device, so the device rule answers (device mismatch, with <b>Use this device instead</b>); the move hands the
     * old device's use over to this browser. Everything else as {@link #checkLink(InviteFacts, Instant)}.
     */
    public Optional<Refusal> checkLink(InviteFacts invite, Instant now, String browserDeviceHash, boolean movable) {
        Optional<Refusal> link = checkLink(invite, now);
        if (link.isPresent() && link.get() == Refusal.USED_UP && movable && heldByAnotherDevice(invite, browserDeviceHash)
                && now.isBefore(invite.expiresAt())) {
            return Optional.empty();
        }
        return link;
    }

    /** The link is bound (R3) to a device other than this browser's. */
    public boolean heldByAnotherDevice(InviteFacts invite, String browserDeviceHash) {
        return deviceBinding && invite.deviceHash() != null && !invite.deviceHash().equals(browserDeviceHash);
    }

    /** Rules about the link itself, checked on every GET and again at redemption. */
    public Optional<Refusal> checkLink(InviteFacts invite, Instant now) {
        if (!invite.mediaExists() || "media_deleted".equals(invite.revokeReason())) {
            return Optional.of(Refusal.MEDIA_DELETED);
        }
        if (invite.revokedAt() != null) {
            return Optional.of(Refusal.REVOKED);
        }
        if (invite.locked()) {
            return Optional.of(Refusal.CODE_ATTEMPTS_EXCEEDED);
        }
        if (!invite.useLimit().allowsAnotherUse(invite.useCount())) {
            return Optional.of(Refusal.USED_UP);
        }
        if (!now.isBefore(invite.expiresAt())) {
            return Optional.of(Refusal.EXPIRED);
        }
        return Optional.empty();
    }

    /** Once bound, only the binding device may use the link again (R3). */
    public Optional<Refusal> checkDevice(InviteFacts invite, String browserDeviceHash) {
        if (!deviceBinding || invite.deviceHash() == null) {
            return Optional.empty();
        }
        return invite.deviceHash().equals(browserDeviceHash) ? Optional.empty() : Optional.of(Refusal.DEVICE_MISMATCH);
    }

    /**
     * R15: whether a browser refused as another device may move the binding to itself: only with device binding on,
     * moves allowed by the policy ({@code allowedMoves} &gt; 0), fewer moves so far than allowed, and a way to mail the
     * code ({@code canMail}: the realm has an SMTP server). Empty when a move may be offered.
     */
    public static Optional<Refusal> checkDeviceMove(boolean deviceBinding, int allowedMoves, int movesSoFar,
            boolean canMail) {
        if (!deviceBinding || allowedMoves <= 0 || !canMail) {
            return Optional.of(Refusal.DEVICE_MOVE_DISABLED);
        }
        return movesSoFar < allowedMoves ? Optional.empty() : Optional.of(Refusal.DEVICE_MOVES_EXCEEDED);
    }

    /** The invited address's domain is re-checked against today's rules (R9). */
    public Optional<Refusal> checkDomain(EmailAddress invited) {
        return domains.check(invited) == DomainRules.Decision.ALLOWED ? Optional.empty() : Optional.of(Refusal.DOMAIN_BLOCKED);
    }

    /**
     * Privileged accounts only where the realm allows it (R10). Whether the account is privileged is asked
     * only when it matters: working it out reads the account's roles and groups.
     */
    public Optional<Refusal> checkAccount(BooleanSupplier privileged) {
        return !allowPrivileged && privileged.getAsBoolean() ? Optional.of(Refusal.PRIVILEGED_ACCOUNT) : Optional.empty();
    }

    /**
     * Who may be entered by an invite at all (S6, S12, R10): never a service account; a privileged account
     * only where the realm allows it; an existing account (not a true guest) only with a verified e-mail.
     */
    public Optional<Refusal> checkAccount(InviteeAccount account, BooleanSupplier privileged) {
        if (account.serviceAccount()) {
            return Optional.of(Refusal.PRIVILEGED_ACCOUNT);
        }
        Optional<Refusal> rights = checkAccount(privileged);
        if (rights.isPresent()) {
            return rights;
        }
        return !account.isGuest() && !account.emailVerified() ? Optional.of(Refusal.EMAIL_UNVERIFIED) : Optional.empty();
    }

    /**
     * How the invitee enters (S6): a true guest by the link; any other account by its own sign-in, or by a
     * code mailed to the address where the realm's policy chose that.
     */
    public static InviteeEntry entry(InviteeAccount account, boolean codeForExistingAccounts) {
        if (account.isGuest()) {
            return InviteeEntry.LINK;
        }
        return codeForExistingAccounts ? InviteeEntry.CODE : InviteeEntry.SIGN_IN;
    }

    /**
     * Someone already signed in with another address is not the invitee (R4). Only asked while someone is
     * signed in: an account without an address (null or blank) cannot be the invitee either.
     */
    public static Optional<Refusal> checkSignedInEmail(EmailAddress invited, String signedInEmail) {
        if (signedInEmail == null || signedInEmail.isBlank()) {
            return Optional.of(Refusal.EMAIL_MISMATCH);
        }
        try {
            return EmailAddress.parse(signedInEmail).equals(invited) ? Optional.empty() : Optional.of(Refusal.EMAIL_MISMATCH);
        } catch (RuntimeException e) {
            return Optional.of(Refusal.EMAIL_MISMATCH);
        }
    }

    /** Mode "typed": the address the invitee typed must be the invited one (R4). */
    public static Optional<Refusal> checkTypedEmail(EmailAddress invited, String typed) {
        return checkSignedInEmail(invited, typed);
    }
}
