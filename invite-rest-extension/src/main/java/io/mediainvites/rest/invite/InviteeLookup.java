package io.mediainvites.rest.invite;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.rest.api.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** E-mail autocomplete (I6): bounded prefix search with minimal fields. */
public final class InviteeLookup {

    public static final int MIN_PREFIX = 3;
    public static final int MAX_RESULTS = 10;

    private final KeycloakSession session;
    private final RealmModel realm;

    public InviteeLookup(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** A user as autocomplete shows it: nothing beyond what fills the invite form. */
    public record Match(String email, String firstName, String lastName) {
    }

    public List<Match> byEmailPrefix(String rawPrefix) {
        String prefix = rawPrefix == null ? "" : rawPrefix.trim().toLowerCase(Locale.ROOT);
        if (prefix.length() < MIN_PREFIX || prefix.length() > 254 || prefix.contains("*") || prefix.contains("%")) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "prefix",
                    "Give at least " + MIN_PREFIX + " characters of the e-mail address.");
        }
        return session.users()
                .searchForUserStream(realm, Map.of(UserModel.EMAIL, prefix, UserModel.EXACT, "false"), 0, 50)
                .filter(u -> u.getEmail() != null && u.getEmail().toLowerCase(Locale.ROOT).startsWith(prefix))
                .filter(u -> u.getServiceAccountClientLink() == null && u.isEnabled())
                .limit(MAX_RESULTS)
                .map(u -> new Match(u.getEmail(), u.getFirstName(), u.getLastName()))
                .toList();
    }
}
