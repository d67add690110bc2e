package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * R15: moving a device-bound link to a new browser with a one-time code mailed to the invited address (GreenMail),
 * at most {@code deviceMoves} times per invite, with the code limits of the confirmation step (S11).
 */
@KeycloakIT
class DeviceMoveIT {

    private static TestSmtp mail;
    private static GreenMail smtp;

    private KeycloakServer server;
    private Api api;
    private Fixtures fixtures;
    private String ownerToken;
    private String mediaId;

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
        this.server = server;
        api = new Api(server);
        fixtures = new Fixtures(server);
        String owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, api.serviceAccountToken(), IssuanceIT.media("video", owner, "owner")).status())
                .isEqualTo(201);
        smtp.purgeEmailFromAllMailboxes();
    }

    // ---- the attacker first -------------------------------------------------------------------------------------

    @Test
    void aMoveIsTakenOnlyFromThePageThatOfferedItAndItsCodeGoesOnlyToTheInvitedAddress() {
        multiUse(() -> {
            String email = Fixtures.unique("atk") + "@example.com";
            Reply invite = issue(email);
            WebSession phone = new WebSession();
            signIn(phone, invite);

            // the bound device itself: its landing page offers no move, and a move posted from it is refused
            Page landing = phone.get(invite.text("link"));
            assertThat(landing.status()).isEqualTo(200);
            assertThat(landing.body()).doesNotContain("media-invite-move-send");
            Page fromLanding = phone.postForm(RedemptionIT.action(landing),
                    Map.of("nonce", RedemptionIT.nonce(landing), "action", "move-send"));
            assertThat(fromLanding.status()).isEqualTo(400);
            assertThat(fromLanding.body()).contains("data-reason=\"device_move_not_offered\"");

            // a browser offered the move, with a forged form value: nothing is bound to it
            WebSession laptop = new WebSession();
            Page mismatch = laptop.get(invite.text("link"));
            String moveAction = moveSendAction(mismatch);
            Page forged = laptop.postForm(moveAction, Map.of("nonce", "forged-" + RedemptionIT.nonce(mismatch),
                    "action", "move-send"));
            assertThat(forged.status()).isEqualTo(400);
            assertThat(forged.body()).contains("data-reason=\"session_expired\"");

            // another invite's page in the same browser: that page offered no move
            Reply other = issue(Fixtures.unique("atk2") + "@example.com");
            Page otherLanding = laptop.get(other.text("link"));
            Page cross = laptop.postForm(RedemptionIT.action(otherLanding),
                    Map.of("nonce", RedemptionIT.nonce(otherLanding), "action", "move-send"));
            assertThat(cross.status()).isEqualTo(400);
            assertThat(cross.body()).contains("data-reason=\"device_move_not_offered\"");
            // a right-looking code posted without a code ever sent: asked to send one, nothing moved
            Page mismatchAgain = laptop.get(invite.text("link"));
            Page guessed = laptop.postForm(moveSendAction(mismatchAgain),
                    Map.of("nonce", RedemptionIT.nonce(mismatchAgain), "action", "move-code", "code", "123456"));
            assertThat(guessed.location()).isNull();
            assertThat(guessed.body()).contains("media-invite-move-send");
            assertThat(smtp.getReceivedMessages()).isEmpty();

            // the real offer mails the code to the invited address, and only there
            Page mismatch3 = laptop.get(invite.text("link"));
            Page enter = laptop.postForm(moveSendAction(mismatch3),
                    Map.of("nonce", RedemptionIT.nonce(mismatch3), "action", "move-send"));
            assertThat(enter.body()).contains("id=\"media-invite-move-code\"");
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage[] all = smtp.getReceivedMessages();
            assertThat(all).hasSize(1);
            assertThat(recipients(all[0])).containsExactly(email);
            assertThat(useCount(invite)).isEqualTo(1);
        });
    }

    @Test
    void theRightCodeMovesTheLinkAndTheOldDeviceLosesIt() {
        multiUse(() -> {
            String email = Fixtures.unique("move") + "@example.com";
            Reply invite = issue(email);
            WebSession phone = new WebSession();
            Reply phoneTokens = signIn(phone, invite);

            WebSession laptop = new WebSession();
            Page mismatch = laptop.get(invite.text("link"));
            assertThat(mismatch.status()).isEqualTo(403);
            assertThat(mismatch.body()).contains("data-reason=\"device_mismatch\"").contains("already opened on another device")
                    .contains("Use this device instead");
            Page enter = sendMoveCode(laptop, mismatch);
            String code = codeMailedTo(email, 1);
            Page end = laptop.follow(laptop.postForm(moveCodeAction(enter),
                    Map.of("nonce", RedemptionIT.nonce(enter), "action", "move-code", "code", code)), RedemptionIT.APP_URL);
            // the new browser is in, with the invite's grant; its mailbox was proven by the code
            JsonNode access = Api.claims(api.exchangeCode(RedemptionIT.codeFrom(end), RedemptionIT.APP_URL).text("access_token"));
            assertThat(access.get("media_access").get(mediaId).get("role").asText()).isEqualTo("viewer");
            assertThat(access.get("amr").toString()).isEqualTo("[\"invite\",\"otp\"]");
            assertThat(laptop.cookies()).containsKey("__Host-MEDIA_INVITE_DEVICE");
            // the old device's use went with the binding: the move spent none
            assertThat(useCount(invite)).isEqualTo(1);

            // the old device lost it: its invite session ended, and its next open is a mismatch without a move left
            assertThat(api.refresh(phoneTokens.text("refresh_token")).status()).isEqualTo(400);
            Page old = phone.get(invite.text("link"));
            assertThat(old.status()).isEqualTo(403);
            assertThat(old.body()).contains("data-reason=\"device_mismatch\"")
                    .contains("moved to a new device as often as allowed")
                    .contains("ask the person who invited you for a new link")
                    .doesNotContain("media-invite-move-send");
            // the new one comes back as the bound device
            Page again = laptop.get(invite.text("link"));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).contains("id=\"media-invite-form\"");

            // O10 and the event with our reason codes
            List<String> kinds = kinds(invite);
            assertThat(kinds.stream().filter(k -> k.startsWith("device_moved:")).count()).isEqualTo(1);
            assertThat(kinds).contains("refused:device_mismatch");
            RealmResource realm = server.admin().realm(KeycloakServer.DEMO_REALM);
            List<EventRepresentation> moved = realm.getEvents(List.of("EXECUTE_ACTION_TOKEN"), null, null, null, null,
                    null, 0, 500);
            assertThat(moved).anySatisfy(e -> assertThat(e.getDetails()).containsEntry("outcome", "device_moved")
                    .containsEntry("invite_id", invite.text("id")).containsEntry("device_moves", "1"));
        });
    }

    @Test
    void aSingleUseLinkSpentOnTheOldDeviceMovesWithItsUse() {
        // default policy: single use, device binding, one move
        String email = Fixtures.unique("single") + "@example.com";
        Reply invite = api.post("/media/" + mediaId + "/invites", ownerToken, IssuanceIT.invite(email));
        assertThat(invite.status()).isEqualTo(201);
        WebSession phone = new WebSession();
        Reply phoneTokens = signIn(phone, invite);
        assertThat(useCount(invite)).isEqualTo(1);

        // the spent link on another browser is in use on another device, with the move (not a dead "used up")
        WebSession laptop = new WebSession();
        Page mismatch = laptop.get(invite.text("link"));
        assertThat(mismatch.status()).isEqualTo(403);
        assertThat(mismatch.body()).contains("data-reason=\"device_mismatch\"").contains("Use this device instead");
        Page enter = sendMoveCode(laptop, mismatch);
        String code = codeMailedTo(email, 1);
        Page end = laptop.follow(laptop.postForm(moveCodeAction(enter),
                Map.of("nonce", RedemptionIT.nonce(enter), "action", "move-code", "code", code)), RedemptionIT.APP_URL);
        Reply tokens = api.exchangeCode(RedemptionIT.codeFrom(end), RedemptionIT.APP_URL);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(Api.claims(tokens.text("access_token")).get("media_access").get(mediaId).get("role").asText())
                .isEqualTo("viewer");
        // still one use, one live session: the phone's ended
        assertThat(useCount(invite)).isEqualTo(1);
        assertThat(api.refresh(phoneTokens.text("refresh_token")).status()).isEqualTo(400);
        assertThat(api.refresh(tokens.text("refresh_token")).status()).isEqualTo(200);
        // the phone (no move left) and the laptop (the bound device) both find the single use spent
        Page old = phone.get(invite.text("link"));
        assertThat(old.body()).contains("This invite link has already been used").doesNotContain("media-invite-move-send");
        Page again = laptop.get(invite.text("link"));
        assertThat(again.body()).contains("This invite link has already been used");
        // with moving off, a spent single-use link is used up for every other browser, as before
        Reply other = api.post("/media/" + mediaId + "/invites", ownerToken,
                IssuanceIT.invite(Fixtures.unique("nomove") + "@example.com"));
        signIn(new WebSession(), other);
        fixtures.withRealmAttributes(Map.of("mediaInvites.deviceMoves", "0"),
                () -> assertThat(new WebSession().get(other.text("link")).body())
                        .contains("This invite link has already been used").doesNotContain("media-invite-move-send"));
    }

    @Test
    void aWrongCodeSaysSoAndCountsAgainstTheInvitesCodeLimit() {
        multiUse(() -> {
            String email = Fixtures.unique("wrong") + "@example.com";
            Reply invite = issue(email);
            signIn(new WebSession(), invite);

            WebSession laptop = new WebSession();
            Page page = sendMoveCode(laptop, laptop.get(invite.text("link")));
            String code = codeMailedTo(email, 1);
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int left = 4; left >= 1; left--) {
                page = laptop.postForm(moveCodeAction(page),
                        Map.of("nonce", RedemptionIT.nonce(page), "action", "move-code", "code", wrong));
                assertThat(page.body()).contains("That code is not right. Attempts left: " + left);
            }
            page = laptop.postForm(moveCodeAction(page),
                    Map.of("nonce", RedemptionIT.nonce(page), "action", "move-code", "code", wrong));
            assertThat(page.body()).contains("Too many wrong codes").contains("media-invite-move-send");
            assertThat(kinds(invite).stream().filter("refused:device_move_code_invalid"::equals).count()).isEqualTo(5);

            // S11: wrong entries of moves count with every other wrong code of the invite: the 10th locks it
            WebSession tablet = new WebSession();
            Page other = sendMoveCode(tablet, tablet.get(invite.text("link")));
            codeMailedTo(email, 2);
            for (int n = 0; n < 4; n++) {
                other = tablet.postForm(moveCodeAction(other),
                        Map.of("nonce", RedemptionIT.nonce(other), "action", "move-code", "code", wrong));
                assertThat(other.body()).contains("That code is not right");
            }
            Page locked = tablet.postForm(moveCodeAction(other),
                    Map.of("nonce", RedemptionIT.nonce(other), "action", "move-code", "code", wrong));
            assertThat(locked.status()).isEqualTo(403);
            assertThat(locked.body()).contains("is locked");
            assertThat(api.get("/invites/" + invite.text("id"), ownerToken).text("status")).isEqualTo("locked");
            assertThat(useCount(invite)).isEqualTo(1);
        });
    }

    @Test
    void parallelMovesFromTwoBrowsersMoveItOnceAndTheLimitRefusesTheSecond() {
        multiUse(() -> {
            String email = Fixtures.unique("race") + "@example.com";
            Reply invite = issue(email);
            signIn(new WebSession(), invite);
            WebSession a = new WebSession();
            WebSession b = new WebSession();
            Page enterA = sendMoveCode(a, a.get(invite.text("link")));
            String codeA = codeMailedTo(email, 1);
            Page enterB = sendMoveCode(b, b.get(invite.text("link")));
            String codeB = codeMailedTo(email, 2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Page> ends = new ArrayList<>();
            try {
                List<Future<Page>> runs = new ArrayList<>();
                runs.add(pool.submit(post(a, enterA, codeA)));
                runs.add(pool.submit(post(b, enterB, codeB)));
                for (Future<Page> run : runs) {
                    ends.add(run.get());
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                pool.shutdownNow();
            }
            long moved = ends.stream().filter(p -> p.status() == 302 && p.location().startsWith(RedemptionIT.APP_URL)).count();
            assertThat(moved).as(ends.toString()).isEqualTo(1);
            Page loser = ends.stream().filter(p -> p.status() != 302).findFirst().orElseThrow();
            assertThat(loser.status()).isEqualTo(403);
            assertThat(loser.body()).contains("data-reason=\"device_moves_exceeded\"");
            assertThat(kinds(invite).stream().filter(k -> k.startsWith("device_moved:")).count()).isEqualTo(1);
            assertThat(useCount(invite)).isEqualTo(1);

            // the limit reached (deviceMoves 1): a third browser sees no button
            Page third = new WebSession().get(invite.text("link"));
            assertThat(third.body()).contains("moved to a new device as often as allowed").doesNotContain("media-invite-move-send");
        });
    }

    @Test
    void movesOffShowNoButtonAndRefuseTheMove() {
        multiUse(() -> {
            Reply invite = issue(Fixtures.unique("off") + "@example.com");
            signIn(new WebSession(), invite);
            WebSession laptop = new WebSession();
            Page offered = laptop.get(invite.text("link"));
            moveSendAction(offered);
            fixtures.withRealmAttributes(Map.of("mediaInvites.deviceMoves", "0"), () -> {
                Page off = new WebSession().get(invite.text("link"));
                assertThat(off.status()).isEqualTo(403);
                assertThat(off.body()).contains("data-reason=\"device_mismatch\"")
                        .contains("ask the person who invited you for a new link").doesNotContain("media-invite-move-send");
                // the page shown before the change: its move is refused now, nothing is mailed
                Page refused = laptop.postForm(moveSendAction(offered),
                        Map.of("nonce", RedemptionIT.nonce(offered), "action", "move-send"));
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.body()).contains("data-reason=\"device_move_disabled\"");
            });
            assertThat(smtp.getReceivedMessages()).isEmpty();
        });
    }

    @Test
    void withoutSmtpThePageSaysToAskForANewLinkWithoutAButton() {
        multiUse(() -> {
            Reply invite = issue(Fixtures.unique("nosmtp") + "@example.com");
            signIn(new WebSession(), invite);
            RealmResource realm = server.admin().realm(KeycloakServer.DEMO_REALM);
            RealmRepresentation rep = realm.toRepresentation();
            Map<String, String> saved = new HashMap<>(rep.getSmtpServer());
            rep.setSmtpServer(new HashMap<>());
            realm.update(rep);
            try {
                Page page = new WebSession().get(invite.text("link"));
                assertThat(page.status()).isEqualTo(403);
                assertThat(page.body()).contains("already opened on another device")
                        .contains("ask the person who invited you for a new link").doesNotContain("media-invite-move-send");
            } finally {
                RealmRepresentation back = realm.toRepresentation();
                back.setSmtpServer(saved);
                realm.update(back);
            }
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void multiUse(Runnable body) {
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "5"), body);
    }

    private Reply issue(String email) {
        Map<String, Object> body = new HashMap<>(IssuanceIT.invite(email));
        body.put("useLimit", 5);
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    /** The first device: redeems and gets its tokens. */
    private Reply signIn(WebSession browser, Reply invite) {
        Page end = browser.follow(RedemptionIT.redeem(browser, browser.get(invite.text("link"))), RedemptionIT.APP_URL);
        return api.exchangeCode(RedemptionIT.codeFrom(end), RedemptionIT.APP_URL);
    }

    private static String moveSendAction(Page mismatch) {
        String action = mismatch.find("id=\"media-invite-move-send\" action=\"([^\"]+)\"");
        assertThat(action).as(mismatch.body()).isNotNull();
        return action;
    }

    private static String moveCodeAction(Page enter) {
        String action = enter.find("id=\"media-invite-move-code\" action=\"([^\"]+)\"");
        assertThat(action).as(enter.body()).isNotNull();
        return action;
    }

    private static Page sendMoveCode(WebSession browser, Page mismatch) {
        assertThat(mismatch.status()).isEqualTo(403);
        Page enter = browser.postForm(moveSendAction(mismatch),
                Map.of("nonce", RedemptionIT.nonce(mismatch), "action", "move-send"));
        assertThat(enter.body()).as(enter.body()).contains("id=\"media-invite-move-code\"");
        return enter;
    }

    private static Callable<Page> post(WebSession browser, Page enter, String code) {
        return () -> browser.follow(browser.postForm(moveCodeAction(enter),
                Map.of("nonce", RedemptionIT.nonce(enter), "action", "move-code", "code", code)), RedemptionIT.APP_URL);
    }

    /** The code of the {@code n}th mail to {@code email}. */
    private static String codeMailedTo(String email, int n) {
        assertThat(smtp.waitForIncomingEmail(10_000, n)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessagesForDomain(email);
        assertThat(mails).hasSize(n);
        String text = GreenMailUtil.getBody(mails[n - 1]);
        Matcher m = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            for (Address a : message.getRecipients(Message.RecipientType.TO)) {
                to.add(a.toString());
            }
            Address[] cc = message.getRecipients(Message.RecipientType.CC);
            Address[] bcc = message.getRecipients(Message.RecipientType.BCC);
            assertThat(cc).isNull();
            assertThat(bcc).isNull();
            return to;
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private int useCount(Reply invite) {
        return api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt();
    }

    private List<String> kinds(Reply invite) {
        JsonNode activity = api.get("/invites/" + invite.text("id") + "/activity", ownerToken).body();
        List<String> kinds = new ArrayList<>();
        activity.get("entries").forEach(e -> kinds.add(e.get("kind").asText() + ":" + e.path("reason").asText()));
        return kinds;
    }
}
