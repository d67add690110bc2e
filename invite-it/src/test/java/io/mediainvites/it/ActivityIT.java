package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSmtp;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * O10: the inviter sees what happened to an invite — link opened (count, first, last), redeemed (new device or
 * not), refused (when, why), revoked, e-mail — newest first and bounded; opening never uses the link; only those who
 * may read the invite see it, and never its link.
 */
@KeycloakIT
class ActivityIT {

    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String ownerToken;
    private String mediaId;

    @BeforeEach
    void setUp(KeycloakServer server) {
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        String owner = fixtures.user("act-owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    @Test
    void opensAreCountedRedemptionAndRefusalsRecordedNewestFirst() {
        Reply invite = issue(Map.of());
        String id = invite.text("id");
        String link = invite.text("link");
        JsonNode fresh = activity(id);
        assertThat(fresh.get("opened").get("count").asInt()).isZero();
        assertThat(fresh.get("entries")).isEmpty();

        // a mail scanner's prefetch and the invitee's own view: two opens, nothing used (R1)
        new WebSession().get(link);
        WebSession browser = new WebSession();
        Page landing = browser.get(link);
        JsonNode opened = activity(id);
        assertThat(opened.get("opened").get("count").asInt()).isEqualTo(2);
        assertThat(opened.get("opened").get("first").asText()).isNotBlank();
        assertThat(opened.get("opened").get("note").asText()).contains("scanners");
        assertThat(api.get("/invites/" + id, ownerToken).body().get("useCount").asInt()).isZero();

        RedemptionIT.codeFrom(browser.follow(RedemptionIT.redeem(browser, landing), RedemptionIT.APP_URL));
        // someone else with the used-up link
        Page refused = new WebSession().get(link);
        assertThat(refused.status()).isEqualTo(400);

        JsonNode after = activity(id);
        List<String> kinds = kinds(after);
        assertThat(kinds).containsExactly("refused", "redeemed");
        JsonNode refusal = after.get("entries").get(0);
        assertThat(refusal.get("reason").asText()).isEqualTo("used_up");
        assertThat(refusal.get("at").asText()).isNotBlank();
        JsonNode redeemed = after.get("entries").get(1);
        assertThat(redeemed.get("newDevice").asBoolean()).isTrue();
        assertThat(after.get("opened").get("count").asInt()).isEqualTo(2); // a refused view is a refusal, not an open

        // the list and the read carry the summary
        JsonNode item = findInList(id);
        assertThat(item.get("openedCount").asInt()).isEqualTo(2);
        assertThat(item.get("lastOpenedAt").asText()).isEqualTo(opened.get("opened").get("last").asText());
        assertThat(item.get("lastRefusal").get("reason").asText()).isEqualTo("used_up");
        assertThat(api.get("/invites/" + id, ownerToken).body().get("lastRefusal").get("reason").asText())
                .isEqualTo("used_up");

        assertThat(api.post("/invites/" + id + "/revoke", ownerToken, null).status()).isEqualTo(200);
        JsonNode revoked = activity(id);
        assertThat(kinds(revoked)).containsExactly("revoked", "refused", "redeemed");
        assertThat(revoked.get("entries").get(0).get("reason").asText()).isEqualTo("revoked");
        assertThat(revoked.toString()).doesNotContain("key=").doesNotContain(link);
    }

    @Test
    void aSecondBrowserIsADeviceMismatchAndAReturningOneIsAKnownDevice() {
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "3"), this::twoDevices);
    }

    private void twoDevices() {
        Reply invite = issue(Map.of("useLimit", 3));
        String id = invite.text("id");
        WebSession phone = new WebSession();
        RedemptionIT.codeFrom(phone.follow(RedemptionIT.redeem(phone, phone.get(invite.text("link"))), RedemptionIT.APP_URL));
        WebSession other = new WebSession();
        assertThat(other.get(invite.text("link")).status()).isBetween(400, 403);
        RedemptionIT.codeFrom(phone.follow(RedemptionIT.redeem(phone, phone.get(invite.text("link"))), RedemptionIT.APP_URL));

        JsonNode entries = activity(id).get("entries");
        assertThat(kinds(activity(id))).containsExactly("redeemed", "refused", "redeemed");
        assertThat(entries.get(0).get("newDevice").asBoolean()).isFalse();
        assertThat(entries.get(1).get("reason").asText()).isEqualTo("device_mismatch");
        assertThat(entries.get(2).get("newDevice").asBoolean()).isTrue();
    }

    @Test
    void aLinkHolderCannotGrowTheActivityWithoutBound() {
        Reply invite = issue(Map.of());
        String id = invite.text("id");
        WebSession browser = new WebSession();
        RedemptionIT.codeFrom(browser.follow(RedemptionIT.redeem(browser, browser.get(invite.text("link"))),
                RedemptionIT.APP_URL));
        WebSession attacker = new WebSession();
        for (int i = 0; i < 105; i++) {
            assertThat(attacker.get(invite.text("link")).status()).isBetween(400, 403); // used up, on another device
        }
        JsonNode entries = activity(id).get("entries");
        assertThat(entries).hasSize(100);
        entries.forEach(e -> assertThat(e.get("kind").asText()).isEqualTo("refused"));
    }

    @Test
    void onlyThoseWhoMayReadTheInviteSeeItsActivity() {
        String id = issue(Map.of()).text("id");
        String stranger = fixtures.user("act-stranger");
        Reply forbidden = api.get("/invites/" + id + "/activity", api.passwordToken(stranger, stranger));
        assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
        assertThat(forbidden.error()).isEqualTo("forbidden");
        Reply unknown = api.get("/invites/00000000-0000-0000-0000-000000000000/activity", ownerToken);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.get("/invites/" + id + "/activity", null).status()).isEqualTo(401);
        // the app's service account reads it like the invite
        assertThat(api.get("/invites/" + id + "/activity", appToken).status()).isEqualTo(200);
    }

    @Test
    void mailsSentAndFailedAreInTheActivityWithTheirErrorCode(KeycloakServer server) throws Exception {
        try (TestSmtp smtp = TestSmtp.startFor(server)) {
            String id = issue(Map.of("sendEmail", true)).text("id");
            int closed = MetricsIT.closedPort();
            MetricsIT.withSmtp(fixtures, TestSmtp.config(closed), () -> {
                Reply failed = api.post("/invites/" + id + "/email", ownerToken, null);
                assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
            });
            JsonNode entries = activity(id).get("entries");
            assertThat(kinds(activity(id))).containsExactly("email_failed", "email_sent");
            assertThat(entries.get(0).get("reason").asText()).isEqualTo("smtp_unreachable");
            assertThat(entries.get(1).hasNonNull("reason")).isFalse();
        }
    }

    private Reply issue(Map<String, Object> extra) {
        Map<String, Object> body = IssuanceIT.invite(Fixtures.unique("act") + "@example.com");
        body.putAll(extra);
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private JsonNode activity(String id) {
        Reply reply = api.get("/invites/" + id + "/activity", ownerToken);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.body();
    }

    private JsonNode findInList(String id) {
        Reply list = api.get("/media/" + mediaId + "/invites", ownerToken);
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode item : list.body()) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("invite " + id + " not listed: " + list);
    }

    private static List<String> kinds(JsonNode activity) {
        List<String> kinds = new ArrayList<>();
        activity.get("entries").forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }
}
