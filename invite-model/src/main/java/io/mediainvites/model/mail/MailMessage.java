package io.mediainvites.model.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.keycloak.models.UserModel;

/**
 * One e-mail from a template of the realm's e-mail theme (the {@code media-invites} theme or one extending it).
 *
 * @param template          file name under the theme's {@code html/} and {@code text/} folders, e.g. {@code media-invite.ftl}
 * @param subjectKey        message key of the subject
 * @param subjectParameters {@code {0}}, {@code {1}} … of the subject
 * @param attributes        what the templates read besides Keycloak's own ({@code msg}, {@code realmName}, {@code user} …)
 * @param address           where the mail goes
 * @param user              the recipient's user (for the theme's {@code user} bean), not null
 * @param locale            the mail's language; null lets Keycloak resolve it (for mails sent in a browser flow,
 *                          where the invitee's own UI language is known)
 * @param attachments       files attached to the mail (R13: the live invite's {@code .ics}); empty for none. A mail
 *                          with attachments is sent as a MIME message of our own ({@link MediaInvitesMailer})
 */
public record MailMessage(String template, String subjectKey, List<Object> subjectParameters,
        Map<String, Object> attributes, String address, UserModel user, Locale locale, List<Attachment> attachments) {

    /** One attached file. */
    public record Attachment(String fileName, String mediaType, byte[] content) {
        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }
    }

    public MailMessage {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        subjectParameters = subjectParameters == null ? List.of() : List.copyOf(subjectParameters);
        attributes = attributes == null ? Map.of() : attributes;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A mail without attachments. */
    public MailMessage(String template, String subjectKey, List<Object> subjectParameters,
            Map<String, Object> attributes, String address, UserModel user, Locale locale) {
        this(template, subjectKey, subjectParameters, attributes, address, user, locale, List.of());
    }

    /** The same mail with these attachments. */
    public MailMessage withAttachments(List<Attachment> files) {
        return new MailMessage(template, subjectKey, subjectParameters, attributes, address, user, locale, files);
    }
}
