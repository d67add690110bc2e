package io.mediainvites.it;

import static io.mediainvites.it.RedemptionIT.APP_URL;
import static io.mediainvites.it.RedemptionIT.codeFrom;
import static io.mediainvites.it.RedemptionIT.redeem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.WebSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * O3 (issue 14 item 3): with a retention of 0 days, the cleanup (every few seconds in the test servers) removes
 * ended invites with their session rows, and the guest accounts of invites that never redeemed and have no other
 * invite; pending invites, redeemed guests, guests with another invite and real accounts stay.
 */
@KeycloakIT
class CleanupIT {

    private KeycloakServer server;
    private Api api;
    private Fixtures fixtures;
    private String ownerToken;
    private String mediaId;
    private String otherMedia;

    @BeforeEach
    void setUp(KeycloakServer server) {
        this.server = server;
        api = new Api(server);
        fixtures = new Fixtures(server);
        String appToken = api.serviceAccountToken();
        String owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
        otherMedia = Fixtures.unique("video");
        assertThat(api.put("/media/" + otherMedia, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    @Test
    void endedInvitesAndNeverRedeemedGuestsAreRemovedAfterTheRetention() {
        String revokedGuest = Fixtures.unique("gone") + "@example.com";
        String redeemedGuest = Fixtures.unique("came") + "@example.com";
        String twiceInvited = Fixtures.unique("twice") + "@example.com";
        String pendingGuest = Fixtures.unique("wait") + "@example.com";
        String member = fixtures.user("member");
        Reply revoked = issue(revokedGuest, Map.of());
        Reply used = issue(redeemedGuest, Map.of());
        Reply twiceRevoked = issue(twiceInvited, Map.of());
        Reply twicePending = issueFor(otherMedia, twiceInvited);
        Reply pending = issue(pendingGuest, Map.of());
        RealmResource realm = fixtures.realm();
        String memberEmail = realm.users().search(member, true).get(0).getEmail();
        Reply memberInvite = issue(memberEmail, Map.of());
        for (Reply r : List.of(revoked, twiceRevoked, memberInvite)) {
            assertThat(api.post("/invites/" + r.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        }
        WebSession browser = new WebSession();
        String code = codeFrom(browser.follow(redeem(browser, browser.get(used.text("link"))), APP_URL));
        Reply tokens = api.exchangeCode(code, APP_URL);
        assertThat(tokens.status()).isEqualTo(200);
        // the redeemed invite has activity (an open, a redemption) that must go with it
        assertThat(api.get("/invites/" + used.text("id") + "/activity", ownerToken).body().get("entries")).isNotEmpty();
        String revokedGuestId = userId(revokedGuest);
        assertThat(revokedGuestId).isNotNull();
        Instant start = Instant.now();

        fixtures.withRealmAttributes(Map.of("mediaInvites.retentionDays", "0"), () -> {
            // the used-up invite ended at its use; the revoked ones at revocation; retention 0 removes them next run
            waitUntil(() -> api.get("/invites/" + revoked.text("id"), ownerToken).status() == 404
                    && api.get("/invites/" + used.text("id"), ownerToken).status() == 404
                    && userId(revokedGuest) == null, Duration.ofSeconds(60));
        });

        assertThat(api.get("/invites/" + twiceRevoked.text("id"), ownerToken).status()).isEqualTo(404);
        assertThat(api.get("/invites/" + memberInvite.text("id"), ownerToken).status()).isEqualTo(404);
        // still there: the pending invite and the other pending one of the twice-invited guest
        assertThat(api.get("/invites/" + pending.text("id"), ownerToken).status()).isEqualTo(200);
        assertThat(api.get("/invites/" + twicePending.text("id"), ownerToken).status()).isEqualTo(200);
        // accounts: the never-redeemed guest is gone; the guest who redeemed, the one with another invite, the
        // pending one and the real account stay
        assertThat(userId(revokedGuest)).isNull();
        assertThat(userId(redeemedGuest)).isNotNull();
        assertThat(userId(twiceInvited)).isNotNull();
        assertThat(userId(pendingGuest)).isNotNull();
        assertThat(userId(memberEmail)).isNotNull();
        // the removed invite's session ended with its session row: its refresh token no longer works
        assertThat(api.refresh(tokens.text("refresh_token")).status()).isEqualTo(400);
        // an event per removed guest, with the reason
        List<EventRepresentation> removed = realm.getEvents(List.of("DELETE_ACCOUNT"), null, revokedGuestId,
                null, null, null, 0, 10);
        assertThat(removed).singleElement().satisfies(e -> {
            assertThat(e.getDetails()).containsEntry("reason", "retention").containsKey("removed_invites");
            assertThat(e.getTime()).isGreaterThanOrEqualTo(start.toEpochMilli());
        });
        // the realm export an administrator makes afterwards (kc.sh export with users; PostgreSQL only, as the running
        // server holds the embedded H2 file) has none of the removed guests, and still the guests that stay
        server.exportRealmWithUsers(KeycloakServer.DEMO_REALM).ifPresent(json -> {
            String export = json.toLowerCase(java.util.Locale.ROOT);
            assertThat(export).contains(redeemedGuest.toLowerCase(java.util.Locale.ROOT))
                    .contains(pendingGuest.toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain(revokedGuest.toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain(revokedGuestId.toLowerCase(java.util.Locale.ROOT));
        });
        if (server.database() != null) {
            // no row of ours refers to the removed invites any more
            try (Connection c = server.database().connect();
                    PreparedStatement s = c.prepareStatement("select (select count(*) from MI_INVITE_SESSION where INVITE_ID in (?, ?))"
                            + " + (select count(*) from MI_REDEEM_RETRY where INVITE_ID in (?, ?))"
                            + " + (select count(*) from MI_INVITE_ACTIVITY where INVITE_ID in (?, ?))"
                            + " + (select count(*) from MI_INVITE_STATS where INVITE_ID in (?, ?))"
                            + " + (select count(*) from USER_ENTITY where ID = ?)")) {
                for (int i = 0; i < 4; i++) {
                    s.setString(2 * i + 1, revoked.text("id"));
                    s.setString(2 * i + 2, used.text("id"));
                }
                s.setString(9, revokedGuestId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theDefaultRetentionKeepsRecentlyEndedInvites() {
        Reply revoked = issue(Fixtures.unique("keep") + "@example.com", Map.of());
        assertThat(api.post("/invites/" + revoked.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        // several cleanup runs (every few seconds in the test servers) with the default of 30 days
        Fixtures.sleep(8_000);
        assertThat(api.get("/invites/" + revoked.text("id"), ownerToken).status()).isEqualTo(200);
    }

    private String userId(String email) {
        List<UserRepresentation> found = fixtures.realm().users().searchByEmail(email.toLowerCase(), true);
        return found.isEmpty() ? null : found.get(0).getId();
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, Duration max) {
        Instant end = Instant.now().plus(max);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("cleanup did not run in time").isBefore(end);
            Fixtures.sleep(500);
        }
    }

    private Reply issueFor(String media, String email) {
        Reply reply = api.post("/media/" + media + "/invites", ownerToken, IssuanceIT.invite(email));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private Reply issue(String email, Map<String, Object> extra) {
        Map<String, Object> body = IssuanceIT.invite(email);
        body.putAll(extra);
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }
}
