package io.mediainvites.it;

import static io.mediainvites.it.LinkReissueIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * S10 from an attacker's view: autocomplete shows only people the calling app already knows (its invitees, its
 * entries' collaborators), never privileged accounts, service accounts or other apps' guests; it is bounded and
 * rate-limited per caller, counted in the database (parallel requests included).
 */
@KeycloakIT
class InviteeLookupIT {

    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String owner;
    private String ownerToken;
    private String mediaId;

    @BeforeEach
    void setUp(KeycloakServer server) {
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    @Test
    void neverListsTheRealmAdminEvenAsACollaborator() {
        assertThat(emails(lookUp("med", ownerToken))).doesNotContain("media-admin@example.com");
        // known to the app as a collaborator, but privileged: still never listed
        String other = Fixtures.unique("doc");
        var media = IssuanceIT.media("document", owner, "owner");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> collaborators = (List<Map<String, String>>) media.get("collaborators");
        collaborators.add(Map.of("user", "media-admin", "role", "co-editor"));
        assertThat(api.put("/media/" + other, appToken, media).status()).isEqualTo(201);
        assertThat(emails(lookUp("media-a", ownerToken))).doesNotContain("media-admin@example.com");
        assertThat(emails(lookUp("media-a", appToken))).doesNotContain("media-admin@example.com");
    }

    @Test
    void listsOnlyTheAppsInviteesAndCollaboratorsNotTheWholeRealm() {
        String prefix = Fixtures.unique("kn").toLowerCase();
        String stranger = fixtures.user(prefix + "-stranger");
        String collaborator = fixtures.user(prefix + "-collab");
        String invitee = prefix + "-guest@example.org";

        assertThat(lookUp(prefix, ownerToken)).as("nobody is known yet").isEmpty();
        var media = IssuanceIT.media("video", owner, "owner");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> collaborators = (List<Map<String, String>>) media.get("collaborators");
        collaborators.add(Map.of("user", collaborator, "role", "co-editor"));
        assertThat(api.put("/media/" + mediaId, appToken, media).status()).isEqualTo(200);
        Map<String, Object> body = IssuanceIT.invite(invitee);
        body.put("firstName", "Gina");
        body.put("lastName", "Guest");
        assertThat(api.post("/media/" + mediaId + "/invites", ownerToken, body).status()).isEqualTo(201);

        JsonNode found = lookUp(prefix, ownerToken);
        assertThat(emails(found)).containsExactlyInAnyOrder(collaborator + "@example.com", invitee)
                .doesNotContain(stranger + "@example.com");
        found.forEach(m -> assertThat(m.size()).isEqualTo(3));
        JsonNode guest = byEmail(found, invitee);
        assertThat(guest.get("firstName").asText()).isEqualTo("Gina");
        assertThat(byEmail(found, collaborator + "@example.com").get("lastName").asText()).isEqualTo("Last " + prefix + "-collab");
    }

    @Test
    void anotherAppsGuestsAndServiceAccountsStayHidden() {
        String prefix = Fixtures.unique("rg").toLowerCase();
        String rival = Fixtures.unique("rival");
        String rivalToken = rivalApp(rival);
        String rivalMedia = Fixtures.unique("audio");
        assertThat(api.put("/media/" + rivalMedia, rivalToken, IssuanceIT.media("audio", owner, "owner")).status())
                .isEqualTo(201);
        String guest = prefix + "-theirs@example.org";
        Map<String, Object> body = IssuanceIT.invite(guest);
        body.put("inviter", owner);
        body.put("firstName", "Secret");
        body.remove("redirectUri");
        body.put("redirectUri", "http://localhost/rival");
        Reply theirs = api.post("/media/" + rivalMedia + "/invites", rivalToken, body);
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);

        // a service account with an e-mail that collaborates on one of media-app's entries
        String saId = fixtures.realm().clients().get(fixtures.realm().clients().findByClientId(rival).get(0).getId())
                .getServiceAccountUser().getId();
        UserRepresentation sa = fixtures.realm().users().get(saId).toRepresentation();
        sa.setEmail(prefix + "-robot@example.org");
        fixtures.realm().users().get(saId).update(sa);
        var media = IssuanceIT.media("video", owner, "owner");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> collaborators = (List<Map<String, String>>) media.get("collaborators");
        collaborators.add(Map.of("user", saId, "role", "co-publisher"));
        assertThat(api.put("/media/" + mediaId, appToken, media).status()).isEqualTo(200);

        assertThat(lookUp(prefix, ownerToken)).as("M5: other app's guest, service account").isEmpty();
        // the rival app knows its guest, with its own names
        Reply rivalLookup = api.get("/media/" + rivalMedia + "/invitees?prefix=" + prefix, rivalToken);
        assertThat(emails(rivalLookup.body())).containsExactly(guest);

        // once media-app invites the same person, it knows them, with the names it gave
        Map<String, Object> ours = IssuanceIT.invite(guest);
        assertThat(api.post("/media/" + mediaId + "/invites", ownerToken, ours).status()).isEqualTo(201);
        JsonNode found = lookUp(prefix, ownerToken);
        assertThat(emails(found)).containsExactly(guest);
        assertThat(found.get(0).get("firstName").asText()).isEqualTo("Ina");
    }

