package io.mediainvites.model.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.keycloak.common.enums.HostnameVerificationPolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.truststore.JSSETruststoreConfigurator;

/**
 * R13: a mail with attachments, which Keycloak's {@code EmailSenderProvider} cannot send, as a MIME message of our
 * own: {@code multipart/mixed( multipart/alternative(text, html), attachment… )}, through the realm's SMTP server
 * with its settings read as Keycloak's {@code DefaultEmailSenderProvider} reads them (host, port, from,
 * fromDisplayName, replyTo, replyToDisplayName, envelopeFrom, ssl, starttls, auth with user and password, a
 * {@code ${vault.x}} password from the vault, allowutf8, debug, Keycloak's truststore and hostname policy, its
 * timeouts). Token (XOAUTH2) authentication is not done here: {@link MediaInvitesMailer} sends such a realm's mails
 * through Keycloak without the attachment.
 */
final class MimeMail {

    /** Keycloak's default for each of its three SMTP timeouts, in milliseconds. */
    static final String DEFAULT_TIMEOUT = "10000";

    private MimeMail() {
    }

    /** The realm authenticates to its SMTP server with a token (XOAUTH2), which only Keycloak's sender does. */
    static boolean usesTokenAuth(Map<String, String> smtp) {
        return "true".equals(smtp.get("auth")) && "token".equals(smtp.get("authType"));
    }

    /**
     * The JavaMail properties of the realm's SMTP settings, as Keycloak builds them.
     *
     * @param sockets the socket factory of Keycloak's truststore (null: the JVM's), used with ssl, starttls or auth
     * @param anyHost whether the truststore's hostname policy is ANY (no server identity check)
     */
    static Properties properties(Map<String, String> smtp, SSLSocketFactory sockets, boolean anyHost) {
        Properties props = new Properties();
        if (smtp.containsKey("host")) {
            props.setProperty("mail.smtp.host", smtp.get("host"));
        }
        if (smtp.containsKey("port") && smtp.get("port") != null) {
            props.setProperty("mail.smtp.port", smtp.get("port"));
        }
        boolean auth = "true".equals(smtp.get("auth"));
        boolean ssl = "true".equals(smtp.get("ssl"));
        boolean starttls = "true".equals(smtp.get("starttls"));
        if (auth) {
            props.setProperty("mail.smtp.auth", "true");
        }
        if ("true".equals(smtp.get("debug"))) {
            props.put("mail.debug", "true");
        }
        if (ssl) {
            props.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (starttls) {
            props.setProperty("mail.smtp.starttls.enable", "true");
        }
        if (ssl || starttls || auth) {
            props.put("mail.smtp.ssl.protocols", supportedSslProtocols());
            if (sockets != null) {
                props.put("mail.smtp.ssl.socketFactory", sockets);
                if (anyHost) {
                    props.setProperty("mail.smtp.ssl.trust", "*");
                    props.put("mail.smtp.ssl.checkserveridentity", Boolean.FALSE.toString());
                } else {
                    props.put("mail.smtp.ssl.checkserveridentity", Boolean.TRUE.toString());
                }
            }
        }
        props.setProperty("mail.smtp.timeout", smtp.getOrDefault("timeout", DEFAULT_TIMEOUT));
        props.setProperty("mail.smtp.connectiontimeout", smtp.getOrDefault("connectionTimeout", DEFAULT_TIMEOUT));
        props.setProperty("mail.smtp.writetimeout", smtp.getOrDefault("writeTimeout", DEFAULT_TIMEOUT));
        String envelopeFrom = smtp.get("envelopeFrom");
        if (envelopeFrom != null && !envelopeFrom.isBlank()) {
            props.setProperty("mail.smtp.from", envelopeFrom);
        }
        if ("true".equals(smtp.get("allowutf8"))) {
            props.setProperty("mail.mime.allowutf8", "true");
        }
        String from = smtp.get("from");
        if (from != null) {
            props.setProperty("mail.from", from);
        }
        return props;
    }

    /** The message, built without sending: headers as Keycloak sets them, the bodies and the attachments. */
    static MimeMessage build(Session mail, Map<String, String> smtp, String to, BackgroundMail.Rendered rendered,
            List<MailMessage.Attachment> attachments) throws MessagingException, UnsupportedEncodingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (rendered.text() != null) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(rendered.text(), "UTF-8");
            alternative.addBodyPart(text);
        }
        if (rendered.html() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(rendered.html(), "text/html; charset=UTF-8");
            alternative.addBodyPart(html);
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart bodies = new MimeBodyPart();
        bodies.setContent(alternative);
        mixed.addBodyPart(bodies);
        for (MailMessage.Attachment file : attachments) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.mediaType())));
            part.setFileName(file.fileName());
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(part);
        }

        MimeMessage message = new MimeMessage(mail);
        String from = smtp.get("from");
        InternetAddress sender = address(from, smtp.get("fromDisplayName"));
        message.setFrom(sender);
        message.setReplyTo(new Address[] {sender});
        String replyTo = smtp.get("replyTo");
        if (replyTo != null && !replyTo.isBlank()) {
            message.setReplyTo(new Address[] {address(replyTo, smtp.get("replyToDisplayName"))});
        }
        message.setHeader("To", to);
        message.setSubject(MimeUtility.encodeText(rendered.subject(), StandardCharsets.UTF_8.name(), null));
        message.setContent(mixed);
        message.saveChanges();
        message.setSentDate(new Date());
        return message;
    }

    /** Builds and sends the message through the realm's SMTP server. */
    static void send(KeycloakSession session, Map<String, String> smtp, String to, BackgroundMail.Rendered rendered,
            List<MailMessage.Attachment> attachments) throws MessagingException, UnsupportedEncodingException {
        SSLSocketFactory sockets = null;
        boolean anyHost = false;
        boolean secured = "true".equals(smtp.get("ssl")) || "true".equals(smtp.get("starttls"))
                || "true".equals(smtp.get("auth"));
        if (secured) {
            JSSETruststoreConfigurator truststore = new JSSETruststoreConfigurator(session);
            sockets = truststore.getSSLSocketFactory();
            anyHost = sockets != null && truststore.getProvider() != null
                    && truststore.getProvider().getPolicy() == HostnameVerificationPolicy.ANY;
        }
        Session mail = Session.getInstance(properties(smtp, sockets, anyHost));
        MimeMessage message = build(mail, smtp, to, rendered, attachments);
        try (Transport transport = mail.getTransport("smtp")) {
            if ("true".equals(smtp.get("auth"))) {
                transport.connect(smtp.get("user"), password(session, smtp.get("password")));
            } else {
                transport.connect();
            }
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(to)});
        }
    }

    /** The SMTP password, resolved from the vault when it is a {@code ${vault.x}} reference (as Keycloak does). */
    private static String password(KeycloakSession session, String configured) {
        if (configured == null) {
            return null;
        }
        try (var secret = session.vault().getStringSecret(configured)) {
            return secret.get().orElse(configured);
        }
    }

    private static InternetAddress address(String email, String displayName) throws UnsupportedEncodingException,
            jakarta.mail.internet.AddressException {
        if (email == null || email.isBlank()) {
            throw new jakarta.mail.internet.AddressException("The realm's SMTP settings have no from-address.");
        }
        return displayName == null || displayName.isBlank() ? new InternetAddress(email)
                : new InternetAddress(email, displayName, "utf-8");
    }

    private static String supportedSslProtocols() {
        try {
            return String.join(" ", SSLContext.getDefault().getSupportedSSLParameters().getProtocols());
        } catch (Exception e) {
            return "TLSv1.3 TLSv1.2";
        }
    }
}
