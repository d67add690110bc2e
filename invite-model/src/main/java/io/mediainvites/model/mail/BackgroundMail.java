package io.mediainvites.model.mail;

import io.mediainvites.core.mail.MailFailure;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * A mail of the realm's e-mail theme sent from a scheduled job (R13 reminders), where there is no HTTP request:
 * Keycloak's template provider needs the request's URL, so the templates are rendered here with the same
 * FreeMarker provider, theme and message bundles (realm overrides included), and sent through Keycloak's
 * {@link EmailSenderProvider} with the realm's SMTP settings. Templates get {@code msg}, {@code realmName},
 * {@code locale} and the given attributes.
 */
public final class BackgroundMail {

    private BackgroundMail() {
    }

    /** A mail rendered from the theme: its subject and its plain-text and HTML bodies. */
    public record Rendered(String subject, String text, String html) {
    }

    public static void send(KeycloakSession session, RealmModel realm, MailMessage message) throws MailDeliveryException {
        if (!MediaInvitesMailer.smtpConfigured(realm)) {
            throw new MailDeliveryException(MailFailure.of(MailFailure.NOT_CONFIGURED, "The realm has no SMTP server configured."));
        }
        try {
            Rendered mail = render(session, realm, message);
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), message.address(), mail.subject(),
                    mail.text(), mail.html());
        } catch (Exception e) {
            throw new MailDeliveryException(MailFailure.describe(e, MediaInvitesMailer.secrets(realm)));
        }
    }

    /**
     * Renders the mail's templates of the realm's e-mail theme in the mail's language (English when it has none),
     * with the theme's message bundles and the realm's localisation overrides; the one rendering of mails that do
     * not go through Keycloak's template provider (background jobs, mails with attachments).
     */
    static Rendered render(KeycloakSession session, RealmModel realm, MailMessage message) throws Exception {
        Locale locale = message.locale() == null ? Locale.ENGLISH : message.locale();
        Theme theme = session.theme().getTheme(Theme.Type.EMAIL);
        Properties messages = theme.getEnhancedMessages(realm, locale);
        Map<String, Object> attributes = new HashMap<>(message.attributes());
        attributes.put("msg", new MessageFormatterMethod(locale, messages));
        attributes.put("realmName", realm.getDisplayName() != null && !realm.getDisplayName().isBlank()
                ? realm.getDisplayName() : realm.getName());
        attributes.put("locale", locale);
        FreeMarkerProvider freeMarker = session.getProvider(FreeMarkerProvider.class);
        String html = freeMarker.processTemplate(attributes, "html/" + message.template(), theme);
        String text = freeMarker.processTemplate(attributes, "text/" + message.template(), theme);
        String pattern = messages.getProperty(message.subjectKey(), message.subjectKey());
        String subject = new MessageFormat(pattern, locale).format(message.subjectParameters().toArray());
        return new Rendered(subject, text, html);
    }
}
