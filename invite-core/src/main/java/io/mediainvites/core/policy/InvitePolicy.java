package io.mediainvites.core.policy;

import io.mediainvites.core.domain.DomainRules;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The invite policy of one realm (spec A1): an immutable value holding one validated value per
 * {@link PolicySettings declared setting}, read through typed accessors ({@link #sessionLength()}) or
 * {@link #get(PolicySetting)}. Every instance is valid: each value is checked and normalised by its setting,
 * and the rules that join settings (a domain cannot be both allowed and blocked) are checked here.
 *
 * <p>The policy is stored in realm attributes named {@link #ATTRIBUTE_PREFIX} + a setting's name (the single
 * source of truth, carried by realm export and import); see {@link #fromAttributes(Map)} and
 * {@link #toAttributes()}. The same names (without prefix) are the fields of the admin REST representation
 * and of the admin console form ({@link #fromFieldValues(Map)}). Validation errors are
 * {@link ErrorCode#INVALID_POLICY} with the setting's name as field. Defaults are those of the declarations
 * ({@link #DEFAULTS}).
 */
public final class InvitePolicy {

    /** Shortest link lifetime a realm may configure. */
    public static final Duration MIN_LINK_LIFETIME = PolicySettings.MIN_LINK_LIFETIME;
    /** Longest link lifetime a realm may configure. */
    public static final Duration MAX_LINK_LIFETIME = PolicySettings.MAX_LINK_LIFETIME;
    /** Shortest invite session a realm may configure. */
    public static final Duration MIN_SESSION_LENGTH = PolicySettings.MIN_SESSION_LENGTH;
    /** Longest invite session a realm may configure. */
    public static final Duration MAX_SESSION_LENGTH = PolicySettings.MAX_SESSION_LENGTH;
    /** Shortest link lifetime an inviter may request. */
    public static final Duration MIN_REQUESTED_LIFETIME = Duration.ofSeconds(60);

    /** Longest role name, username or group path the inviter rule accepts (Keycloak's column size). */
    public static final int MAX_NAME_LENGTH = PolicySettings.MAX_NAME_LENGTH;

    /** Prefix of every realm attribute holding the policy. */
    public static final String ATTRIBUTE_PREFIX = "mediaInvites.";

    // The names of the first settings, kept for their callers; a setting's name is its declaration's name().
    /** Attribute: link lifetime in seconds. */
    public static final String ATTR_LINK_LIFETIME_SECONDS = PolicySettings.LINK_LIFETIME.name();
    /** Attribute: use limit, -1 for unlimited. */
    public static final String ATTR_USE_LIMIT = PolicySettings.USE_LIMIT.name();
    /** Attribute: device binding, {@code true}/{@code false}. */
    public static final String ATTR_DEVICE_BINDING = PolicySettings.DEVICE_BINDING.name();
    /** Attribute: blocked domains, comma or whitespace separated. */
    public static final String ATTR_BLOCKED_DOMAINS = PolicySettings.BLOCKED_DOMAINS.name();
    /** Attribute: allowed domains, comma or whitespace separated. */
    public static final String ATTR_ALLOWED_DOMAINS = PolicySettings.ALLOWED_DOMAINS.name();
    /** Attribute: realm role an inviter must hold; empty for none. */
    public static final String ATTR_INVITER_ROLE = PolicySettings.INVITER_ROLE.name();
    /** Attribute: usernames allowed to invite, comma or whitespace separated. */
    public static final String ATTR_INVITER_USERS = PolicySettings.INVITER_USERS.name();
    /** Attribute: group paths allowed to invite, comma separated (group names may contain spaces). */
    public static final String ATTR_INVITER_GROUPS = PolicySettings.INVITER_GROUPS.name();
    /** Attribute: invite e-mail enabled, {@code true}/{@code false}. */
    public static final String ATTR_INVITE_EMAIL = PolicySettings.INVITE_EMAIL.name();
    /** Attribute: confirmation mode, {@code none}/{@code typed}/{@code code}. */
    public static final String ATTR_CONFIRMATION = PolicySettings.CONFIRMATION.name();
    /** Attribute: invite session length in seconds. */
    public static final String ATTR_SESSION_LENGTH_SECONDS = PolicySettings.SESSION_LENGTH.name();
    /** Attribute: privileged accounts allowed, {@code true}/{@code false}. */
    public static final String ATTR_ALLOW_PRIVILEGED = PolicySettings.ALLOW_PRIVILEGED.name();

    /** All attribute names (without prefix), in declaration order. */
    public static final List<String> ATTRIBUTE_NAMES = PolicySettings.ALL.stream().map(PolicySetting::name).toList();

    /** The defaults: every setting's declared default. */
    public static final InvitePolicy DEFAULTS = new InvitePolicy(Map.of());

    /** One value per setting, in declaration order; values may be null where a setting has "none". */
    private final Map<PolicySetting<?>, Object> values;
    private final DomainRules domains;

    /**
     * A policy of the first settings; settings declared later take their defaults (see {@link #with}).
     *
     * @param linkLifetime how long a link stays valid, {@link #MIN_LINK_LIFETIME} to {@link #MAX_LINK_LIFETIME}, whole seconds
     * @param useLimit how many times a link may be redeemed
     * @param deviceBinding whether the first redemption binds the link to that browser/device
     * @param domains blocked and allowed e-mail domains; null means none
     * @param inviterRole realm role an inviter must hold; null (or blank) means any collaborator may invite
     *     unless users or groups are named
     * @param inviterUsers usernames allowed to invite (trimmed, lower-cased); null means none
     * @param inviterGroups group paths allowed to invite, including their sub-groups (normalised to a leading
     *     '/' and no trailing '/'); null means none
     * @param inviteEmail whether the invite e-mail is enabled
     * @param confirmation how the invitee confirms the invited address
     * @param sessionLength length of the session an invite creates, {@link #MIN_SESSION_LENGTH} to
     *     {@link #MAX_SESSION_LENGTH}, whole seconds
     * @param allowPrivileged whether privileged accounts may sign in through an invite link
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} naming the setting of an invalid value
     */
    public InvitePolicy(Duration linkLifetime, UseLimit useLimit, boolean deviceBinding, DomainRules domains,
            String inviterRole, Set<String> inviterUsers, Set<String> inviterGroups, boolean inviteEmail,
            ConfirmationMode confirmation, Duration sessionLength, boolean allowPrivileged) {
        this(firstSettings(linkLifetime, useLimit, deviceBinding, domains, inviterRole, inviterUsers, inviterGroups,
                inviteEmail, confirmation, sessionLength, allowPrivileged));
    }

    private InvitePolicy(Map<PolicySetting<?>, ?> given) {
        Map<PolicySetting<?>, Object> checked = new LinkedHashMap<>();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            checked.put(setting, given.containsKey(setting) ? normalised(setting, given.get(setting))
                    : setting.defaultValue());
        }
        this.values = Collections.unmodifiableMap(checked);
        List<String> blocked = get(PolicySettings.BLOCKED_DOMAINS);
        for (String domain : get(PolicySettings.ALLOWED_DOMAINS)) {
            if (blocked.contains(domain)) {
                throw PolicySettings.ALLOWED_DOMAINS.invalid("The domain " + domain
                        + " is both allowed and blocked; remove it from one of the lists.");
            }
        }
        this.domains = DomainRules.of(blocked, get(PolicySettings.ALLOWED_DOMAINS));
    }

    /**
     * A policy from values by setting; settings not in the map take their defaults.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} naming the setting of an invalid value
     * @throws ClassCastException if a value is not of its setting's type
     */
    public static InvitePolicy of(Map<PolicySetting<?>, ?> values) {
        return new InvitePolicy(values == null ? Map.of() : values);
    }

    /**
     * This policy with one setting changed.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} naming the setting if the value is invalid
     */
    public <T> InvitePolicy with(PolicySetting<T> setting, T value) {
        Map<PolicySetting<?>, Object> changed = new LinkedHashMap<>(values);
        changed.put(setting, value);
        return new InvitePolicy(changed);
    }

    /** The value of a setting. */
    @SuppressWarnings("unchecked")
    public <T> T get(PolicySetting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException("not a declared policy setting: " + setting);
        }
        return (T) values.get(setting);
    }

    // ---- typed accessors --------------------------------------------------------------------------------

    /** How long a link stays valid, {@link #MIN_LINK_LIFETIME} to {@link #MAX_LINK_LIFETIME}, whole seconds. */
    public Duration linkLifetime() {
        return get(PolicySettings.LINK_LIFETIME);
    }

    /** How many times a link may be redeemed. */
    public UseLimit useLimit() {
        return get(PolicySettings.USE_LIMIT);
    }

    /** O3: days an ended invite is kept before the cleanup removes it (0: at the first cleanup after its end). */
    public int retentionDays() {
        return get(PolicySettings.RETENTION_DAYS);
    }

    /** Whether the first redemption binds the link to that browser/device. */
    public boolean deviceBinding() {
        return get(PolicySettings.DEVICE_BINDING);
    }

    /** R15: how many times a device-bound link may be moved to a new browser (0: never). */
    public int deviceMoves() {
        return get(PolicySettings.DEVICE_MOVES);
    }

    /** Blocked and allowed e-mail domains. */
    public DomainRules domains() {
        return domains;
    }

    /** Realm role an inviter must hold; null means none. */
    public String inviterRole() {
        return get(PolicySettings.INVITER_ROLE);
    }

    /** Usernames allowed to invite (lower case, sorted, unmodifiable). */
    public Set<String> inviterUsers() {
        return get(PolicySettings.INVITER_USERS);
    }

    /** Group paths allowed to invite, including their sub-groups (sorted, unmodifiable). */
    public Set<String> inviterGroups() {
        return get(PolicySettings.INVITER_GROUPS);
    }

    /** Whether the invite e-mail is enabled. */
    public boolean inviteEmail() {
        return get(PolicySettings.INVITE_EMAIL);
    }

    /** How the invitee confirms the invited address. */
    public ConfirmationMode confirmation() {
        return get(PolicySettings.CONFIRMATION);
    }

    /** Length of the session an invite creates, {@link #MIN_SESSION_LENGTH} to {@link #MAX_SESSION_LENGTH}. */
    public Duration sessionLength() {
        return get(PolicySettings.SESSION_LENGTH);
    }

    /** Whether privileged accounts may sign in through an invite link. */
    public boolean allowPrivileged() {
        return get(PolicySettings.ALLOW_PRIVILEGED);
    }

    /** How an invite to the address of an existing (non-guest) account is accepted. */
    public ExistingAccounts existingAccounts() {
        return get(PolicySettings.EXISTING_ACCOUNTS);
    }

    /** R14: whether live links follow their event or their lifetime. */
    public LiveValidity liveValidity() {
        return get(PolicySettings.LIVE_VALIDITY);
    }

    /** R14: grace after a live session's end for event-bound links. */
    public Duration liveGrace() {
        return get(PolicySettings.LIVE_GRACE);
    }

    /** R13: lead time of the reminder e-mail before a live start; zero when reminders are off. */
    public Duration reminderLead() {
        return get(PolicySettings.REMINDER);
    }

    // ---- codec ------------------------------------------------------------------------------------------

    /** The full realm attribute key for an attribute name, e.g. {@code mediaInvites.useLimit}. */
    public static String attributeKey(String name) {
        return ATTRIBUTE_PREFIX + name;
    }

    /**
     * Reads the policy from realm attributes (full keys, {@link #ATTRIBUTE_PREFIX} + name). Missing or blank
     * values take the {@link #DEFAULTS} value; other attributes are ignored. A null map gives the defaults.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} with the attribute name as field if a
     *     value cannot be parsed or is out of range
     */
    public static InvitePolicy fromAttributes(Map<String, String> attributes) {
        Map<String, String> a = attributes == null ? Map.of() : attributes;
        Map<PolicySetting<?>, Object> parsed = new LinkedHashMap<>();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            String value = a.get(attributeKey(setting.name()));
            if (value != null && !value.isBlank()) {
                parsed.put(setting, setting.parse(value.strip()));
            }
        }
        return new InvitePolicy(parsed);
    }

    /**
     * The policy as realm attributes (full keys). Every attribute is present, empty values meaning "none",
     * so writing all entries overwrites a previous policy; {@link #fromAttributes(Map)} reads it back equal.
     */
    public Map<String, String> toAttributes() {
        Map<String, String> map = new LinkedHashMap<>();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            map.put(attributeKey(setting.name()), attributeValue(setting));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Reads the policy from form fields keyed by attribute name without prefix (e.g. {@code useLimit}), each
     * with one or more values, as an admin form sends them: the values of one field are joined with commas,
     * blank values are ignored, and a field without a non-blank value takes the default. Other keys are ignored.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} with the field name as for
     *     {@link #fromAttributes(Map)}
     */
    public static InvitePolicy fromFieldValues(Map<String, ? extends Collection<String>> fields) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (fields != null) {
            for (PolicySetting<?> setting : PolicySettings.ALL) {
                Collection<String> values = fields.get(setting.name());
                if (values == null) {
                    continue;
                }
                List<String> present = new ArrayList<>();
                for (String value : values) {
                    if (value != null && !value.isBlank()) {
                        present.add(value.strip());
                    }
                }
                if (!present.isEmpty()) {
                    if (present.size() > 1 && !setting.multiValued()) {
                        throw setting.invalid("The value must be a single value, not " + present.size() + ".");
                    }
                    attributes.put(attributeKey(setting.name()), String.join(",", present));
                }
            }
        }
        return fromAttributes(attributes);
    }

    /**
     * The policy as form fields (attribute names without prefix, in {@link #ATTRIBUTE_NAMES} order): one value
     * for a number, boolean, role or mode; one value per entry for the lists (none for an empty list).
     * {@link #fromFieldValues(Map)} reads it back equal.
     */
    public Map<String, List<String>> toFieldValues() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            map.put(setting.name(), fieldValues(setting));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * What media apps see of the policy in the capabilities (spec I8): the settings
     * {@link PolicySetting#shownToApps shown to apps}, by their capability field, as JSON-ready values.
     */
    public Map<String, Object> capabilities() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            if (setting.capability() != null) {
                map.put(setting.capability(), jsonValue(setting));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The JSON-ready value of a setting (see {@link PolicySetting#jsonValue}). */
    public <T> Object jsonValue(PolicySetting<T> setting) {
        return setting.jsonValue(get(setting));
    }

    private <T> String attributeValue(PolicySetting<T> setting) {
        return setting.attributeValue(get(setting));
    }

    private <T> List<String> fieldValues(PolicySetting<T> setting) {
        return setting.fieldValues(get(setting));
    }

    /**
     * The lifetime of a new invite: the policy lifetime, or the requested shorter one.
     *
     * @param requestedSeconds the requested lifetime in seconds, null for the policy lifetime
     * @throws InviteRuleException {@link ErrorCode#INVALID_REQUEST} (field {@code lifetimeSeconds}) if shorter
     *     than 60 seconds; {@link ErrorCode#LIFETIME_EXCEEDS_POLICY} (same field) if longer than the policy allows
     */
    public Duration effectiveLifetime(Long requestedSeconds) {
        Duration linkLifetime = linkLifetime();
        if (requestedSeconds == null) {
            return linkLifetime;
        }
        if (requestedSeconds < MIN_REQUESTED_LIFETIME.getSeconds()) {
            throw new InviteRuleException(ErrorCode.INVALID_REQUEST, "lifetimeSeconds",
                    "The link lifetime must be at least " + MIN_REQUESTED_LIFETIME.getSeconds() + " seconds.");
        }
        if (requestedSeconds > linkLifetime.getSeconds()) {
            throw new InviteRuleException(ErrorCode.LIFETIME_EXCEEDS_POLICY, "lifetimeSeconds",
                    "The link lifetime must not exceed the realm policy of " + linkLifetime.getSeconds()
                            + " seconds.");
        }
        return Duration.ofSeconds(requestedSeconds);
    }

    /**
     * The use limit of a new invite: the policy limit, or the requested stricter one.
     *
     * @param requested the requested limit (-1 unlimited), null for the policy limit
     * @throws InviteRuleException {@link ErrorCode#INVALID_REQUEST} (field {@code useLimit}) if not a valid
     *     limit; {@link ErrorCode#USE_LIMIT_EXCEEDS_POLICY} (same field) if more generous than the policy
     */
    public UseLimit effectiveUseLimit(Integer requested) {
        UseLimit useLimit = useLimit();
        if (requested == null) {
            return useLimit;
        }
        UseLimit limit;
        try {
            limit = UseLimit.of(requested);
        } catch (IllegalArgumentException e) {
            throw new InviteRuleException(ErrorCode.INVALID_REQUEST, "useLimit",
                    "The use limit must be -1 (unlimited) or at least 1.");
        }
        if (!limit.isWithin(useLimit)) {
            throw new InviteRuleException(ErrorCode.USE_LIMIT_EXCEEDS_POLICY, "useLimit",
                    "The use limit must not exceed the realm policy of " + useLimit + ".");
        }
        return limit;
    }

    /**
     * The realm's inviter rule (spec I1; the collaborator check is separate). With no role, users or groups
     * configured, every collaborator may invite. Otherwise the user may invite if they hold the inviter
     * realm role, are a named user (case-insensitive), or are a member of a named group or one of its
     * sub-groups ({@code /staff/editors} is within {@code /staff}). Null arguments count as empty.
     */
    public boolean inviterRuleAllows(Set<String> userRealmRoles, String username, Set<String> userGroupPaths) {
        String inviterRole = inviterRole();
        Set<String> inviterUsers = inviterUsers();
        Set<String> inviterGroups = inviterGroups();
        if (inviterRole == null && inviterUsers.isEmpty() && inviterGroups.isEmpty()) {
            return true;
        }
        if (inviterRole != null && userRealmRoles != null && userRealmRoles.contains(inviterRole)) {
            return true;
        }
        if (username != null && inviterUsers.contains(username.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (userGroupPaths != null) {
            for (String path : userGroupPaths) {
                if (path == null) {
                    continue;
                }
                for (String entry : inviterGroups) {
                    if (path.equals(entry) || path.startsWith(entry + "/")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <T> T normalised(PolicySetting<T> setting, Object value) {
        return setting.normalise((T) value);
    }

    private static Map<PolicySetting<?>, Object> firstSettings(Duration linkLifetime, UseLimit useLimit,
            boolean deviceBinding, DomainRules domains, String inviterRole, Set<String> inviterUsers,
            Set<String> inviterGroups, boolean inviteEmail, ConfirmationMode confirmation, Duration sessionLength,
            boolean allowPrivileged) {
        DomainRules rules = domains == null ? DomainRules.none() : domains;
        Map<PolicySetting<?>, Object> map = new LinkedHashMap<>();
        map.put(PolicySettings.LINK_LIFETIME, linkLifetime);
        map.put(PolicySettings.USE_LIMIT, useLimit);
        map.put(PolicySettings.DEVICE_BINDING, deviceBinding);
        map.put(PolicySettings.BLOCKED_DOMAINS, rules.blocked());
        map.put(PolicySettings.ALLOWED_DOMAINS, rules.allowed());
        map.put(PolicySettings.INVITER_ROLE, inviterRole);
        map.put(PolicySettings.INVITER_USERS, inviterUsers);
        map.put(PolicySettings.INVITER_GROUPS, inviterGroups);
        map.put(PolicySettings.INVITE_EMAIL, inviteEmail);
        map.put(PolicySettings.CONFIRMATION, confirmation);
        map.put(PolicySettings.SESSION_LENGTH, sessionLength);
        map.put(PolicySettings.ALLOW_PRIVILEGED, allowPrivileged);
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvitePolicy other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("InvitePolicy[");
        String separator = "";
        for (Map.Entry<PolicySetting<?>, Object> entry : values.entrySet()) {
            text.append(separator).append(entry.getKey().name()).append('=').append(entry.getValue());
            separator = ", ";
        }
        return text.append(']').toString();
    }
}
