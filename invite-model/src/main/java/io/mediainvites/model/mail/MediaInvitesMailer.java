package io.mediainvites.model.mail;

import io.mediainvites.core.mail.MailFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * Sends the extension's e-mails through the realm's SMTP server with templates of the realm's e-mail theme,
 * using Keycloak's {@link EmailTemplateProvider} (FreeMarker, theme message bundles, realm localisation
 * overrides). Shared by issuance (invite link) and redemption (one-time confirmation code): both build a
 * {@link MailMessage} and call {@link #send(MailMessage)}.
 *
 * <p>Never logs a mail's content, link or code. Failures become a {@link MailDeliveryException} whose
 * {@link MailFailure} is redacted (no SMTP credentials, links or tokens).
 */
public final class MediaInvitesMailer {

    private static final Logger LOG = Logger.getLogger(MediaInvitesMailer.class);

    /** SMTP settings whose values must never appear in a failure reason. */
    private static final Set<String> SECRET_SMTP_KEYS = Set.of("user", "password", "authTokenClientSecret",
            "authTokenClientId");

    /** INFO once per node: a realm with token SMTP authentication gets its mails without attachments. */
    private static volatile boolean tokenAuthFallbackLogged;

    private final KeycloakSession session;
    private final RealmModel realm;

    public MediaInvitesMailer(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The realm has an SMTP server: its {@code smtpServer.host} is set. */
    public static boolean smtpConfigured(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        String host = smtp == null ? null : smtp.get("host");
        return host != null && !host.isBlank();
    }

    /**
     * The language of a mail to {@code user}: their {@code locale} attribute when the realm has
     * internationalisation on and supports that language, else the realm's default locale, else English.
     * (Unlike Keycloak's request-based resolution, the calling app's Accept-Language plays no part: the
     * inviter's app is not the invitee.)
     */
    public static Locale localeFor(RealmModel realm, UserModel user) {
        return localeFor(realm, user, null);
    }

    /**
     * The same, with the language given when the invite was issued ({@code issued}, may be null) between the
     * user's own and the realm default (R12).
     */
    public static Locale localeFor(RealmModel realm, UserModel user, String issued) {
        if (!realm.isInternationalizationEnabled()) {
            return Locale.ENGLISH;
        }
        List<String> supported = realm.getSupportedLocalesStream().collect(Collectors.toList());
        String wanted = user == null ? null : user.getFirstAttribute(UserModel.LOCALE);
        String match = bestMatch(supported, wanted);
        if (match == null) {
            match = bestMatch(supported, issued);
        }
        if (match == null) {
            match = bestMatch(supported, realm.getDefaultLocale());
        }
        if (match == null && realm.getDefaultLocale() != null && !realm.getDefaultLocale().isBlank()) {
            match = realm.getDefaultLocale();
        }
        return match == null ? Locale.ENGLISH : Locale.forLanguageTag(match);
    }

    /** The supported tag equal to {@code wanted}, else one of the same language; null if none. */
    static String bestMatch(List<String> supported, String wanted) {
        if (wanted == null || wanted.isBlank()) {
            return null;
        }
        Locale w = Locale.forLanguageTag(wanted.trim().replace('_', '-'));
        String sameLanguage = null;
        for (String tag : supported) {
            Locale s = Locale.forLanguageTag(tag);
            if (s.equals(w)) {
                return tag;
            }
            if (sameLanguage == null && s.getLanguage().equals(w.getLanguage())) {
                sameLanguage = tag;
            }
        }
        return sameLanguage;
    }

    /**
     * Renders and sends one mail, synchronously. Call it only after the data the mail refers to is committed.
     *
     * @throws MailDeliveryException with a redacted reason if the theme lacks the template, rendering fails or
     *                               the SMTP server does not take the mail
     */
    public void send(MailMessage message) throws MailDeliveryException {
        if (!smtpConfigured(realm)) {
            throw new MailDeliveryException(MailFailure.of(MailFailure.NOT_CONFIGURED,
                    "The realm has no SMTP server configured."));
        }
        requireTemplate(message.template());
        if (!message.attachments().isEmpty()) {
            if (!MimeMail.usesTokenAuth(realm.getSmtpConfig())) {
                sendWithAttachments(message);
                return;
            }
            if (!tokenAuthFallbackLogged) {
                tokenAuthFallbackLogged = true;
                LOG.infof("Realm %s authenticates to its SMTP server with a token (XOAUTH2): its invite mails are sent"
                        + " through Keycloak's sender, without their calendar attachment", realm.getName());
            }
        }
        String localeKey = LocaleSelectorProvider.USER_REQUEST_LOCALE;
        Object previousLocale = session.getAttribute(localeKey);
        if (message.locale() != null) {
            // the highest-priority input of Keycloak's locale selection when there is no authentication session
            session.setAttribute(localeKey, message.locale().toLanguageTag());
        }
        try {
            EmailTemplateProvider emails = session.getProvider(EmailTemplateProvider.class);
            TemplateMailSending.send(emails.setRealm(realm), message.user(), message.subjectKey(),
                    new ArrayList<>(message.subjectParameters()), message.template(), new HashMap<>(message.attributes()),
                    message.address());
        } catch (EmailException | RuntimeException e) {
            MailFailure failure = MailFailure.describe(e, secrets());
            LOG.debugf("mail %s not sent: %s", message.template(), failure.reason());
            throw new MailDeliveryException(failure);
        } finally {
            if (message.locale() != null) {
                if (previousLocale == null) {
                    session.removeAttribute(localeKey);
                } else {
                    session.setAttribute(localeKey, previousLocale);
                }
            }
        }
    }

    /**
     * R13: a mail with attachments, rendered as {@link BackgroundMail} renders (theme, bundles, realm overrides, the
     * message's language) and sent as a MIME message of our own ({@link MimeMail}).
     */
    private void sendWithAttachments(MailMessage message) throws MailDeliveryException {
        try {
            BackgroundMail.Rendered rendered = BackgroundMail.render(session, realm, message);
            MimeMail.send(session, realm.getSmtpConfig(), message.address(), rendered, message.attachments());
        } catch (Exception e) {
            MailFailure failure = MailFailure.describe(e, secrets());
            LOG.debugf("mail %s (with attachments) not sent: %s", message.template(), failure.reason());
            throw new MailDeliveryException(failure);
        }
    }

    private void requireTemplate(String template) throws MailDeliveryException {
        try {
            Theme theme = session.theme().getTheme(Theme.Type.EMAIL);
            if (theme.getTemplate("html/" + template) == null || theme.getTemplate("text/" + template) == null) {
                throw new MailDeliveryException(MailFailure.of(MailFailure.MISSING_TEMPLATE,
                        "The realm's e-mail theme '" + theme.getName() + "' has no " + template
                                + " template; select the media-invites e-mail theme or one extending it."));
            }
        } catch (IOException e) {
            throw new MailDeliveryException(MailFailure.of("template_error",
                    "The realm's e-mail theme could not be loaded."));
        }
    }

    private List<String> secrets() {
        return secrets(realm);
    }

    /** Values of the realm's SMTP settings that must never appear in a failure reason. */
    static List<String> secrets(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        List<String> secrets = new ArrayList<>();
        if (smtp != null) {
            smtp.forEach((k, v) -> {
                if (v != null && (SECRET_SMTP_KEYS.contains(k) || k.toLowerCase(Locale.ROOT).contains("secret")
                        || k.toLowerCase(Locale.ROOT).contains("password"))) {
                    secrets.add(v);
                }
            });
        }
        return secrets;
    }
}
