package io.mediainvites.core.domain;

import io.mediainvites.core.email.EmailAddress;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The realm's e-mail domain restrictions (spec A1, A3, R9): blocked domains, which also block their
 * subdomains, and an optional list of allowed domains (with their subdomains). Blocked wins over allowed.
 * Immutable.
 */
public final class DomainRules {

    /** The outcome of a domain check. */
    public enum Decision {
        /** The domain may be invited. */
        ALLOWED,
        /** The domain (or a parent domain) is blocked. */
        BLOCKED,
        /** Allowed domains are configured and the domain is not one of them (or their subdomains). */
        NOT_ALLOWED
    }

    private static final DomainRules NONE = new DomainRules(List.of(), List.of());

    private final List<String> blocked;
    private final List<String> allowed;

    private DomainRules(List<String> blocked, List<String> allowed) {
        this.blocked = blocked;
        this.allowed = allowed;
    }

    /** Rules that allow every domain. */
    public static DomainRules none() {
        return NONE;
    }

    /**
     * Builds rules from raw entries; each entry is {@link DomainName#normalise(String) normalised}, blank
     * entries are ignored, duplicates removed. A null collection counts as empty.
     *
     * @throws IllegalArgumentException naming the entry if an entry is not a valid domain name
     */
    public static DomainRules of(Collection<String> blocked, Collection<String> allowed) {
        List<String> b = normaliseAll(blocked, "blocked");
        List<String> a = normaliseAll(allowed, "allowed");
        return b.isEmpty() && a.isEmpty() ? NONE : new DomainRules(b, a);
    }

    private static List<String> normaliseAll(Collection<String> entries, String kind) {
        if (entries == null) {
            return List.of();
        }
        TreeSet<String> normalised = new TreeSet<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                normalised.add(DomainName.normalise(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid " + kind + " domain '" + entry.strip() + "': "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(normalised);
    }

    /** The normalised, de-duplicated, sorted blocked domains (unmodifiable). */
    public List<String> blocked() {
        return blocked;
    }

    /** The normalised, de-duplicated, sorted allowed domains (unmodifiable); empty means every domain. */
    public List<String> allowed() {
        return allowed;
    }

    /** True if these rules restrict nothing. */
    public boolean isEmpty() {
        return blocked.isEmpty() && allowed.isEmpty();
    }

    /** Checks the domain of an e-mail address. */
    public Decision check(EmailAddress email) {
        return decide(Objects.requireNonNull(email, "email").domain());
    }

    /**
     * Checks a domain; it is normalised first.
     *
     * @throws IllegalArgumentException if the domain is not valid
     */
    public Decision check(String domain) {
        return decide(DomainName.normalise(domain));
    }

    private Decision decide(String domain) {
        for (String entry : blocked) {
            if (DomainName.isSameOrSubdomain(domain, entry)) {
                return Decision.BLOCKED;
            }
        }
        if (allowed.isEmpty()) {
            return Decision.ALLOWED;
        }
        for (String entry : allowed) {
            if (DomainName.isSameOrSubdomain(domain, entry)) {
                return Decision.ALLOWED;
            }
        }
        return Decision.NOT_ALLOWED;
    }

    /**
     * Requires that an e-mail address may be invited.
     *
     * @throws InviteRuleException {@link ErrorCode#DOMAIN_BLOCKED} or {@link ErrorCode#DOMAIN_NOT_ALLOWED}
     *     (field {@code email})
     */
    public void require(EmailAddress email) {
        switch (check(email)) {
            case BLOCKED -> throw new InviteRuleException(ErrorCode.DOMAIN_BLOCKED, "email",
                    "E-mail addresses of the domain " + email.unicodeDomain() + " are blocked in this realm.");
            case NOT_ALLOWED -> throw new InviteRuleException(ErrorCode.DOMAIN_NOT_ALLOWED, "email",
                    "E-mail addresses of the domain " + email.unicodeDomain() + " are not allowed in this realm.");
            case ALLOWED -> {
                // nothing to do
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof DomainRules other && blocked.equals(other.blocked) && allowed.equals(other.allowed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(blocked, allowed);
    }

    @Override
    public String toString() {
        return "DomainRules[blocked=" + blocked + ", allowed=" + allowed + "]";
    }
}