    @Test
    void boundedInputAndOutput() {
        assertError(api.get("/media/" + mediaId + "/invitees?prefix=ab", ownerToken), 400, "invalid_request");
        assertError(api.get("/media/" + mediaId + "/invitees", ownerToken), 400, "invalid_request");
        assertError(api.get("/media/" + mediaId + "/invitees?prefix=" + "a".repeat(300), ownerToken), 400, "invalid_request");
        // LIKE wildcards are literal characters, not a way to list everyone
        assertThat(lookUp("%25%25%25", ownerToken)).isEmpty();
        assertThat(lookUp("___", ownerToken)).isEmpty();
    }

    @Test
    void rateLimitedPerCallerAlsoUnderParallelRequests() throws Exception {
        String caller = fixtures.user("busy");
        String media = Fixtures.unique("video");
        assertThat(api.put("/media/" + media, appToken, IssuanceIT.media("video", caller, "owner")).status()).isEqualTo(201);
        String token = api.passwordToken(caller, caller);
        // the limit is 30 per minute window; a run that straddles a window boundary is repeated once
        for (int round = 0; round < 2; round++) {
            long window = System.currentTimeMillis() / 60_000;
            List<Integer> statuses = new ArrayList<>();
            Reply limited = null;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    replies.add(pool.submit(() -> api.get("/media/" + media + "/invitees?prefix=nobody", token)));
                }
                for (Future<Reply> reply : replies) {
                    Reply r = reply.get();
                    statuses.add(r.status());
                    if (r.status() == 429) {
                        limited = r;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            if (System.currentTimeMillis() / 60_000 != window) {
                Fixtures.sleep(61_000 - System.currentTimeMillis() % 60_000);
                continue;
            }
            assertThat(statuses.stream().filter(s -> s == 200)).as(statuses.toString()).hasSize(30);
            assertThat(statuses.stream().filter(s -> s == 429)).as(statuses.toString()).hasSize(10);
            assertError(limited, 429, "rate_limited");
            assertThat(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            // another caller is not affected
            assertThat(api.get("/media/" + mediaId + "/invitees?prefix=nobody", ownerToken).status()).isEqualTo(200);
            return;
        }
        throw new AssertionError("two rounds straddled a minute boundary");
    }

    private JsonNode lookUp(String prefix, String token) {
        Reply reply = api.get("/media/" + mediaId + "/invitees?prefix=" + prefix, token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.body();
    }

    private static List<String> emails(JsonNode matches) {
        List<String> emails = new ArrayList<>();
        matches.forEach(m -> emails.add(m.get("email").asText()));
        return emails;
    }

    private static JsonNode byEmail(JsonNode matches, String email) {
        for (JsonNode m : matches) {
            if (m.get("email").asText().equals(email)) {
                return m;
            }
        }
        throw new AssertionError("no " + email + " in " + matches);
    }

    /** A second media app with a service account holding its invite-manager role; returns that account's token. */
    private String rivalApp(String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setSecret(clientId + "-secret");
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setRedirectUris(List.of("http://localhost/*"));
        fixtures.realm().clients().create(client).close();
        String id = fixtures.realm().clients().findByClientId(clientId).get(0).getId();
        RoleRepresentation role = new RoleRepresentation();
        role.setName("invite-manager");
        fixtures.realm().clients().get(id).roles().create(role);
        String saId = fixtures.realm().clients().get(id).getServiceAccountUser().getId();
        fixtures.realm().users().get(saId).roles().clientLevel(id)
                .add(List.of(fixtures.realm().clients().get(id).roles().get("invite-manager").toRepresentation()));
        return api.clientToken(clientId, clientId + "-secret");
    }
}
