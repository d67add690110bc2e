package io.mediainvites.authenticator.redeem;

import java.util.Locale;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The language of an invitee's page (R12): Keycloak's own locale selection (a {@code kc_locale} choice, then the
 * invitee's {@code locale} attribute, the browser's Accept-Language, the realm default), for the invitee, not for
 * whoever sent the link. Keycloak's page renderer knows no user on our pages, so the choice is handed to it as the
 * request's selected locale.
 */
final class PageLocale {

    private PageLocale() {
    }

    static Locale select(KeycloakSession session, RealmModel realm, UserModel invitee) {
        Locale locale = session.getContext().resolveLocale(invitee);
        if (realm.isInternationalizationEnabled() && locale != null) {
            session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, locale.toLanguageTag());
        }
        return locale == null ? Locale.ENGLISH : locale;
    }
}
