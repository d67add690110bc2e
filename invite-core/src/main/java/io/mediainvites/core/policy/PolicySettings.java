package io.mediainvites.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of the invite policy (spec A1), each declared once: name, type, default, bounds or allowed
 * values, visibility to media apps, label and help message keys (see {@link PolicySetting}). The order of
 * declaration is the order of the attributes, the REST JSON fields, the console form and README's table.
 *
 * <p>Adding a setting: declare it here, give {@link InvitePolicy} its typed accessor, add its label and help
 * text to the admin messages ({@code theme-resources/messages/messages_en.properties} of invite-admin) and
 * its row to README's settings table; tests check the last two.
 */
public final class PolicySettings {

    /** Longest role name, username or group path the inviter rule accepts (Keycloak's column size). */
    public static final int MAX_NAME_LENGTH = 255;

    /** Shortest link lifetime a realm may configure. */
    public static final Duration MIN_LINK_LIFETIME = Duration.ofMinutes(5);
    /** Longest link lifetime a realm may configure. */
    public static final Duration MAX_LINK_LIFETIME = Duration.ofDays(30);
    /** Shortest invite session a realm may configure. */
    public static final Duration MIN_SESSION_LENGTH = Duration.ofMinutes(1);
    /** Longest invite session a realm may configure. */
    public static final Duration MAX_SESSION_LENGTH = Duration.ofDays(7);

    // Declared before the settings: each declaration registers itself here.
    private static final List<PolicySetting<?>> DECLARED = new ArrayList<>();

    /** How long a link stays valid. */
    public static final PolicySetting<Duration> LINK_LIFETIME = declare(PolicySetting.seconds("linkLifetimeSeconds",
            Duration.ofHours(24), MIN_LINK_LIFETIME, MAX_LINK_LIFETIME).shownToApps("maxLifetimeSeconds"));
    /** How many times a link may be redeemed. */
    public static final PolicySetting<UseLimit> USE_LIMIT = declare(PolicySetting.useLimit("useLimit",
            UseLimit.of(1)).shownToApps("maxUseLimit"));
    /** Whether the first redemption binds the link to that browser/device. */
    public static final PolicySetting<Boolean> DEVICE_BINDING = declare(PolicySetting.flag("deviceBinding", true)
            .shownToApps("deviceBinding"));
    /**
     * R15: how many times the invitee may move a device-bound link to a new browser by a code mailed to the invited
     * address; 0 turns moving off.
     */
    public static final PolicySetting<Integer> DEVICE_MOVES = declare(PolicySetting.count("deviceMoves", 1, 0, 20));
    /** E-mail domains that cannot be invited (a domain blocks its subdomains). */
    public static final PolicySetting<List<String>> BLOCKED_DOMAINS = declare(
            PolicySetting.domains("blockedDomains", true));
    /** If not empty, the only e-mail domains that may be invited (with their subdomains). */
    public static final PolicySetting<List<String>> ALLOWED_DOMAINS = declare(
            PolicySetting.domains("allowedDomains", false));
    /** Realm role an inviter must hold; none means any collaborator may invite unless users or groups are named. */
    public static final PolicySetting<String> INVITER_ROLE = declare(
            PolicySetting.optionalName("inviterRole", MAX_NAME_LENGTH, "role name"));
    /** Usernames allowed to invite. */
    public static final PolicySetting<Set<String>> INVITER_USERS = declare(
            PolicySetting.usernames("inviterUsers", MAX_NAME_LENGTH));
    /** Group paths whose members (and sub-group members) may invite. */
    public static final PolicySetting<Set<String>> INVITER_GROUPS = declare(
            PolicySetting.groupPaths("inviterGroups", MAX_NAME_LENGTH));
    /** Whether the invite e-mail is enabled. */
    public static final PolicySetting<Boolean> INVITE_EMAIL = declare(PolicySetting.flag("inviteEmail", true));
    /** How the invitee confirms the invited address. */
    public static final PolicySetting<ConfirmationMode> CONFIRMATION = declare(PolicySetting.choice("confirmation",
            ConfirmationMode.class, ConfirmationMode.NONE, "confirmation mode"));
    /** Length of the session an invite creates. */
    public static final PolicySetting<Duration> SESSION_LENGTH = declare(PolicySetting.seconds("sessionLengthSeconds",
            Duration.ofHours(8), MIN_SESSION_LENGTH, MAX_SESSION_LENGTH).shownToApps("sessionLengthSeconds"));
    /** Whether privileged accounts may sign in through an invite link. */
    public static final PolicySetting<Boolean> ALLOW_PRIVILEGED = declare(PolicySetting.flag("allowPrivileged", false));
    /** How an invite to the address of an existing (non-guest) account is accepted. */
    public static final PolicySetting<ExistingAccounts> EXISTING_ACCOUNTS = declare(PolicySetting.choice(
            "existingAccounts", ExistingAccounts.class, ExistingAccounts.SIGN_IN, "existing-account mode"));

    /** Longest grace after a live session's end during which an event-bound link still works. */
    public static final Duration MAX_LIVE_GRACE = Duration.ofHours(24);
    /** Earliest reminder before a live session's start. */
    public static final Duration MAX_REMINDER_LEAD = Duration.ofDays(7);

    /** R14: how long a live invite's link works: its lifetime, or from issue until the session's end plus a grace. */
    public static final PolicySetting<LiveValidity> LIVE_VALIDITY = declare(PolicySetting.choice("liveValidity",
            LiveValidity.class, LiveValidity.LIFETIME, "live validity"));
    /** R14: the grace after the end of a live session for event-bound links. */
    public static final PolicySetting<Duration> LIVE_GRACE = declare(PolicySetting.minutes("liveGraceMinutes",
            Duration.ofMinutes(30), Duration.ZERO, MAX_LIVE_GRACE));
    /** R13: minutes before a live session's start at which a reminder e-mail goes out; 0 turns reminders off. */
    public static final PolicySetting<Duration> REMINDER = declare(PolicySetting.minutes("reminderMinutes",
            Duration.ZERO, Duration.ZERO, MAX_REMINDER_LEAD));

    /**
     * O3: days an ended invite (expired, used up or revoked) is kept before the cleanup removes it with its session
     * rows, and its guest account where that never redeemed; 0 removes it at the first cleanup after its end.
     */
    public static final PolicySetting<Integer> RETENTION_DAYS = declare(PolicySetting.count("retentionDays", 30, 0, 3650));

    /** Every setting, in declaration order. */
    public static final List<PolicySetting<?>> ALL = List.copyOf(DECLARED);

    private PolicySettings() {
    }

    /** The setting of that name, if any. */
    public static Optional<PolicySetting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static <T> PolicySetting<T> declare(PolicySetting<T> setting) {
        if (DECLARED.stream().anyMatch(s -> s.name().equals(setting.name()))) {
            throw new IllegalStateException("two policy settings named " + setting.name());
        }
        DECLARED.add(setting);
        return setting;
    }
}
