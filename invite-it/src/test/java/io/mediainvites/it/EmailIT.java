package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * "Send link via e-mail" (E1, E2, I8) against a real SMTP server: GreenMail on a free loopback port is the demo
 * realm's SMTP server for this class (the realm's SMTP and language settings are restored afterwards, as the
 * Keycloak is shared with the other test classes).
 */
@KeycloakIT
class EmailIT {

    private static final String START = "2030-12-01T10:00:00Z";
    private static final String TITLE = "Quarterly all-hands";

    private static TestSmtp mail;
    private static GreenMail smtp;
    private static RealmRepresentation saved;

    private KeycloakServer server;
    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String owner;
    private String ownerToken;
    private String mediaId;

    @BeforeAll
    static void startSmtp(KeycloakServer server) {
        mail = TestSmtp.startFor(server);
        smtp = mail.server();
        RealmResource realm = server.admin().realm(KeycloakServer.DEMO_REALM);
        saved = realm.toRepresentation();
        RealmRepresentation rep = realm.toRepresentation();
        rep.setInternationalizationEnabled(true);
        rep.setSupportedLocales(new HashSet<>(List.of("en", "de")));
        rep.setDefaultLocale("en");
        realm.update(rep);
    }

    @AfterAll
    static void stopSmtp(KeycloakServer server) {
        try {
            RealmResource realm = server.admin().realm(KeycloakServer.DEMO_REALM);
            RealmRepresentation rep = realm.toRepresentation();
            rep.setInternationalizationEnabled(saved.isInternationalizationEnabled());
            rep.setSupportedLocales(saved.getSupportedLocales() == null ? new HashSet<>() : saved.getSupportedLocales());
            rep.setDefaultLocale(saved.getDefaultLocale());
            realm.update(rep);
        } finally {
            if (mail != null) {
                mail.close();
            }
        }
    }

    @BeforeEach
    void setUp(KeycloakServer server) throws Exception {
        this.server = server;
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("webcast");
        Map<String, Object> media = IssuanceIT.media("webcast", owner, "owner");
        media.put("title", TITLE);
        media.put("startsAt", START);
        Reply created = api.put("/media/" + mediaId, appToken, media);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        smtp.purgeEmailFromAllMailboxes();
    }

    // ---- delivery (E1) -----------------------------------------------------------------------

