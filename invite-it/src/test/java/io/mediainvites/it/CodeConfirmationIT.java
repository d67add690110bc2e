package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSmtp;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Confirmation mode "code" (R4): a one-time code mailed through a real SMTP server (GreenMail). */
@KeycloakIT
class CodeConfirmationIT {

    private static TestSmtp mail;
    private static GreenMail smtp;

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
        api = new Api(server);
        fixtures = new Fixtures(server);
        String owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, api.serviceAccountToken(), IssuanceIT.media("video", owner, "owner")).status())
                .isEqualTo(201);
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void theMailedCodeLetsTheInviteeIn() {
        inCodeMode(() -> {
            String email = Fixtures.unique("code") + "@example.com";
            Reply invite = issue(email);
            WebSession browser = new WebSession();
            Page landing = browser.get(invite.text("link"));
            assertThat(landing.body()).contains("id=\"media-invite-send-code\"").doesNotContain("id=\"media-invite-form\"");

            Page enter = sendCode(browser, landing);
            assertThat(enter.body()).contains("name=\"code\"");
            String code = codeMailedTo(email);
            assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();

            Page end = browser.follow(browser.postForm(RedemptionIT.action(enter),
                    Map.of("nonce", RedemptionIT.nonce(enter), "code", code)), RedemptionIT.APP_URL);
            assertThat(RedemptionIT.codeFrom(end)).isNotBlank();
            assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isEqualTo(1);
        });
    }

    @Test
    void aCodeProvenInviteSessionSaysSoInItsTokens() {
        inCodeMode(() -> {
            String email = Fixtures.unique("otp") + "@example.com";
            WebSession browser = new WebSession();
            Page enter = sendCode(browser, browser.get(issue(email).text("link")));
            Page end = browser.follow(browser.postForm(RedemptionIT.action(enter),
                    Map.of("nonce", RedemptionIT.nonce(enter), "code", codeMailedTo(email))), RedemptionIT.APP_URL);
            JsonNode access = Api.claims(api.exchangeCode(RedemptionIT.codeFrom(end), RedemptionIT.APP_URL).text("access_token"));
            assertThat(access.get("amr").toString()).isEqualTo("[\"invite\",\"otp\"]");
            assertThat(access.get("acr").asText()).isEqualTo("0");
        });
    }

    @Test
    void anExistingAccountEntersByAMailedCodeOnlyWhereThePolicySaysSo() {
        String alice = fixtures.user("alice");
        String email = alice + "@example.com";
        Reply invite = issue(email);
        // default (sign-in): no code is offered, the account signs in itself
        assertThat(new WebSession().get(invite.text("link")).body()).contains("Sign in to accept")
                .doesNotContain("media-invite-send-code");
        fixtures.withRealmAttributes(Map.of("mediaInvites.existingAccounts", "code"), () -> {
            WebSession browser = new WebSession();
            Page landing = browser.get(invite.text("link"));
            assertThat(landing.body()).doesNotContain("Sign in to accept");
            Page enter = sendCode(browser, landing);
            Page end = browser.follow(browser.postForm(RedemptionIT.action(enter),
                    Map.of("nonce", RedemptionIT.nonce(enter), "code", codeMailedTo(email))), RedemptionIT.APP_URL);
            JsonNode access = Api.claims(api.exchangeCode(RedemptionIT.codeFrom(end), RedemptionIT.APP_URL).text("access_token"));
            assertThat(access.get("preferred_username").asText()).isEqualTo(alice);
            assertThat(access.get("media_access").get(mediaId).get("role").asText()).isEqualTo("viewer");
            // entered by a code, not by its own sign-in: a contained invite session
            assertThat(access.get("amr").toString()).isEqualTo("[\"invite\",\"otp\"]");
            assertThat(access.get("acr").asText()).isEqualTo("0");
            Page action = browser.follow(browser.get(end.uri().resolve("/realms/media/protocol/openid-connect/auth"
                    + "?client_id=media-app&response_type=code&scope=openid&kc_action=UPDATE_PASSWORD&redirect_uri="
                    + java.net.URLEncoder.encode(RedemptionIT.APP_URL, java.nio.charset.StandardCharsets.UTF_8)).toString()),
                    RedemptionIT.APP_URL);
            assertThat(action.status()).isEqualTo(403);
            assertThat(action.body()).contains("data-reason=\"invite_session_limited\"");
        });
    }

    @Test
    void wrongCodesAreLimitedAndNothingIsUsed() {
        inCodeMode(() -> {
            String email = Fixtures.unique("wrong") + "@example.com";
            Reply invite = issue(email);
            WebSession browser = new WebSession();
            Page page = sendCode(browser, browser.get(invite.text("link")));
            String code = codeMailedTo(email);
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int left = 4; left >= 1; left--) {
                page = browser.postForm(RedemptionIT.action(page), Map.of("nonce", RedemptionIT.nonce(page), "code", wrong));
                assertThat(page.body()).contains("That code is not right. Attempts left: " + left);
            }
            page = browser.postForm(RedemptionIT.action(page), Map.of("nonce", RedemptionIT.nonce(page), "code", wrong));
            assertThat(page.body()).contains("Too many wrong codes");
            // the right code no longer helps: a new one must be requested
            Page after = browser.postForm(page.find("id=\"media-invite-send-code\" action=\"([^\"]+)\""),
                    Map.of("nonce", RedemptionIT.nonce(page), "code", code));
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.location()).isNull();
            assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();
        });
    }

    @Test
    void newCodesAreRateLimited() {
        inCodeMode(() -> {
            String email = Fixtures.unique("rate") + "@example.com";
            WebSession browser = new WebSession();
            Page enter = sendCode(browser, browser.get(issue(email).text("link")));
            codeMailedTo(email);
            Page again = browser.postForm(enter.find("id=\"media-invite-resend-code\" action=\"([^\"]+)\""),
                    Map.of("nonce", RedemptionIT.nonce(enter), "action", "send-code"));
            assertThat(again.body()).contains("A code was sent moments ago");
            assertThat(smtp.getReceivedMessagesForDomain(email)).hasSize(1);
        });
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        inCodeMode(() -> {
            String email = Fixtures.unique("late") + "@example.com";
            Reply invite = issue(email);
            WebSession browser = new WebSession();
            Page enter = sendCode(browser, browser.get(invite.text("link")));
            String code = codeMailedTo(email);
            Fixtures.sleep((DistributionServer.CODE_LIFETIME_SECONDS + 1) * 1000L);
            Page late = browser.postForm(RedemptionIT.action(enter), Map.of("nonce", RedemptionIT.nonce(enter), "code", code));
            assertThat(late.body()).contains("That code has expired");
            assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();
        });
    }

    private void inCodeMode(Runnable body) {
        fixtures.withRealmAttributes(Map.of("mediaInvites.confirmation", "code"), body);
    }

    private Reply issue(String email) {
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, IssuanceIT.invite(email));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private static Page sendCode(WebSession browser, Page landing) {
        String action = landing.find("id=\"media-invite-send-code\" action=\"([^\"]+)\"");
        assertThat(action).as(landing.body()).isNotNull();
        return browser.postForm(action, Map.of("nonce", RedemptionIT.nonce(landing), "action", "send-code"));
    }

    private static String codeMailedTo(String email) {
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessagesForDomain(email);
        assertThat(mails).hasSize(1);
        String text = GreenMailUtil.getBody(mails[mails.length - 1]);
        Matcher m = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }
}
