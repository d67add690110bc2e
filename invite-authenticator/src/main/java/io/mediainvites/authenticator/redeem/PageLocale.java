package io.mediainvites.authenticator.redeem;

import java.util.Locale;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The language of an invitee's page (R12): Keycloak's own locale selection (a {@code kc_locale} choice, then the
 * invitee's {@code locale} attribute, the browser's Accept-Language, the realm default), for the invitee, not for
 * whoever sent the link. Keycloak's page renderer knows no user on our pages, so the choice is handed to it as the
 * flow's selected locale when Keycloak would not make that choice itself. A language given at issuance comes after
 * the invitee's own choices.
 */
final class PageLocale {

    private PageLocale() {
    }

    static Locale select(KeycloakSession session, RealmModel realm, UserModel invitee, String issued,
            AuthenticationSessionModel flow) {
        Locale locale = session.getContext().resolveLocale(invitee);
        // a language picked on the page (the theme's language menu adds kc_locale to the link): it wins
        Locale picked = realm.isInternationalizationEnabled() ? supported(realm, pickedOnPage(session)) : null;
        if (picked != null) {
            locale = picked;
        }
        // the language given at issuance comes after the invitee's own choices, before the realm default
        if (picked == null && realm.isInternationalizationEnabled() && issued != null
                && !ownChoice(session, realm, invitee)) {
            Locale wanted = supported(realm, issued);
            if (wanted != null) {
                locale = wanted;
            }
        }
        // Keycloak reads a request's chosen language from the authentication session's note when there is one
        Locale keycloaks = session.getContext().resolveLocale(null);
        if (realm.isInternationalizationEnabled() && locale != null && !locale.equals(keycloaks)) {
            AuthenticationSessionModel authSession = flow != null ? flow : session.getContext().getAuthenticationSession();
            if (authSession != null) {
                authSession.setAuthNote(LocaleSelectorProvider.USER_REQUEST_LOCALE, locale.toLanguageTag());
            } else {
                session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, locale.toLanguageTag());
            }
        }
        return locale == null ? Locale.ENGLISH : locale;
    }

    /** The invitee chose a language: on the page (kc_locale), in their profile, or by a supported browser language. */
    private static boolean ownChoice(KeycloakSession session, RealmModel realm, UserModel invitee) {
        if (session.getAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE) != null) {
            return true;
        }
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (authSession != null && authSession.getAuthNote(LocaleSelectorProvider.USER_REQUEST_LOCALE) != null) {
            return true;
        }
        if (invitee != null && supported(realm, invitee.getFirstAttribute(UserModel.LOCALE)) != null) {
            return true;
        }
        HttpHeaders headers = session.getContext().getRequestHeaders();
        if (headers != null) {
            for (Locale accepted : headers.getAcceptableLanguages()) {
                if (!accepted.getLanguage().equals("*") && supported(realm, accepted.toLanguageTag()) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The {@code kc_locale} query parameter of this request, or null (Keycloak does not read it on action tokens). */
    private static String pickedOnPage(KeycloakSession session) {
        return session.getContext().getUri() == null ? null
                : session.getContext().getUri().getQueryParameters().getFirst(LocaleSelectorProvider.KC_LOCALE_PARAM);
    }

    /** The realm's supported locale of the same language as {@code tag}, or null. */
    private static Locale supported(RealmModel realm, String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        Locale wanted = Locale.forLanguageTag(tag.replace('_', '-'));
        return realm.getSupportedLocalesStream().map(Locale::forLanguageTag)
                .filter(l -> l.getLanguage().equals(wanted.getLanguage()))
                .sorted((a, b) -> Boolean.compare(!a.equals(wanted), !b.equals(wanted)))
                .findFirst().orElse(null);
    }
}