    @Test
    void inviteMailArrivesInEnglishWithTheSameLinkTheApiReturns() throws Exception {
        String email = Fixtures.unique("guest") + "@invitee.example";
        long started = System.nanoTime();
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, true));
        long withMail = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        Reply plain = api.post("/media/" + mediaId + "/invites", ownerToken,
                speakerInvite(Fixtures.unique("plain") + "@invitee.example", false));
        long withoutMail = (System.nanoTime() - started) / 1_000_000;
        // measured, not asserted: written to the failsafe output of this class
        System.out.printf("[measure] create with e-mail %d ms, without %d ms (%s)%n", withMail, withoutMail,
                server.description());
        assertThat(plain.status()).isEqualTo(201);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.body().get("emailDelivery").get("status").asText()).isEqualTo("sent");
        assertThat(reply.body().get("emailDelivery").path("error").isMissingNode()
                || reply.body().get("emailDelivery").get("error").isNull()).as("no error when sent").isTrue();
        String link = reply.text("link");
        assertThat(link).isNotBlank();

        MimeMessage message = onlyMessageTo(email);
        assertThat(message.getSubject()).isEqualTo("First owner Last owner invites you to \"" + TITLE + "\"");
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("invites@media.example");
        String text = part(message, "text/plain");
        String html = part(message, "text/html");
        Instant expires = Instant.parse(reply.text("expiresAt"));
        assertThat(text).contains("Hello Ina Invitee,",
                "First owner Last owner invites you to \"" + TITLE + "\" (webcast).",
                "Starts: December 1, 2030, 10:00 UTC",
                "Your role: speaker",
                "The link works until " + human(expires, Locale.ENGLISH) + ".");
        assertThat(linkLine(text)).isEqualTo(link);
        assertThat(html).contains("href=\"" + link.replace("&", "&amp;") + "\"", "Hello Ina Invitee,",
                "Your role: speaker", "<html lang=\"en\">");

        Reply read = api.get("/invites/" + reply.text("id"), ownerToken);
        assertThat(read.body().get("emailDelivery").get("status").asText()).isEqualTo("sent");
        assertThat(emailEvents(reply.text("id"))).singleElement().satisfies(e ->
                assertThat(e.get("details").get("email_status").asText()).isEqualTo("sent"));
    }

    @Test
    void germanSpeakingInviteeGetsAGermanMail() throws Exception {
        String email = germanUser();
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, true));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.body().get("emailDelivery").get("status").asText()).isEqualTo("sent");

        MimeMessage message = onlyMessageTo(email);
        assertThat(message.getSubject()).isEqualTo("First owner Last owner l\u00e4dt Sie zu \u201e" + TITLE + "\u201c ein");
        String text = part(message, "text/plain");
        Instant expires = Instant.parse(reply.text("expiresAt"));
        assertThat(text).contains("Hallo Ina Invitee,", "(Webcast)", "Beginn: 1. Dezember 2030, 10:00 UTC",
                "Ihre Rolle: Sprecher/in", "Der Link gilt bis " + human(expires, Locale.GERMAN) + ".");
        assertThat(linkLine(text)).isEqualTo(reply.text("link"));
        assertThat(part(message, "text/html")).contains("<html lang=\"de\">", "Einladung \u00f6ffnen");
    }

    // ---- calendar attachment (R13) -----------------------------------------------------------

    @Test
    void theLiveInviteMailCarriesItsCalendarEntry() throws Exception {
        String end = "2030-12-01T11:30:00Z";
        Map<String, Object> media = IssuanceIT.media("webcast", owner, "owner");
        media.put("title", TITLE);
        media.put("startsAt", START);
        media.put("endsAt", end);
        assertThat(api.put("/media/" + mediaId, appToken, media).status()).isEqualTo(200);
        String email = Fixtures.unique("ics") + "@invitee.example";
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, true));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.body().get("emailDelivery").get("status").asText()).isEqualTo("sent");
        String link = reply.text("link");

        MimeMessage message = onlyMessageTo(email);
        // multipart/mixed( multipart/alternative(text, html), text/calendar attachment )
        assertThat(message.isMimeType("multipart/mixed")).as(message.getContentType()).isTrue();
        Multipart mixed = (Multipart) message.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
        BodyPart file = mixed.getBodyPart(1);
        assertThat(file.isMimeType("text/calendar")).as(file.getContentType()).isTrue();
        assertThat(new jakarta.mail.internet.ContentType(file.getContentType()).getParameter("method")).isEqualTo("PUBLISH");
        assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(file.getFileName()).isEqualTo("invite.ics");
        // the bodies are still the localised invite, with the same link
        String text = part(message, "text/plain");
        assertThat(text).contains("Hello Ina Invitee,", "Starts: December 1, 2030, 10:00 UTC");
        assertThat(linkLine(text)).isEqualTo(link);
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("invites@media.example");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Media invites");
        assertThat(message.getSubject()).isEqualTo("First owner Last owner invites you to \"" + TITLE + "\"");

        net.fortuna.ical4j.model.Calendar calendar;
        try (java.io.InputStream in = file.getInputStream()) {
            calendar = new net.fortuna.ical4j.data.CalendarBuilder().build(
                    new java.io.StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        net.fortuna.ical4j.model.component.VEvent event = (net.fortuna.ical4j.model.component.VEvent)
                calendar.getComponents(net.fortuna.ical4j.model.component.VEvent.VEVENT).get(0);
        assertThat(event.getSummary().getValue()).isEqualTo(TITLE);
        assertThat(Instant.from((java.time.temporal.Temporal) event.getStartDate().orElseThrow().getDate()))
                .isEqualTo(Instant.parse(START));
        assertThat(Instant.from((java.time.temporal.Temporal) event.getEndDate().orElseThrow().getDate()))
                .isEqualTo(Instant.parse(end));
        assertThat(event.getDescription().getValue()).contains(link);
        net.fortuna.ical4j.model.Property organizer = event.getProperty(net.fortuna.ical4j.model.Property.ORGANIZER).orElseThrow();
        assertThat(organizer.getValue()).isEqualTo("mailto:invites@media.example");
        assertThat(organizer.getParameter("CN").map(p -> ((net.fortuna.ical4j.model.Parameter) p).getValue()))
                .hasValue("First owner Last owner");
    }

    @Test
    void theCalendarAttachmentKeepsTheInviteesLanguage() throws Exception {
        String email = germanUser();
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, true));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        MimeMessage message = onlyMessageTo(email);
        assertThat(message.isMimeType("multipart/mixed")).isTrue();
        assertThat(((Multipart) message.getContent()).getBodyPart(1).isMimeType("text/calendar")).isTrue();
        assertThat(message.getSubject()).isEqualTo("First owner Last owner l\u00e4dt Sie zu \u201e" + TITLE + "\u201c ein");
        assertThat(part(message, "text/plain")).contains("Hallo Ina Invitee,", "Beginn: 1. Dezember 2030, 10:00 UTC");
        assertThat(part(message, "text/html")).contains("<html lang=\"de\">");
    }

    @Test
    void anOnDemandInviteMailHasNoAttachment() throws Exception {
        String video = Fixtures.unique("video");
        assertThat(api.put("/media/" + video, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
        String email = Fixtures.unique("vid") + "@invitee.example";
        Map<String, Object> body = IssuanceIT.invite(email);
        body.put("sendEmail", true); // a viewer: the only role of on-demand video
        Reply reply = api.post("/media/" + video + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        MimeMessage message = onlyMessageTo(email);
        assertThat(message.isMimeType("multipart/mixed")).isFalse();
        assertThat(message.isMimeType("multipart/alternative")).as(message.getContentType()).isTrue();
        assertThat(part(message, "text/calendar")).isNull();
        assertThat(linkLine(part(message, "text/plain"))).isEqualTo(reply.text("link"));
    }

    // ---- failure (E2) ------------------------------------------------------------------------

    @Test
    void smtpDownKeepsTheInviteAndReportsTheFailure(KeycloakServer server) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        withSmtp(TestSmtp.config(closed), () -> {
            String email = Fixtures.unique("down") + "@invitee.example";
            Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, true));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            assertThat(reply.text("link")).isNotBlank();
            JsonNode delivery = reply.body().get("emailDelivery");
            assertThat(delivery.get("status").asText()).isEqualTo("failed");
            String error = delivery.get("error").asText();
            assertThat(error).startsWith("smtp_unreachable: ").doesNotContain("key=", "eyJ");

            String id = reply.text("id");
            Reply read = api.get("/invites/" + id, ownerToken);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("status")).isEqualTo("pending");
            assertThat(read.text("link")).as("S9: reads never show the link").isNull();
            assertThat(read.body().get("emailDelivery").get("status").asText()).isEqualTo("failed");
            assertThat(read.body().get("emailDelivery").get("error").asText()).isEqualTo(error);
            assertThat(api.get("/media/" + mediaId + "/invites?status=pending", ownerToken).body()).hasSize(1);

            List<JsonNode> events = emailEvents(id);
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.get("operationType").asText()).isEqualTo("ACTION");
                assertThat(e.get("resourcePath").asText()).isEqualTo("media-invites/invites/" + id + "/email");
                assertThat(e.get("details").get("invite_id").asText()).isEqualTo(id);
                assertThat(e.get("details").get("email_status").asText()).isEqualTo("failed");
                assertThat(e.get("details").get("email_error").asText()).isEqualTo(error);
                assertThat(e.toString()).doesNotContain("key=", "eyJ", "action-token");
            });
            if (server.database() != null) {
                try (var c = server.database().connect();
                        var s = c.prepareStatement("select EMAIL_STATUS, EMAIL_ERROR from MI_INVITE where ID = ?")) {
                    s.setString(1, id);
                    try (var rs = s.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("failed");
                        assertThat(rs.getString(2)).isEqualTo(error);
                    }
                }
            }
        });
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    // ---- availability (I8) -------------------------------------------------------------------

    @Test
    void emailIsAvailableOnlyWithSmtpAndThePolicyOn() throws Exception {
        assertThat(api.get("/capabilities", ownerToken).body().get("emailAvailable").asBoolean()).isTrue();

        fixtures.withRealmAttributes(Map.of("mediaInvites.inviteEmail", "false"), () -> {
            assertThat(api.get("/capabilities", appToken).body().get("emailAvailable").asBoolean()).isFalse();
            String email = Fixtures.unique("off") + "@invitee.example";
            Reply refused = api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, true));
            assertError(refused, 400, "email_not_available");
            assertThat(refused.text("field")).isEqualTo("sendEmail");
            assertThat(refused.text("error_description")).contains("policy");
            assertThat(fixtures.realm().users().searchByEmail(email, true)).isEmpty();
            // without e-mail the same invite is fine
            assertThat(api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, false)).status())
                    .isEqualTo(201);
        });

        withSmtp(new HashMap<>(), () -> {
            assertThat(api.get("/capabilities?mediaType=webcast", ownerToken).body().get("emailAvailable").asBoolean())
                    .isFalse();
            String email = Fixtures.unique("nosmtp") + "@invitee.example";
            Reply refused = api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, true));
            assertError(refused, 400, "email_not_available");
            assertThat(refused.text("error_description")).contains("SMTP");
            assertThat(fixtures.realm().users().searchByEmail(email, true)).isEmpty();
        });
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    // ---- resend ------------------------------------------------------------------------------

    @Test
    void resendMailsTheSameInviteAndRefusesARevokedOne() throws Exception {
        String email = Fixtures.unique("again") + "@invitee.example";
        Reply created = api.post("/media/" + mediaId + "/invites", ownerToken, speakerInvite(email, false));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("emailDelivery").get("status").asText()).isEqualTo("not_requested");
        String id = created.text("id");
        assertThat(smtp.getReceivedMessages()).isEmpty();

        Reply resent = api.post("/invites/" + id + "/email", ownerToken, null);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(resent.text("id")).isEqualTo(id);
        assertThat(resent.body().get("emailDelivery").get("status").asText()).isEqualTo("sent");
        MimeMessage message = onlyMessageTo(email);
        assertThat(resent.text("link")).as("S9: the resent link goes to the mailbox only").isNull();
        JsonNode before = claimsOf(created.text("link"));
        JsonNode after = claimsOf(linkLine(part(message, "text/plain")));
        assertThat(after.get("jti").asText()).isEqualTo(id);
        assertThat(after.get("exp").asLong()).isEqualTo(before.get("exp").asLong());
        assertThat(after.get("mi_gen").asInt()).as("same link generation: the issued link keeps working")
                .isEqualTo(before.get("mi_gen").asInt());
        assertThat(api.get("/invites/" + id, ownerToken).body().get("emailDelivery").get("status").asText())
                .isEqualTo("sent");
        assertThat(emailEvents(id)).singleElement().satisfies(e ->
                assertThat(e.get("details").get("resend").asText()).isEqualTo("true"));

        // the app's service account may resend too; a non-collaborator may not
        assertThat(api.post("/invites/" + id + "/email", appToken, null).status()).isEqualTo(200);
        String stranger = fixtures.user("stranger");
        assertError(api.post("/invites/" + id + "/email", api.passwordToken(stranger, stranger), null), 403,
                "forbidden");

        assertThat(api.post("/invites/" + id + "/revoke", ownerToken, null).status()).isEqualTo(200);
        smtp.purgeEmailFromAllMailboxes();
        Reply refused = api.post("/invites/" + id + "/email", ownerToken, null);
        assertError(refused, 409, "invite_not_redeemable");
        assertThat(refused.text("status")).isEqualTo("revoked");
        assertError(api.post("/invites/" + Fixtures.unique("none") + "/email", ownerToken, null), 404,
                "invite_not_found");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with the demo realm's SMTP set to {@code config}, then points it back at GreenMail. */
    private void withSmtp(Map<String, String> config, Body body) throws Exception {
        RealmResource realm = fixtures.realm();
        RealmRepresentation rep = realm.toRepresentation();
        rep.setSmtpServer(config);
        realm.update(rep);
        try {
            body.run();
        } finally {
            RealmRepresentation back = realm.toRepresentation();
            back.setSmtpServer(mail.config());
            realm.update(back);
        }
    }

    private static Map<String, Object> speakerInvite(String email, boolean sendEmail) {
        Map<String, Object> body = IssuanceIT.invite(email);
        body.put("role", "speaker");
        body.put("sendEmail", sendEmail);
        return body;
    }

    /** A user whose profile language is German; returns their e-mail. */
    private String germanUser() {
        String username = Fixtures.unique("deutsch");
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.com");
        user.setFirstName("Dora");
        user.setLastName("Deutsch");
        user.setEnabled(true);
        user.setEmailVerified(true);
        user.setAttributes(Map.of("locale", List.of("de")));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(username);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response response = fixtures.realm().users().create(user)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        UserRepresentation stored = fixtures.realm().users().search(username, true).get(0);
        assertThat(stored.getAttributes()).containsEntry("locale", List.of("de"));
        return username + "@example.com";
    }

    private static MimeMessage onlyMessageTo(String email) throws Exception {
        assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("a mail arrives").isTrue();
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(email))) {
                to.add(m);
            }
        }
        assertThat(to).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        return to.get(0);
    }

    /** The decoded text of the first part of the given type, searching nested multiparts. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            try (java.io.InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The line after "…this link:" / "…diesem Link:" in the text part. */
    private static String linkLine(String text) {
        String[] lines = text.split("\\r?\\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].endsWith("link:") || lines[i].endsWith("Link:")) {
                return lines[i + 1].trim();
            }
        }
        throw new AssertionError("no link line in: " + text);
    }

    private static String human(Instant instant, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(ZoneOffset.UTC)
                .format(instant) + ", " + DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(instant)
                + " UTC";
    }

    private static JsonNode claimsOf(String link) {
        return Api.claims(URLDecoder.decode(URI.create(link).getQuery().replaceFirst("^key=", ""),
                StandardCharsets.UTF_8));
    }

    /**
     * Admin events of the demo realm about this invite's e-mail (read with the master admin's token; the
     * admin-events endpoint cannot filter by our custom resource type, so it filters by path).
     */
    private List<JsonNode> emailEvents(String inviteId) throws IOException, InterruptedException {
        String token = server.admin().tokenManager().getAccessTokenString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/"
                        + KeycloakServer.DEMO_REALM + "/admin-events?operationTypes=ACTION&max=100&resourcePath=media-invites/invites/" + inviteId + "/email"))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode e : Api.JSON.readTree(response.body())) {
            if (e.path("resourcePath").asText().equals("media-invites/invites/" + inviteId + "/email")) {
                events.add(e);
            }
        }
        return events;
    }

    private static void assertError(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.error()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.text("error_description")).as(reply.toString()).isNotBlank();
    }
}
