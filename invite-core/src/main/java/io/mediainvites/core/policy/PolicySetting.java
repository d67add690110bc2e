package io.mediainvites.core.policy;

import io.mediainvites.core.domain.DomainRules;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One setting of the invite policy (spec A1), declared once in {@link PolicySettings}: its name, its value
 * type with the text and JSON forms, its default, its bounds or allowed values, whether media apps see it in
 * the capabilities, and the message keys of its label and help text. Everything that names a setting
 * elsewhere derives from this declaration:
 *
 * <ul>
 *   <li>the realm attribute {@code mediaInvites.<name>} ({@link InvitePolicy#fromAttributes}, {@link InvitePolicy#toAttributes});
 *   <li>the field {@code <name>} of the admin REST JSON and of the admin console form, with the JSON type and
 *       console widget given by {@link #kind()};
 *   <li>the field {@link #capability()} of the capabilities media apps read, when set;
 *   <li>the label and help text of the console form, message keys {@link #labelKey()} and {@link #helpKey()}
 *       of the admin theme's messages;
 *   <li>the row of README's settings table (checked by a test).
 * </ul>
 *
 * <p>Every value check of a setting fails with {@link ErrorCode#INVALID_POLICY} and the setting's name as field.
 *
 * @param <T> the type {@link InvitePolicy} hands out for the setting
 */
public final class PolicySetting<T> {

    /** The shape of a setting's value: its JSON type in the admin REST API and its console widget. */
    public enum Kind {
        /** A whole number: JSON number, console integer field. */
        NUMBER,
        /** JSON {@code true}/{@code false}, console switch. */
        BOOLEAN,
        /** An optional string: JSON string or null, console text field. */
        TEXT,
        /** One of {@link PolicySetting#options()}: JSON string, console select. */
        CHOICE,
        /** Entries: JSON array of strings, console list with one entry per line. */
        LIST
    }

    /** Prefix of the message keys of labels and help texts. */
    public static final String MESSAGE_KEY_PREFIX = "mediaInvites";

    private static final Pattern COMMA_OR_SPACE = Pattern.compile("[,\\s]+");
    private static final Pattern COMMA = Pattern.compile(",");

    private final String name;
    private final Kind kind;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final UnaryOperator<T> normaliser;
    private final Function<T, List<String>> texts;
    private final Function<T, Object> json;
    private final List<String> options;
    private final List<String> bounds;
    private final boolean entriesMayContainSpaces;
    private final String capability;

    private PolicySetting(String name, Kind kind, T defaultValue, Function<String, T> parser,
            UnaryOperator<T> normaliser, Function<T, List<String>> texts, Function<T, Object> json,
            List<String> options, List<String> bounds, boolean entriesMayContainSpaces, String capability) {
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.parser = parser;
        this.normaliser = normaliser;
        this.texts = texts;
        this.json = json;
        this.options = List.copyOf(options);
        this.bounds = List.copyOf(bounds);
        this.entriesMayContainSpaces = entriesMayContainSpaces;
        this.capability = capability;
        this.defaultValue = normalise(defaultValue);
    }

    // ---- the value types ------------------------------------------------------------------------------

    /**
     * A duration in whole seconds between {@code min} and {@code max} (inclusive); attribute and JSON in
     * seconds.
     */
    public static PolicySetting<Duration> seconds(String name, Duration defaultValue, Duration min, Duration max) {
        return new PolicySetting<>(name, Kind.NUMBER, defaultValue,
                text -> {
                    try {
                        return Duration.ofSeconds(Long.parseLong(text));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("The value must be a whole number of seconds.");
                    }
                },
                value -> {
                    if (value == null) {
                        throw new IllegalArgumentException("The value is required.");
                    }
                    if (value.getNano() != 0) {
                        throw new IllegalArgumentException("The value must be a whole number of seconds.");
                    }
                    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                        throw new IllegalArgumentException("The value must be between " + min.getSeconds() + " and "
                                + max.getSeconds() + " seconds, not " + value.getSeconds() + ".");
                    }
                    return value;
                },
                value -> List.of(Long.toString(value.getSeconds())),
                Duration::getSeconds,
                List.of(), List.of(Long.toString(min.getSeconds()), Long.toString(max.getSeconds())), false, null);
    }

    /** A whole number of days between {@code min} and {@code max} (inclusive); attribute and JSON in days. */
    public static PolicySetting<Integer> days(String name, int defaultValue, int min, int max) {
        return new PolicySetting<>(name, Kind.NUMBER, defaultValue,
                text -> {
                    try {
                        return Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("The value must be a whole number of days.");
                    }
                },
                value -> {
                    if (value == null) {
                        throw new IllegalArgumentException("The value is required.");
                    }
                    if (value < min || value > max) {
                        throw new IllegalArgumentException("The value must be between " + min + " and " + max
                                + " days, not " + value + ".");
                    }
                    return value;
                },
                value -> List.of(Integer.toString(value)),
                value -> value,
                List.of(), List.of(Integer.toString(min), Integer.toString(max)), false, null);
    }

    /** A {@link UseLimit}: {@code -1} unlimited, otherwise at least 1. */
    public static PolicySetting<UseLimit> useLimit(String name, UseLimit defaultValue) {
        return new PolicySetting<>(name, Kind.NUMBER, defaultValue,
                text -> {
                    try {
                        return UseLimit.of(Integer.parseInt(text));
                    } catch (IllegalArgumentException e) { // includes NumberFormatException
                        throw new IllegalArgumentException(
                                "The use limit must be -1 (unlimited) or a whole number of at least 1.");
                    }
                },
                value -> required(value, "The use limit is required."),
                value -> List.of(Integer.toString(value.value())),
                UseLimit::value,
                List.of(), List.of(Integer.toString(UseLimit.UNLIMITED_VALUE)), false, null);
    }

    /** On or off; attribute {@code true}/{@code false} (case-insensitive when read). */
    public static PolicySetting<Boolean> flag(String name, boolean defaultValue) {
        return new PolicySetting<>(name, Kind.BOOLEAN, defaultValue,
                text -> {
                    if (text.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (text.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                    throw new IllegalArgumentException("The value must be true or false.");
                },
                value -> required(value, "The value is required."),
                value -> List.of(Boolean.toString(value)),
                value -> value,
                List.of(), List.of(), false, null);
    }

    /**
     * One of the constants of an enum, by {@link PolicyChoice#wire() wire name} (case-insensitive, surrounding
     * spaces ignored when read).
     *
     * @param noun what a value is, in error descriptions, e.g. {@code confirmation mode}
     */
    public static <E extends Enum<E> & PolicyChoice> PolicySetting<E> choice(String name, Class<E> type,
            E defaultValue, String noun) {
        E[] constants = type.getEnumConstants();
        List<String> wires = new ArrayList<>();
        for (E constant : constants) {
            wires.add(constant.wire());
        }
        String plural = noun.substring(noun.lastIndexOf(' ') + 1) + "s";
        String unknown = "Unknown " + noun + ". Known " + plural + ": " + String.join(", ", wires) + ".";
        return new PolicySetting<>(name, Kind.CHOICE, defaultValue,
                text -> {
                    String wanted = text.trim().toLowerCase(Locale.ROOT);
                    for (E constant : constants) {
                        if (constant.wire().equals(wanted)) {
                            return constant;
                        }
                    }
                    throw new IllegalArgumentException(unknown);
                },
                value -> required(value, "The " + noun + " is required."),
                value -> List.of(value.wire()),
                PolicyChoice::wire,
                wires, wires, false, null);
    }

    /** An optional name (none when blank), trimmed, at most {@code maxLength} characters. */
    public static PolicySetting<String> optionalName(String name, int maxLength, String noun) {
        return new PolicySetting<>(name, Kind.TEXT, null,
                text -> text,
                value -> {
                    String trimmed = value == null || value.isBlank() ? null : value.strip();
                    if (trimmed != null && trimmed.length() > maxLength) {
                        throw new IllegalArgumentException("A " + noun + " must not be longer than " + maxLength
                                + " characters.");
                    }
                    return trimmed;
                },
                value -> value == null ? List.of() : List.of(value),
                value -> value,
                List.of(), List.of(), false, null);
    }

    /**
     * E-mail domains, normalised as {@link DomainRules} does (lower case, punycode, de-duplicated, sorted);
     * attribute entries separated by commas or whitespace.
     *
     * @param blocked true for blocked domains, false for allowed ones (named so in error descriptions)
     */
    public static PolicySetting<List<String>> domains(String name, boolean blocked) {
        return new PolicySetting<>(name, Kind.LIST, List.of(),
                text -> split(text, COMMA_OR_SPACE),
                value -> blocked ? DomainRules.of(value, null).blocked() : DomainRules.of(null, value).allowed(),
                value -> value,
                value -> value,
                List.of(), List.of(), false, null);
    }

    /**
     * Usernames, trimmed and lower-cased, sorted, each without commas or spaces and at most {@code maxLength}
     * characters; attribute entries separated by commas or whitespace.
     */
    public static PolicySetting<Set<String>> usernames(String name, int maxLength) {
        return new PolicySetting<>(name, Kind.LIST, Set.of(),
                text -> Set.copyOf(split(text, COMMA_OR_SPACE)),
                users -> {
                    TreeSet<String> result = new TreeSet<>();
                    if (users != null) {
                        for (String user : users) {
                            if (user == null || user.isBlank()) {
                                continue;
                            }
                            String username = user.trim().toLowerCase(Locale.ROOT);
                            if (COMMA_OR_SPACE.matcher(username).find()) {
                                throw new IllegalArgumentException(
                                        "A username must not contain commas or spaces: '" + username + "'.");
                            }
                            if (username.length() > maxLength) {
                                throw new IllegalArgumentException(
                                        "A username must not be longer than " + maxLength + " characters.");
                            }
                            result.add(username);
                        }
                    }
                    return Collections.unmodifiableSet(result);
                },
                List::copyOf,
                List::copyOf,
                List.of(), List.of(), false, null);
    }

    /**
     * Group paths, normalised to a leading '/' and no trailing '/', sorted, each at most {@code maxLength}
     * characters; attribute entries separated by commas (group names may contain spaces).
     */
    public static PolicySetting<Set<String>> groupPaths(String name, int maxLength) {
        return new PolicySetting<>(name, Kind.LIST, Set.of(),
                text -> Set.copyOf(split(text, COMMA)),
                groups -> {
                    TreeSet<String> result = new TreeSet<>();
                    if (groups != null) {
                        for (String group : groups) {
                            if (group == null || group.isBlank()) {
                                continue;
                            }
                            String path = group.trim();
                            if (path.indexOf(',') >= 0) {
                                throw new IllegalArgumentException("A group path must not contain commas: '" + path + "'.");
                            }
                            while (path.endsWith("/")) {
                                path = path.substring(0, path.length() - 1);
                            }
                            if (path.isEmpty()) {
                                throw new IllegalArgumentException("A group path must name a group, not only '/'.");
                            }
                            if (path.length() > maxLength) {
                                throw new IllegalArgumentException(
                                        "A group path must not be longer than " + maxLength + " characters.");
                            }
                            result.add(path.startsWith("/") ? path : "/" + path);
                        }
                    }
                    return Collections.unmodifiableSet(result);
                },
                List::copyOf,
                List::copyOf,
                List.of(), List.of(), true, null);
    }

    /**
     * This setting, also shown to media apps in the capabilities (spec I8) under {@code field}; settings
     * without it stay between the realm and its admins.
     */
    public PolicySetting<T> shownToApps(String field) {
        return new PolicySetting<>(name, kind, defaultValue, parser, normaliser, texts, json, options, bounds,
                entriesMayContainSpaces, Objects.requireNonNull(field));
    }

    // ---- the declaration ------------------------------------------------------------------------------

    /** The name: attribute {@code mediaInvites.<name>}, REST JSON field, console form field. */
    public String name() {
        return name;
    }

    /** The JSON type and console widget. */
    public Kind kind() {
        return kind;
    }

    /** The value of a realm that does not set this setting. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The wire names a {@link Kind#CHOICE} accepts, in declaration order; empty for other kinds. */
    public List<String> options() {
        return options;
    }

    /**
     * The values a reader must know to set it, as text: the allowed values of a choice, the bounds of a
     * range, the "unlimited" value of a use limit. README's settings table names each.
     */
    public List<String> documentedValues() {
        return bounds;
    }

    /** For a {@link Kind#LIST}: true if an entry may contain spaces (group paths), false if not. */
    public boolean entriesMayContainSpaces() {
        return entriesMayContainSpaces;
    }

    /** True if the form and attribute take several entries ({@link Kind#LIST}). */
    public boolean multiValued() {
        return kind == Kind.LIST;
    }

    /** The field in the capabilities media apps read, or null if they do not see this setting. */
    public String capability() {
        return capability;
    }

    /** Message key of the console label, e.g. {@code mediaInvitesLinkLifetimeSeconds}. */
    public String labelKey() {
        return MESSAGE_KEY_PREFIX + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Message key of the console help text, the label key plus {@code Help}. */
    public String helpKey() {
        return labelKey() + "Help";
    }

    // ---- the codec -------------------------------------------------------------------------------------

    /**
     * Reads a value from its text form (one attribute value, or a form field's values joined with commas).
     * Strict: a blank text is refused where the type has no "none".
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} with this setting's name as field
     */
    public T parse(String text) {
        try {
            return normaliser.apply(parser.apply(text == null ? "" : text.strip()));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * Checks a value and returns its canonical form (e.g. normalised domains, trimmed names).
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} with this setting's name as field
     */
    public T normalise(T value) {
        try {
            return normaliser.apply(value);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The realm attribute value: the text form, list entries joined with commas, "" for none. */
    public String attributeValue(T value) {
        return String.join(",", texts.apply(value));
    }

    /** The form field values: one for a single value, one per entry for a list, none for "none". */
    public List<String> fieldValues(T value) {
        return List.copyOf(texts.apply(value));
    }

    /** The JSON-ready value: a Long or Integer, a Boolean, a String or null, or a List of Strings. */
    public Object jsonValue(T value) {
        return json.apply(value);
    }

    /** The value of this setting in a policy. */
    public T of(InvitePolicy policy) {
        return policy.get(this);
    }

    /** An {@link ErrorCode#INVALID_POLICY} refusal naming this setting. */
    public InviteRuleException invalid(String description) {
        return new InviteRuleException(ErrorCode.INVALID_POLICY, name, description);
    }

    @Override
    public String toString() {
        return name;
    }

    private static <V> V required(V value, String description) {
        if (value == null) {
            throw new IllegalArgumentException(description);
        }
        return value;
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
}
