package io.mediainvites.rest.invite;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.model.account.PrivilegedAccounts;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.store.InviteStore;
import io.mediainvites.rest.api.ApiException;
import io.mediainvites.rest.auth.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * E-mail autocomplete (I6, S10): only people the calling app already knows, its earlier invitees and the
 * collaborators of its media entries, found by e-mail prefix within the app's own rows (indexed; the realm's
 * user table is never searched). Never a privileged account, a service account or a disabled one; never a
 * guest known only to another app. At most {@link #MAX_RESULTS}, with e-mail and names only; for an invitee the
 * names are the ones this app gave its invite, not what another app may have typed.
 */
public final class InviteeLookup {

    public static final int MIN_PREFIX = 3;
    public static final int MAX_PREFIX = 254;
    public static final int MAX_RESULTS = 10;
    /** Candidates read per source before the account checks; a few more than shown, for the ones filtered out. */
    private static final int CANDIDATES = 3 * MAX_RESULTS;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InviteStore store;

    public InviteeLookup(KeycloakSession session, InviteStore store) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = store;
    }

    /** A user as autocomplete shows it: nothing beyond what fills the invite form. */
    public record Match(String email, String firstName, String lastName) {
    }

    /** @throws ApiException 400 {@code invalid_request} (field {@code prefix}) for fewer than 3 characters */
    public static String requireValidPrefix(String rawPrefix) {
        String prefix = rawPrefix == null ? "" : rawPrefix.strip().toLowerCase(Locale.ROOT);
        if (prefix.length() < MIN_PREFIX || prefix.length() > MAX_PREFIX
                || prefix.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "prefix",
                    "Give " + MIN_PREFIX + " to " + MAX_PREFIX + " printable characters of the e-mail address.");
        }
        return prefix;
    }

    public List<Match> byEmailPrefix(Caller caller, String prefix) {
        String clientId = caller.app().getId();
        Map<String, Match> byUser = new LinkedHashMap<>();
        for (InviteEntity invite : store.appInviteesByEmailPrefix(realm.getId(), clientId, prefix, CANDIDATES)) {
            byUser.putIfAbsent(invite.getUserId(),
                    new Match(invite.getEmail(), invite.getFirstName(), invite.getLastName()));
        }
        for (String userId : store.appCollaboratorsByEmailPrefix(realm.getId(), clientId, prefix, CANDIDATES)) {
            byUser.putIfAbsent(userId, null);
        }
        List<Match> matches = new ArrayList<>();
        for (Map.Entry<String, Match> candidate : byUser.entrySet()) {
            if (matches.size() == MAX_RESULTS) {
                break;
            }
            UserModel user = session.users().getUserById(realm, candidate.getKey());
            if (user == null || !user.isEnabled() || !PrivilegedAccounts.isOrdinary(realm, user)) {
                continue;
            }
            Match match = candidate.getValue() != null ? candidate.getValue()
                    : new Match(user.getEmail(), user.getFirstName(), user.getLastName());
            if (match.email() != null && match.email().startsWith(prefix)) {
                matches.add(match);
            }
        }
        return matches;
    }
}
