package io.mediainvites.model.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.model.calendar.InviteCalendar;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** R13: the MIME structure of a mail with an attachment, built without sending and parsed back. */
class MimeMailTest {

    private static final String LINK = "https://id.example/realms/media/login-actions/action-token?key=eyJ.abc.def";

    private static Map<String, String> smtp() {
        Map<String, String> smtp = new HashMap<>();
        smtp.put("host", "smtp.example");
        smtp.put("port", "2525");
        smtp.put("from", "invites@media.example");
        smtp.put("fromDisplayName", "Médias & invitations");
        smtp.put("replyTo", "help@media.example");
        smtp.put("replyToDisplayName", "Help desk");
        smtp.put("envelopeFrom", "bounces@media.example");
        return smtp;
    }

    @Test
    void mixedOfAlternativeTextAndHtmlThenTheCalendarAttachment() throws Exception {
        String ics = new InviteCalendar("inv-1@media-invites", "Birds at dawn", Instant.parse("2026-12-01T18:43:00Z"),
                Instant.parse("2026-12-01T20:00:00Z"), "Join us:", LINK, "Olga Owner", "invites@media.example").ics();
        Session mail = Session.getInstance(MimeMail.properties(smtp(), null, false));
        MimeMessage built = MimeMail.build(mail, smtp(), "ina@example.com",
                new BackgroundMail.Rendered("Einladung: Vögel", "Hallo\n" + LINK, "<p>Hallo <a href=\"" + LINK + "\">x</a></p>"),
                List.of(new MailMessage.Attachment(InviteCalendar.FILE_NAME, InviteCalendar.ATTACHMENT_TYPE,
                        ics.getBytes(StandardCharsets.UTF_8))));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        built.writeTo(raw);
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));

        assertThat(parsed.getSubject()).isEqualTo("Einladung: Vögel");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("invites@media.example");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Médias & invitations");
        assertThat(((InternetAddress) parsed.getReplyTo()[0]).getAddress()).isEqualTo("help@media.example");
        assertThat(parsed.getHeader("To", null)).isEqualTo("ina@example.com");
        assertThat(parsed.getSentDate()).isNotNull();

        assertThat(new ContentType(parsed.getContentType()).getBaseType()).isEqualTo("multipart/mixed");
        Multipart mixed = (Multipart) parsed.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        BodyPart bodies = mixed.getBodyPart(0);
        assertThat(new ContentType(bodies.getContentType()).getBaseType()).isEqualTo("multipart/alternative");
        Multipart alternative = (Multipart) bodies.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(new ContentType(alternative.getBodyPart(0).getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat((String) alternative.getBodyPart(0).getContent()).contains(LINK);
        assertThat(new ContentType(alternative.getBodyPart(1).getContentType()).getBaseType()).isEqualTo("text/html");

        BodyPart file = mixed.getBodyPart(1);
        ContentType type = new ContentType(file.getContentType());
        assertThat(type.getBaseType()).isEqualTo("text/calendar");
        assertThat(type.getParameter("method")).isEqualTo("PUBLISH");
        assertThat(type.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        assertThat(type.getParameter("name")).isEqualTo("invite.ics");
        assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(file.getFileName()).isEqualTo("invite.ics");
        String attached;
        try (InputStream in = file.getInputStream()) {
            attached = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Calendar calendar = new CalendarBuilder().build(new StringReader(attached));
        VEvent event = (VEvent) calendar.getComponents(VEvent.VEVENT).get(0);
        assertThat(event.getSummary().getValue()).isEqualTo("Birds at dawn");
        assertThat(event.getDescription().getValue()).contains(LINK);
    }

    @Test
    void withoutDisplayNamesOrReplyToTheFromAddressIsTheReplyTo() throws Exception {
        Map<String, String> smtp = new HashMap<>();
        smtp.put("host", "smtp.example");
        smtp.put("from", "invites@media.example");
        MimeMessage built = MimeMail.build(Session.getInstance(MimeMail.properties(smtp, null, false)), smtp,
                "ina@example.com", new BackgroundMail.Rendered("Hi", "text", "<p>html</p>"), List.of());
        assertThat(((InternetAddress) built.getReplyTo()[0]).getAddress()).isEqualTo("invites@media.example");
        assertThat(((InternetAddress) built.getFrom()[0]).getPersonal()).isNull();
    }

    @Test
    void smtpSettingsAreReadAsKeycloakReadsThem() {
        Map<String, String> smtp = smtp();
        Properties plain = MimeMail.properties(smtp, null, false);
        assertThat(plain.getProperty("mail.smtp.host")).isEqualTo("smtp.example");
        assertThat(plain.getProperty("mail.smtp.port")).isEqualTo("2525");
        assertThat(plain.getProperty("mail.smtp.from")).isEqualTo("bounces@media.example");
        assertThat(plain.getProperty("mail.from")).isEqualTo("invites@media.example");
        assertThat(plain.getProperty("mail.smtp.timeout")).isEqualTo("10000");
        assertThat(plain.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(plain.getProperty("mail.smtp.writetimeout")).isEqualTo("10000");
        assertThat(plain).doesNotContainKeys("mail.smtp.auth", "mail.smtp.ssl.enable", "mail.smtp.starttls.enable",
                "mail.smtp.ssl.protocols", "mail.mime.allowutf8");

        smtp.put("auth", "true");
        smtp.put("user", "mailer");
        smtp.put("password", "${vault.smtp}");
        smtp.put("ssl", "true");
        smtp.put("starttls", "true");
        smtp.put("allowutf8", "true");
        smtp.put("timeout", "2000");
        Properties secured = MimeMail.properties(smtp, null, false);
        assertThat(secured.getProperty("mail.smtp.auth")).isEqualTo("true");
        assertThat(secured.getProperty("mail.smtp.ssl.enable")).isEqualTo("true");
        assertThat(secured.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(secured.get("mail.smtp.ssl.protocols")).asString().contains("TLSv1.2");
        assertThat(secured.getProperty("mail.mime.allowutf8")).isEqualTo("true");
        assertThat(secured.getProperty("mail.smtp.timeout")).isEqualTo("2000");
        // the password is given to the transport, never put into the properties
        assertThat(secured.values()).doesNotContain("${vault.smtp}", "mailer");

        assertThat(MimeMail.usesTokenAuth(smtp)).isFalse();
        smtp.put("authType", "token");
        assertThat(MimeMail.usesTokenAuth(smtp)).isTrue();
    }
}
