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
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The invite policy of one realm (spec A1). Immutable; the compact constructor validates the bounds and
 * normalises the collections, so every instance is valid.
 *
 * <p>The policy is stored in realm attributes named {@link #ATTRIBUTE_PREFIX} + one of the {@code ATTR_*}
 * names (the single source of truth, carried by realm export and import); see {@link #fromAttributes(Map)}
 * and {@link #toAttributes()}. The same names (without prefix) are the fields of the admin REST
 * representation and of the admin console form ({@link #fromFieldValues(Map)}). Validation errors are
 * {@link ErrorCode#INVALID_POLICY} with the attribute name as field.
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
 */
public record InvitePolicy(
        Duration linkLifetime,
        UseLimit useLimit,
        boolean deviceBinding,
        DomainRules domains,
        String inviterRole,
        Set<String> inviterUsers,
        Set<String> inviterGroups,
        boolean inviteEmail,
        ConfirmationMode confirmation,
        Duration sessionLength,
        boolean allowPrivileged) {

    /** Shortest link lifetime a realm may configure. */
    public static final Duration MIN_LINK_LIFETIME = Duration.ofMinutes(5);
    /** Longest link lifetime a realm may configure. */
    public static final Duration MAX_LINK_LIFETIME = Duration.ofDays(30);
    /** Shortest invite session a realm may configure. */
    public static final Duration MIN_SESSION_LENGTH = Duration.ofMinutes(1);
    /** Longest invite session a realm may configure. */
    public static final Duration MAX_SESSION_LENGTH = Duration.ofDays(7);
    /** Shortest link lifetime an inviter may request. */
    public static final Duration MIN_REQUESTED_LIFETIME = Duration.ofSeconds(60);

    /** Longest role name, username or group path the inviter rule accepts (Keycloak's column size). */
    public static final int MAX_NAME_LENGTH = 255;

    /** Prefix of every realm attribute holding the policy. */
    public static final String ATTRIBUTE_PREFIX = "mediaInvites.";

    /** Attribute: link lifetime in seconds. */
    public static final String ATTR_LINK_LIFETIME_SECONDS = "linkLifetimeSeconds";
    /** Attribute: use limit, -1 for unlimited. */
    public static final String ATTR_USE_LIMIT = "useLimit";
    /** Attribute: device binding, {@code true}/{@code false}. */
    public static final String ATTR_DEVICE_BINDING = "deviceBinding";
    /** Attribute: blocked domains, comma or whitespace separated. */
    public static final String ATTR_BLOCKED_DOMAINS = "blockedDomains";
    /** Attribute: allowed domains, comma or whitespace separated. */
    public static final String ATTR_ALLOWED_DOMAINS = "allowedDomains";
    /** Attribute: realm role an inviter must hold; empty for none. */
    public static final String ATTR_INVITER_ROLE = "inviterRole";
    /** Attribute: usernames allowed to invite, comma or whitespace separated. */
    public static final String ATTR_INVITER_USERS = "inviterUsers";
    /** Attribute: group paths allowed to invite, comma separated (group names may contain spaces). */
    public static final String ATTR_INVITER_GROUPS = "inviterGroups";
    /** Attribute: invite e-mail enabled, {@code true}/{@code false}. */
    public static final String ATTR_INVITE_EMAIL = "inviteEmail";
    /** Attribute: confirmation mode, {@code none}/{@code typed}/{@code code}. */
    public static final String ATTR_CONFIRMATION = "confirmation";
    /** Attribute: invite session length in seconds. */
    public static final String ATTR_SESSION_LENGTH_SECONDS = "sessionLengthSeconds";
    /** Attribute: privileged accounts allowed, {@code true}/{@code false}. */
    public static final String ATTR_ALLOW_PRIVILEGED = "allowPrivileged";

    /** All attribute names (without prefix), in a stable order. */
    public static final List<String> ATTRIBUTE_NAMES = List.of(
            ATTR_LINK_LIFETIME_SECONDS, ATTR_USE_LIMIT, ATTR_DEVICE_BINDING, ATTR_BLOCKED_DOMAINS,
            ATTR_ALLOWED_DOMAINS, ATTR_INVITER_ROLE, ATTR_INVITER_USERS, ATTR_INVITER_GROUPS, ATTR_INVITE_EMAIL,
            ATTR_CONFIRMATION, ATTR_SESSION_LENGTH_SECONDS, ATTR_ALLOW_PRIVILEGED);

    /** Fields that take exactly one value (all but the lists). */
    private static final Set<String> SINGLE_VALUED = Set.of(ATTR_LINK_LIFETIME_SECONDS, ATTR_USE_LIMIT,
            ATTR_DEVICE_BINDING, ATTR_INVITER_ROLE, ATTR_INVITE_EMAIL, ATTR_CONFIRMATION,
            ATTR_SESSION_LENGTH_SECONDS, ATTR_ALLOW_PRIVILEGED);

    // Declared before DEFAULTS: the constructor uses them.
    private static final Pattern COMMA_OR_SPACE = Pattern.compile("[,\\s]+");
    private static final Pattern COMMA = Pattern.compile(",");

    /** The defaults, the only place they are defined. */
    public static final InvitePolicy DEFAULTS = new InvitePolicy(
            Duration.ofHours(24), UseLimit.of(1), true, DomainRules.none(), null, Set.of(), Set.of(), true,
            ConfirmationMode.NONE, Duration.ofHours(8), false);

    /** Validates and normalises; see the component descriptions. */
    public InvitePolicy {
        requireWithin(linkLifetime, MIN_LINK_LIFETIME, MAX_LINK_LIFETIME, ATTR_LINK_LIFETIME_SECONDS);
        requireWithin(sessionLength, MIN_SESSION_LENGTH, MAX_SESSION_LENGTH, ATTR_SESSION_LENGTH_SECONDS);
        if (useLimit == null) {
            throw invalid(ATTR_USE_LIMIT, "The use limit is required.");
        }
        if (confirmation == null) {
            throw invalid(ATTR_CONFIRMATION, "The confirmation mode is required.");
        }
        domains = domains == null ? DomainRules.none() : domains;
        for (String domain : domains.allowed()) {
            if (domains.blocked().contains(domain)) {
                throw invalid(ATTR_ALLOWED_DOMAINS, "The domain " + domain
                        + " is both allowed and blocked; remove it from one of the lists.");
            }
        }
        inviterRole = inviterRole == null || inviterRole.isBlank() ? null : inviterRole.trim();
        if (inviterRole != null && inviterRole.length() > MAX_NAME_LENGTH) {
            throw invalid(ATTR_INVITER_ROLE, "A role name must not be longer than " + MAX_NAME_LENGTH + " characters.");
        }
        inviterUsers = normaliseUsers(inviterUsers);
        inviterGroups = normaliseGroups(inviterGroups);
    }

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
        DomainRules blocked = parseDomains(value(a, ATTR_BLOCKED_DOMAINS), ATTR_BLOCKED_DOMAINS, true);
        DomainRules allowed = parseDomains(value(a, ATTR_ALLOWED_DOMAINS), ATTR_ALLOWED_DOMAINS, false);
        DomainRules domains = blocked == null && allowed == null
                ? DEFAULTS.domains
                : DomainRules.of(
                        blocked == null ? DEFAULTS.domains.blocked() : blocked.blocked(),
                        allowed == null ? DEFAULTS.domains.allowed() : allowed.allowed());
        String users = value(a, ATTR_INVITER_USERS);
        String groups = value(a, ATTR_INVITER_GROUPS);
        String confirmation = value(a, ATTR_CONFIRMATION);
        return new InvitePolicy(
                parseSeconds(value(a, ATTR_LINK_LIFETIME_SECONDS), ATTR_LINK_LIFETIME_SECONDS, DEFAULTS.linkLifetime),
                parseUseLimit(value(a, ATTR_USE_LIMIT)),
                parseBoolean(value(a, ATTR_DEVICE_BINDING), ATTR_DEVICE_BINDING, DEFAULTS.deviceBinding),
                domains,
                value(a, ATTR_INVITER_ROLE) == null ? DEFAULTS.inviterRole : value(a, ATTR_INVITER_ROLE),
                users == null ? DEFAULTS.inviterUsers : Set.copyOf(split(users, COMMA_OR_SPACE)),
                groups == null ? DEFAULTS.inviterGroups : Set.copyOf(split(groups, COMMA)),
                parseBoolean(value(a, ATTR_INVITE_EMAIL), ATTR_INVITE_EMAIL, DEFAULTS.inviteEmail),
                confirmation == null ? DEFAULTS.confirmation : ConfirmationMode.fromWire(confirmation),
                parseSeconds(value(a, ATTR_SESSION_LENGTH_SECONDS), ATTR_SESSION_LENGTH_SECONDS,
                        DEFAULTS.sessionLength),
                parseBoolean(value(a, ATTR_ALLOW_PRIVILEGED), ATTR_ALLOW_PRIVILEGED, DEFAULTS.allowPrivileged));
    }

    /**
     * The policy as realm attributes (full keys). Every attribute is present, empty values meaning "none",
     * so writing all entries overwrites a previous policy; {@link #fromAttributes(Map)} reads it back equal.
     */
    public Map<String, String> toAttributes() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(attributeKey(ATTR_LINK_LIFETIME_SECONDS), Long.toString(linkLifetime.getSeconds()));
        map.put(attributeKey(ATTR_USE_LIMIT), Integer.toString(useLimit.value()));
        map.put(attributeKey(ATTR_DEVICE_BINDING), Boolean.toString(deviceBinding));
        map.put(attributeKey(ATTR_BLOCKED_DOMAINS), String.join(",", domains.blocked()));
        map.put(attributeKey(ATTR_ALLOWED_DOMAINS), String.join(",", domains.allowed()));
        map.put(attributeKey(ATTR_INVITER_ROLE), inviterRole == null ? "" : inviterRole);
        map.put(attributeKey(ATTR_INVITER_USERS), String.join(",", inviterUsers));
        map.put(attributeKey(ATTR_INVITER_GROUPS), String.join(",", inviterGroups));
        map.put(attributeKey(ATTR_INVITE_EMAIL), Boolean.toString(inviteEmail));
        map.put(attributeKey(ATTR_CONFIRMATION), confirmation.wire());
        map.put(attributeKey(ATTR_SESSION_LENGTH_SECONDS), Long.toString(sessionLength.getSeconds()));
        map.put(attributeKey(ATTR_ALLOW_PRIVILEGED), Boolean.toString(allowPrivileged));
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
            for (String name : ATTRIBUTE_NAMES) {
                Collection<String> values = fields.get(name);
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
                    if (present.size() > 1 && SINGLE_VALUED.contains(name)) {
                        throw invalid(name, "The value must be a single value, not " + present.size() + ".");
                    }
                    attributes.put(attributeKey(name), String.join(",", present));
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
        map.put(ATTR_LINK_LIFETIME_SECONDS, List.of(Long.toString(linkLifetime.getSeconds())));
        map.put(ATTR_USE_LIMIT, List.of(Integer.toString(useLimit.value())));
        map.put(ATTR_DEVICE_BINDING, List.of(Boolean.toString(deviceBinding)));
        map.put(ATTR_BLOCKED_DOMAINS, List.copyOf(domains.blocked()));
        map.put(ATTR_ALLOWED_DOMAINS, List.copyOf(domains.allowed()));
        map.put(ATTR_INVITER_ROLE, inviterRole == null ? List.of() : List.of(inviterRole));
        map.put(ATTR_INVITER_USERS, List.copyOf(inviterUsers));
        map.put(ATTR_INVITER_GROUPS, List.copyOf(inviterGroups));
        map.put(ATTR_INVITE_EMAIL, List.of(Boolean.toString(inviteEmail)));
        map.put(ATTR_CONFIRMATION, List.of(confirmation.wire()));
        map.put(ATTR_SESSION_LENGTH_SECONDS, List.of(Long.toString(sessionLength.getSeconds())));
        map.put(ATTR_ALLOW_PRIVILEGED, List.of(Boolean.toString(allowPrivileged)));
        return Collections.unmodifiableMap(map);
    }

    /**
     * The lifetime of a new invite: the policy lifetime, or the requested shorter one.
     *
     * @param requestedSeconds the requested lifetime in seconds, null for the policy lifetime
     * @throws InviteRuleException {@link ErrorCode#INVALID_REQUEST} (field {@code lifetimeSeconds}) if shorter
     *     than 60 seconds; {@link ErrorCode#LIFETIME_EXCEEDS_POLICY} (same field) if longer than the policy allows
     */
    public Duration effectiveLifetime(Long requestedSeconds) {
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

    private static void requireWithin(Duration value, Duration min, Duration max, String field) {
        if (value == null) {
            throw invalid(field, "The value is required.");
        }
        if (value.getNano() != 0) {
            throw invalid(field, "The value must be a whole number of seconds.");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(field, "The value must be between " + min.getSeconds() + " and " + max.getSeconds()
                    + " seconds, not " + value.getSeconds() + ".");
        }
    }

    private static Set<String> normaliseUsers(Collection<String> users) {
        TreeSet<String> result = new TreeSet<>();
        if (users != null) {
            for (String user : users) {
                if (user == null || user.isBlank()) {
                    continue;
                }
                String name = user.trim().toLowerCase(Locale.ROOT);
                if (COMMA_OR_SPACE.matcher(name).find()) {
                    throw invalid(ATTR_INVITER_USERS, "A username must not contain commas or spaces: '" + name + "'.");
                }
                if (name.length() > MAX_NAME_LENGTH) {
                    throw invalid(ATTR_INVITER_USERS, "A username must not be longer than " + MAX_NAME_LENGTH
                            + " characters.");
                }
                result.add(name);
            }
        }
        return Collections.unmodifiableSet(result);
    }

    private static Set<String> normaliseGroups(Collection<String> groups) {
        TreeSet<String> result = new TreeSet<>();
        if (groups != null) {
            for (String group : groups) {
                if (group == null || group.isBlank()) {
                    continue;
                }
                String path = group.trim();
                if (path.indexOf(',') >= 0) {
                    throw invalid(ATTR_INVITER_GROUPS, "A group path must not contain commas: '" + path + "'.");
                }
                while (path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                if (path.isEmpty()) {
                    throw invalid(ATTR_INVITER_GROUPS, "A group path must name a group, not only '/'.");
                }
                if (path.length() > MAX_NAME_LENGTH) {
                    throw invalid(ATTR_INVITER_GROUPS, "A group path must not be longer than " + MAX_NAME_LENGTH
                            + " characters.");
                }
                result.add(path.startsWith("/") ? path : "/" + path);
            }
        }
        return Collections.unmodifiableSet(result);
    }

    private static String value(Map<String, String> attributes, String name) {
        String value = attributes.get(attributeKey(name));
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Duration parseSeconds(String value, String field, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw invalid(field, "The value must be a whole number of seconds.");
        }
    }

    private static UseLimit parseUseLimit(String value) {
        if (value == null) {
            return DEFAULTS.useLimit;
        }
        try {
            return UseLimit.of(Integer.parseInt(value));
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            throw invalid(ATTR_USE_LIMIT, "The use limit must be -1 (unlimited) or a whole number of at least 1.");
        }
    }

    private static boolean parseBoolean(String value, String field, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(field, "The value must be true or false.");
    }

    /** Null if the attribute is missing; blocked or allowed entries otherwise. */
    private static DomainRules parseDomains(String value, String field, boolean blocked) {
        if (value == null) {
            return null;
        }
        List<String> entries = split(value, COMMA_OR_SPACE);
        try {
            return blocked ? DomainRules.of(entries, null) : DomainRules.of(null, entries);
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    private static List<String> split(String value, Pattern separator) {
        List<String> parts = new ArrayList<>();
        for (String part : separator.split(value)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static InviteRuleException invalid(String field, String reason) {
        return new InviteRuleException(ErrorCode.INVALID_POLICY, field, reason);
    }
}
