package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;

/**
 * S9 from an attacker's view: a link is shown once, to its issuer; reads and lists never show it; sharing again is
 * an explicit, audited, rate-limited re-issue by someone who passes the inviter rule, and it replaces the old link.
 */
@KeycloakIT
class LinkReissueIT {

    private static final String INVITER_ROLE = "mediaInvites.inviterRole";

    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String owner;
    private String ownerToken;
    private String coEditor;
    private String coEditorToken;
    private String mediaId;

    @BeforeEach
    void setUp(KeycloakServer server) {
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner", "media-inviter");
        ownerToken = api.passwordToken(owner, owner);
        coEditor = fixtures.user("coeditor");
        coEditorToken = api.passwordToken(coEditor, coEditor);
        mediaId = Fixtures.unique("video");
        Map<String, Object> media = IssuanceIT.media("video", owner, "owner");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> collaborators = (List<Map<String, String>>) media.get("collaborators");
        collaborators.add(Map.of("user", coEditor, "role", "co-editor"));
        assertThat(api.put("/media/" + mediaId, appToken, media).status()).isEqualTo(201);
    }

    @Test
    void aCoEditorWithoutTheInviterRoleReadsNoLinkAndCannotReissue() {
        fixtures.withRealmAttributes(Map.of(INVITER_ROLE, "media-inviter"), () -> {
            Reply created = issue();
            String id = created.text("id");
            assertThat(created.text("link")).isNotBlank();

            Reply read = api.get("/invites/" + id, coEditorToken);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.text("link")).isNull();
            Reply list = api.get("/media/" + mediaId + "/invites", coEditorToken);
            assertThat(list.status()).isEqualTo(200);
            list.body().forEach(i -> assertThat(i.hasNonNull("link")).isFalse());

            assertError(api.post("/invites/" + id + "/link", coEditorToken, null), 403, "forbidden");
            // a realm admin may read and revoke, but is not an inviter of the entry
            assertError(api.post("/invites/" + id + "/link", api.passwordToken("media-admin", "media-admin"), null),
                    403, "forbidden");
            // the app's service account must name an inviter who passes the rule
            assertError(api.post("/invites/" + id + "/link", appToken, null), 400, "invalid_request");
            assertError(api.post("/invites/" + id + "/link", appToken, Map.of("inviter", coEditor)), 403, "forbidden");
            Reply byApp = api.post("/invites/" + id + "/link", appToken, Map.of("inviter", owner));
            assertThat(byApp.status()).as(byApp.toString()).isEqualTo(200);
            assertThat(byApp.text("link")).isNotBlank();
        });
    }

    @Test
    void aReissuedLinkReplacesThePreviousOne() {
        Reply created = issue();
        String id = created.text("id");
        String first = created.text("link");
        assertThat(claims(first).get("mi_gen").asInt()).isEqualTo(1);

        Reply reissued = api.post("/invites/" + id + "/link", ownerToken, null);
        assertThat(reissued.status()).as(reissued.toString()).isEqualTo(200);
        String second = reissued.text("link");
        assertThat(reissued.text("id")).isEqualTo(id);
        assertThat(reissued.text("status")).isEqualTo("pending");
        assertThat(claims(second).get("jti").asText()).isEqualTo(id);
        assertThat(claims(second).get("mi_gen").asInt()).isEqualTo(2);
        assertThat(claims(second).get("exp").asLong()).isEqualTo(claims(first).get("exp").asLong());
        assertThat(api.get("/invites/" + id, ownerToken).text("link")).isNull();

        // the first link is dead: the invalid-link page, nothing used
        Page old = new WebSession().get(first);
        assertThat(old.status()).as(old.toString()).isGreaterThanOrEqualTo(400).isLessThan(500);
        assertThat(old.body()).doesNotContain("id=\"media-invite-form\"");
        // the new one redeems
        WebSession browser = new WebSession();
        Page landing = browser.get(second);
        assertThat(landing.status()).as(landing.toString()).isEqualTo(200);
        assertThat(RedemptionIT.codeFrom(browser.follow(RedemptionIT.redeem(browser, landing), RedemptionIT.APP_URL)))
                .isNotBlank();
        assertThat(api.get("/invites/" + id, ownerToken).body().get("useCount").asInt()).isEqualTo(1);
        // a used-up invite is not re-issued
        assertError(api.post("/invites/" + id + "/link", ownerToken, null), 409, "invite_not_redeemable");
    }

    @Test
    void aReissueIsAuditedWithoutTheLink() {
        String id = issue().text("id");
        Reply reissued = api.post("/invites/" + id + "/link", ownerToken, null);
        assertThat(reissued.status()).isEqualTo(200);
        List<AdminEventRepresentation> events = fixtures.realm().getAdminEvents(List.of("ACTION"), null, null, null,
                null, "media-invites/invites/" + id + "/link", null, null, null, 0, 10, null);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getResourceType()).isEqualTo("MEDIA_INVITES_INVITE");
            assertThat(e.getDetails()).containsEntry("invite_id", id).containsEntry("link_generation", "2")
                    .containsEntry("media_id", mediaId);
            assertThat(String.valueOf(e.getRepresentation())).doesNotContain("key=", "action-token");
            assertThat(e.getDetails().values()).noneMatch(v -> v.contains("key=") || v.startsWith("eyJ"));
        });
    }

    @Test
    void reissuesAreRateLimitedPerInvite() {
        String id = issue().text("id");
        for (int i = 0; i < 5; i++) {
            Reply ok = api.post("/invites/" + id + "/link", ownerToken, null);
            assertThat(ok.status()).as("re-issue " + (i + 1) + ": " + ok).isEqualTo(200);
        }
        Reply limited = api.post("/invites/" + id + "/link", ownerToken, null);
        assertError(limited, 429, "rate_limited");
        long retryAfter = Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(limited.body().get("retry_after").asLong()).isEqualTo(retryAfter);
        // another invite has its own budget
        assertThat(api.post("/invites/" + issue().text("id") + "/link", ownerToken, null).status()).isEqualTo(200);
    }

    @Test
    void revokedInvitesAndForeignIdsAreNotReissued() {
        String id = issue().text("id");
        api.post("/invites/" + id + "/revoke", ownerToken, null);
        Reply refused = api.post("/invites/" + id + "/link", ownerToken, null);
        assertError(refused, 409, "invite_not_redeemable");
        assertThat(refused.text("status")).isEqualTo("revoked");
        assertError(api.post("/invites/" + Fixtures.unique("none") + "/link", ownerToken, null), 404, "invite_not_found");
        assertError(api.post("/invites/" + id + "/link", null, null), 401, "not_authenticated");
    }

    private Reply issue() {
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken,
                IssuanceIT.invite(Fixtures.unique("ina") + "@example.com"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    static JsonNode claims(String link) {
        return Api.claims(URLDecoder.decode(URI.create(link).getQuery().replaceFirst("^key=", ""), StandardCharsets.UTF_8));
    }

    static void assertError(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.error()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.text("error_description")).as(reply.toString()).isNotBlank();
    }
}
