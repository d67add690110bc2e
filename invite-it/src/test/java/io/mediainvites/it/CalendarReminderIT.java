package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSmtp;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R13: "Add to calendar" (a GET that changes nothing, for the link's holder only) and the reminder e-mail. */
@KeycloakIT
class CalendarReminderIT {

    private static TestSmtp mail;
    private static GreenMail smtp;

    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String owner;
    private String ownerToken;

    @BeforeAll
    static void startSmtp(KeycloakServer server) {
        mail = TestSmtp.startFor(server);
        smtp = mail.server();
    }

    @AfterAll
    static void stopSmtp() {
        mail.close();
    }

    @BeforeEach
    void setUp(KeycloakServer server) throws Exception {
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void theCountdownOffersTheCalendarEntryOfItsLinkAndTheDownloadChangesNothing() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(Duration.ofMinutes(90));
        String live = register("webcast", start, end);
        Reply invite = issue(live, Fixtures.unique("cal") + "@example.com");
        WebSession browser = new WebSession();
        Page countdown = browser.get(invite.text("link"));
        String href = countdown.find("id=\"media-invite-calendar\" href=\"([^\"]+)\"");
        assertThat(countdown.body()).contains(">Add to calendar<");

        Page ics = browser.get(href);
        assertThat(ics.status()).isEqualTo(200);
        assertThat(ics.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        assertThat(ics.raw().headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".ics");
        VEvent event = parse(ics.body());
        assertThat(event.getSummary().getValue()).isEqualTo("Feathered Friends Trivia");
        assertThat(Instant.from((Temporal) event.getStartDate().orElseThrow().getDate())).isEqualTo(start);
        assertThat(Instant.from((Temporal) event.getEndDate().orElseThrow().getDate())).isEqualTo(end);
        assertThat(event.getProperty(Property.URL).map(Property::getValue)).hasValue(invite.text("link"));
        assertThat(event.getDescription().getValue()).contains(invite.text("link"));
        Property organizer = event.getProperty(Property.ORGANIZER).orElseThrow();
        assertThat(organizer.getValue()).isEqualTo("mailto:invites@media.example");
        assertThat(organizer.getParameter("CN").map(p -> ((net.fortuna.ical4j.model.Parameter) p).getValue()))
                .hasValue("First owner Last owner");
        // twice, from anywhere with the link: nothing is used
        assertThat(new WebSession().get(href).status()).isEqualTo(200);
        assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();
        assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void aForgedRevokedOrOnDemandLinkGetsNoCalendarEntry() {
        String live = register("webcast", Instant.now().plus(Duration.ofDays(1)), null);
        Reply invite = issue(live, Fixtures.unique("calx") + "@example.com");
        String href = new WebSession().get(invite.text("link")).find("id=\"media-invite-calendar\" href=\"([^\"]+)\"");

        Page forged = new WebSession().get(href.substring(0, href.length() - 4) + "AAAA");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("\"error\":\"invalid_token\"").contains("error_description");
        assertThat(new WebSession().get(href.replaceAll("key=.*", "key=")).status()).isEqualTo(400);

        assertThat(api.post("/invites/" + invite.text("id") + "/revoke", ownerToken, Map.of()).status()).isIn(200, 204);
        Page revoked = new WebSession().get(href);
        assertThat(revoked.status()).isBetween(400, 499);
        assertThat(revoked.body()).doesNotContain("BEGIN:VCALENDAR");

        Reply video = issue(register("video", null, null), Fixtures.unique("calv") + "@example.com");
        Page landing = new WebSession().get(video.text("link"));
        assertThat(landing.body()).doesNotContain("media-invite-calendar");
        String key = video.text("link").substring(video.text("link").indexOf("key=") + 4);
        Page none = new WebSession().get(href.replaceAll("key=.*", "key=" + key));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body()).contains("\"error\":\"not_live\"");
    }

    @Test
    void oneReminderGoesOutBeforeTheStartOnlyForInvitesThatCanStillBeRedeemed() {
        fixtures.withRealmAttributes(Map.of("mediaInvites.reminderMinutes", "1"), () -> {
            Instant start = Instant.now().plusSeconds(95);
            String soon = register("webcast", start, start.plusSeconds(3600));
            String later = register("webcast", Instant.now().plus(Duration.ofHours(3)), null);
            String due = Fixtures.unique("due") + "@example.com";
            String withdrawn = Fixtures.unique("wd") + "@example.com";
            String notYet = Fixtures.unique("later") + "@example.com";
            issue(soon, due);
            Reply revoked = issue(soon, withdrawn);
            assertThat(api.post("/invites/" + revoked.text("id") + "/revoke", ownerToken, Map.of()).status()).isIn(200, 204);
            issue(later, notYet);

            // due 60 s before the start; the job runs every 15 s
            long deadline = System.currentTimeMillis() + 90_000;
            while (mailsTo(due).isEmpty() && System.currentTimeMillis() < deadline) {
                Fixtures.sleep(1000);
            }
            List<MimeMessage> reminders = mailsTo(due);
            assertThat(reminders).as("reminder to the invitee").hasSize(1);
            assertThat(Instant.now()).isBefore(start);
            try {
                assertThat(reminders.get(0).getSubject()).isEqualTo("Reminder: \"Feathered Friends Trivia\" starts soon");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
            assertThat(GreenMailUtil.getBody(reminders.get(0))).contains("starts soon").contains("UTC")
                    .contains("link from your invite e-mail");
            // a further run sends nothing more, and the withdrawn and later invites got none
            Fixtures.sleep(35_000);
            assertThat(mailsTo(due)).hasSize(1);
            assertThat(mailsTo(withdrawn)).isEmpty();
            assertThat(mailsTo(notYet)).isEmpty();
        });
    }

    private static VEvent parse(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.getComponents(VEvent.VEVENT)).hasSize(1);
        return (VEvent) calendar.getComponents(VEvent.VEVENT).get(0);
    }

    private List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    found.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private String register(String type, Instant start, Instant end) {
        String id = Fixtures.unique(type);
        Map<String, Object> media = IssuanceIT.media(type, owner, "owner");
        if (start != null) {
            media.put("startsAt", start.toString());
        }
        if (end != null) {
            media.put("endsAt", end.toString());
        }
        assertThat(api.put("/media/" + id, appToken, media).status()).isEqualTo(201);
        return id;
    }

    private Reply issue(String media, String email) {
        Reply reply = api.post("/media/" + media + "/invites", ownerToken, IssuanceIT.invite(email));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }
}
