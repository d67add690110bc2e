package io.mediainvites.it;

import static io.mediainvites.it.IssuanceIT.invite;
import static io.mediainvites.it.IssuanceIT.media;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediainvites.it.support.AdminApi;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** The realm invite policy through /admin/realms/{realm}/media-invites/policy (A1, A2, I1) on a real Keycloak. */
@KeycloakIT
class AdminPolicyIT {

    static final String TAB_TYPE = "org.keycloak.services.ui.extend.UiTabProvider";
    static final String TAB_ID = "Media invites";
    private static final String REALM = KeycloakServer.DEMO_REALM;

    private KeycloakServer server;
    private AdminApi admin;
    private Api api;
    private Fixtures fixtures;
    private String adminToken;
    private JsonNode original;

    @BeforeEach
    void setUp(KeycloakServer server) {
        this.server = server;
        admin = new AdminApi(server);
        api = new Api(server);
        fixtures = new Fixtures(server);
        adminToken = admin.userToken(REALM, "media-admin", "media-admin");
        Reply before = admin.getPolicy(REALM, adminToken);
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        original = before.body();
    }

    @AfterEach
    void restorePolicy() {
        Reply restored = admin.putPolicy(REALM, admin.masterAdminToken(), original);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    }

    // ---- reading -------------------------------------------------------------------------------

    @Test
    void theDemoRealmPolicyComesFromRealmExportJsonWithDefaultsForTheRest() {
        JsonNode p = original;
        assertThat(fieldNames(p)).containsExactly("linkLifetimeSeconds", "useLimit", "deviceBinding", "deviceMoves", "blockedDomains",
                "allowedDomains", "inviterRole", "inviterUsers", "inviterGroups", "inviteEmail", "confirmation",
                "sessionLengthSeconds", "allowPrivileged", "existingAccounts", "liveValidity", "liveGraceMinutes",
                "reminderMinutes", "retentionDays");
        assertThat(p.get("linkLifetimeSeconds").asLong()).isEqualTo(7200);
        assertThat(p.get("blockedDomains").toString()).isEqualTo("[\"blocked.example\"]");
        assertThat(p.get("useLimit").asInt()).isEqualTo(1);
        assertThat(p.get("deviceBinding").asBoolean()).isTrue();
        assertThat(p.get("allowedDomains")).isEmpty();
        assertThat(p.get("inviterRole").isNull()).isTrue();
        assertThat(p.get("inviteEmail").asBoolean()).isTrue();
        assertThat(p.get("confirmation").asText()).isEqualTo("none");
        assertThat(p.get("sessionLengthSeconds").asLong()).isEqualTo(28800);
        assertThat(p.get("allowPrivileged").asBoolean()).isFalse();
        assertThat(p.get("existingAccounts").asText()).isEqualTo("sign-in");
    }

    // ---- permissions ---------------------------------------------------------------------------

    @Test
    void viewRealmReadsButOnlyManageRealmWrites() {
        String viewer = userWithRealmManagementRoles("viewer", "view-realm");
        String viewerToken = admin.userToken(REALM, viewer, viewer);
        assertThat(admin.getPolicy(REALM, viewerToken).status()).isEqualTo(200);
        assertError(admin.putPolicy(REALM, viewerToken, changed(p -> p.put("useLimit", 2))), 403, "forbidden", null);

        String nobody = fixtures.user("nobody");
        String nobodyToken = admin.userToken(REALM, nobody, nobody);
        assertThat(admin.getPolicy(REALM, nobodyToken).status()).isEqualTo(403);
        assertThat(admin.putPolicy(REALM, nobodyToken, original).status()).isEqualTo(403);

        // only manage-users is no realm right either
        String userAdmin = userWithRealmManagementRoles("useradmin", "manage-users");
        String userAdminToken = admin.userToken(REALM, userAdmin, userAdmin);
        assertError(admin.getPolicy(REALM, userAdminToken), 403, "forbidden", null);
        assertError(admin.putPolicy(REALM, userAdminToken, original), 403, "forbidden", null);

        assertThat(admin.getPolicy(REALM, null).status()).isEqualTo(401);
        assertThat(admin.putPolicy(REALM, null, original).status()).isEqualTo(401);
        assertThat(admin.getPolicy(REALM, "not-a-token").status()).isEqualTo(401);

        // the master realm's admin manages every realm
        assertThat(admin.getPolicy(REALM, admin.masterAdminToken()).status()).isEqualTo(200);
        // nothing was changed by the refused writes
        assertThat(admin.getPolicy(REALM, adminToken).body()).isEqualTo(original);
    }

    // ---- writing -------------------------------------------------------------------------------

    @Test
    void aRealmAdminChangesThePolicyAndTheNextInviteFollowsIt() {
        JsonNode wanted = changed(p -> {
            p.put("linkLifetimeSeconds", 3600);
            p.put("useLimit", 3);
            p.putArray("blockedDomains").add("blocked.example").add("Spam.Example.");
            p.put("confirmation", "code");
        });
        Reply put = admin.putPolicy(REALM, adminToken, wanted);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body().get("blockedDomains").toString()).isEqualTo("[\"blocked.example\",\"spam.example\"]");
        JsonNode read = admin.getPolicy(REALM, adminToken).body();
        assertThat(read).isEqualTo(put.body());
        assertThat(read.get("linkLifetimeSeconds").asLong()).isEqualTo(3600);
        assertThat(read.get("confirmation").asText()).isEqualTo("code");

        // stored as the realm attributes (what realm export carries)
        Map<String, String> attributes = fixtures.realm().toRepresentation().getAttributes();
        assertThat(attributes).containsEntry("mediaInvites.linkLifetimeSeconds", "3600")
                .containsEntry("mediaInvites.useLimit", "3")
                .containsEntry("mediaInvites.blockedDomains", "blocked.example,spam.example")
                .containsEntry("mediaInvites.confirmation", "code");

        // the next invite follows at once
        MediaSetup m = mediaWithOwner();
        Reply invite = api.post("/media/" + m.mediaId + "/invites", m.ownerToken, invite(Fixtures.unique("n") + "@example.com"));
        assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
        assertThat(invite.body().get("useLimit").asInt()).isEqualTo(3);
        assertThat(Duration.between(Instant.now(), Instant.parse(invite.text("expiresAt"))))
                .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(60));
        Reply blocked = api.post("/media/" + m.mediaId + "/invites", m.ownerToken,
                invite(Fixtures.unique("s") + "@news.spam.example"));
        assertError(blocked, 403, "domain_blocked", null);
        assertThat(api.get("/capabilities", m.ownerToken).body().get("policy").get("maxLifetimeSeconds").asLong())
                .isEqualTo(3600);

        // an admin event records the change, with the new policy
        var events = fixtures.realm().getAdminEvents(List.of("UPDATE"), null, null, null, null,
                "media-invites/policy", null, null, null, 0, 20, null);
        assertThat(events).isNotEmpty();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getResourceType()).isEqualTo("MEDIA_INVITES_POLICY");
            assertThat(e.getRepresentation()).contains("spam.example").contains("3600");
        });

        // the console tab's copy shows the same values
        ComponentRepresentation tab = consoleTab();
        assertThat(tab.getConfig().get("linkLifetimeSeconds")).containsExactly("3600");
        assertThat(tab.getConfig().get("blockedDomains")).containsExactlyInAnyOrder("blocked.example", "spam.example");
    }

    @Test
    void aMissingFieldTakesItsDefault() {
        Reply put = admin.putPolicy(REALM, adminToken, Map.of("useLimit", -1));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body().get("useLimit").asInt()).isEqualTo(-1);
        assertThat(put.body().get("linkLifetimeSeconds").asLong()).isEqualTo(86400);
        assertThat(put.body().get("blockedDomains")).isEmpty();
        assertThat(fixtures.realm().toRepresentation().getAttributes()).doesNotContainKey("mediaInvites.blockedDomains");
    }

    @Test
    void everyInvalidValueIsRefusedNamingTheFieldAndChangesNothing() {
        Map<String, Consumer<ObjectNode>> invalid = new java.util.LinkedHashMap<>();
        invalid.put("linkLifetimeSeconds", p -> p.put("linkLifetimeSeconds", 299));
        invalid.put("linkLifetimeSeconds ", p -> p.put("linkLifetimeSeconds", 30 * 86400 + 1));
        invalid.put("linkLifetimeSeconds  ", p -> p.put("linkLifetimeSeconds", "two hours"));
        invalid.put("useLimit", p -> p.put("useLimit", 0));
        invalid.put("useLimit ", p -> p.put("useLimit", -5));
        invalid.put("deviceBinding", p -> p.put("deviceBinding", "yes"));
        invalid.put("blockedDomains", p -> p.putArray("blockedDomains").add("bad domain!"));
        invalid.put("blockedDomains ", p -> p.put("blockedDomains", "blocked.example"));
        invalid.put("allowedDomains", p -> p.putArray("allowedDomains").add("-x-.example"));
        invalid.put("inviterRole", p -> p.put("inviterRole", "no-such-role"));
        invalid.put("inviterUsers", p -> p.putArray("inviterUsers").add("no-such-user-" + Fixtures.unique("u")));
        invalid.put("inviterGroups", p -> p.putArray("inviterGroups").add("/no/such/group"));
        invalid.put("inviteEmail", p -> p.put("inviteEmail", 1));
        invalid.put("confirmation", p -> p.put("confirmation", "sms"));
        invalid.put("sessionLengthSeconds", p -> p.put("sessionLengthSeconds", 10));
        invalid.put("allowPrivileged", p -> p.put("allowPrivileged", "sometimes"));
        invalid.put("existingAccounts", p -> p.put("existingAccounts", "password"));
        invalid.put("lifetime", p -> p.put("lifetime", 7200));
        for (Map.Entry<String, Consumer<ObjectNode>> c : invalid.entrySet()) {
            Reply reply = admin.putPolicy(REALM, adminToken, changed(c.getValue()));
            assertError(reply, 400, "invalid_policy", c.getKey().trim());
        }
        assertError(admin.putPolicy(REALM, adminToken, "{\"useLimit\": "), 400, "invalid_json", null);
        assertError(admin.putPolicy(REALM, adminToken, "[]"), 400, "invalid_json", null);
        assertThat(admin.getPolicy(REALM, adminToken).body()).isEqualTo(original);
        assertThat(consoleTab().getConfig().get("linkLifetimeSeconds")).containsExactly("7200");
    }

    // ---- the inviter rule at issuance (I1) ----------------------------------------------------

    @Test
    void theInviterRuleByRoleUserAndGroupDecidesWhoMayIssue() {
        String role = Fixtures.unique("inviters");
        RoleRepresentation roleRep = new RoleRepresentation();
        roleRep.setName(role);
        fixtures.realm().roles().create(roleRep);
        String group = Fixtures.unique("staff");
        GroupRepresentation groupRep = new GroupRepresentation();
        groupRep.setName(group);
        try (Response created = fixtures.realm().groups().add(groupRep)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String groupId = fixtures.realm().groups().groups(group, 0, 1).get(0).getId();
        GroupRepresentation sub = new GroupRepresentation();
        sub.setName("editors");
        fixtures.realm().groups().group(groupId).subGroup(sub).close();
        String subId = fixtures.realm().groups().group(groupId).getSubGroups(0, 10, true).get(0).getId();

        String byRole = fixtures.user("byrole", role);
        String byName = fixtures.user("byname");
        String byGroup = fixtures.user("bygroup");
        String bySubGroup = fixtures.user("bysub");
        String plain = fixtures.user("plain");
        fixtures.realm().users().get(userId(byGroup)).joinGroup(groupId);
        fixtures.realm().users().get(userId(bySubGroup)).joinGroup(subId);

        MediaSetup m = mediaWithOwner();
        Map<String, Object> entry = media("video", m.owner, "owner");
        List<Map<String, String>> collaborators = new ArrayList<>();
        for (String u : List.of(m.owner, byRole, byName, byGroup, bySubGroup, plain)) {
            collaborators.add(Map.of("user", u, "role", u.equals(m.owner) ? "owner" : "co-editor"));
        }
        entry.put("collaborators", collaborators);
        assertThat(api.put("/media/" + m.mediaId, api.serviceAccountToken(), entry).status()).isEqualTo(200);

        Reply put = admin.putPolicy(REALM, adminToken, changed(p -> {
            p.put("inviterRole", role);
            p.putArray("inviterUsers").add(byName.toUpperCase());
            p.putArray("inviterGroups").add("/" + group);
        }));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body().get("inviterUsers").get(0).asText()).isEqualTo(byName.toLowerCase());

        for (String allowed : List.of(byRole, byName, byGroup, bySubGroup)) {
            Reply r = api.post("/media/" + m.mediaId + "/invites", api.passwordToken(allowed, allowed),
                    invite(Fixtures.unique("i") + "@example.com"));
            assertThat(r.status()).as(allowed + ": " + r).isEqualTo(201);
        }
        // a collaborator outside the rule, and the owner (no role, not named, in no group), may not
        for (String refused : List.of(plain, m.owner)) {
            assertError(api.post("/media/" + m.mediaId + "/invites", api.passwordToken(refused, refused),
                    invite(Fixtures.unique("i") + "@example.com")), 403, "forbidden", null);
        }
        // the service account may issue only on behalf of a permitted inviter
        Map<String, Object> onBehalf = invite(Fixtures.unique("sa") + "@example.com");
        onBehalf.put("inviter", plain);
        assertError(api.post("/media/" + m.mediaId + "/invites", api.serviceAccountToken(), onBehalf), 403, "forbidden", null);
        onBehalf.put("inviter", byGroup);
        assertThat(api.post("/media/" + m.mediaId + "/invites", api.serviceAccountToken(), onBehalf).status()).isEqualTo(201);

        // the rule is lifted at once when the policy names nobody
        assertThat(admin.putPolicy(REALM, adminToken, original).status()).isEqualTo(200);
        assertThat(api.post("/media/" + m.mediaId + "/invites", api.passwordToken(plain, plain),
                invite(Fixtures.unique("i") + "@example.com")).status()).isEqualTo(201);
    }

    // ---- the console tab's server side (the browser test drives the page itself) ---------------

    @Test
    void savingTheConsoleTabValidatesAndWritesThePolicy() {
        ComponentRepresentation tab = consoleTab();
        tab.getConfig().put("linkLifetimeSeconds", List.of("60"));
        try {
            fixtures.realm().components().component(tab.getId()).update(tab);
            throw new AssertionError("an invalid lifetime was accepted");
        } catch (jakarta.ws.rs.BadRequestException e) {
            String body = e.getResponse().readEntity(String.class);
            assertThat(body).contains("Link lifetime (seconds)").contains("between 300 and 2592000");
        }
        tab.getConfig().put("linkLifetimeSeconds", List.of("5400"));
        tab.getConfig().put("inviterRole", List.of("no-such-role"));
        try {
            fixtures.realm().components().component(tab.getId()).update(tab);
            throw new AssertionError("an unknown role was accepted");
        } catch (jakarta.ws.rs.BadRequestException e) {
            assertThat(e.getResponse().readEntity(String.class)).contains("Inviter role").contains("no-such-role");
        }
        assertThat(admin.getPolicy(REALM, adminToken).body()).isEqualTo(original);

        tab.getConfig().remove("inviterRole");
        tab.getConfig().put("blockedDomains", List.of("blocked.example", "Console.Example"));
        tab.getConfig().put("realm", List.of(REALM)); // the console adds its route parameters
        fixtures.realm().components().component(tab.getId()).update(tab);
        JsonNode read = admin.getPolicy(REALM, adminToken).body();
        assertThat(read.get("linkLifetimeSeconds").asLong()).isEqualTo(5400);
        assertThat(read.get("blockedDomains").toString()).isEqualTo("[\"blocked.example\",\"console.example\"]");
        ComponentRepresentation stored = consoleTab();
        assertThat(stored.getConfig()).doesNotContainKey("realm");
        assertThat(stored.getConfig().get("blockedDomains")).containsExactlyInAnyOrder("blocked.example", "console.example");
    }

    @Test
    void theTabIsRegisteredForTheRealmSettings() {
        var types = server.admin().serverInfo().getInfo().getComponentTypes().get(TAB_TYPE);
        assertThat(types).anySatisfy(t -> {
            assertThat(t.getId()).isEqualTo(TAB_ID);
            assertThat(t.getMetadata()).containsEntry("path", "/:realm/realm-settings/:tab");
            assertThat(t.getProperties()).extracting(p -> p.getName()).contains("linkLifetimeSeconds", "blockedDomains");
            assertThat(t.getProperties()).allSatisfy(p -> assertThat(p.getHelpText()).isNotBlank());
        });
        var providers = server.admin().serverInfo().getInfo().getProviders();
        assertThat(providers.get("admin-realm-restapi-extension").getProviders().get("media-invites").getOperationalInfo())
                .containsKey("version");
        assertThat(providers.get("ui-tab").getProviders().get(TAB_ID).getOperationalInfo()).containsKey("version");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private record MediaSetup(String owner, String ownerToken, String mediaId) {
    }

    private MediaSetup mediaWithOwner() {
        String owner = fixtures.user("owner");
        String mediaId = Fixtures.unique("video");
        Reply created = api.put("/media/" + mediaId, api.serviceAccountToken(), media("video", owner, "owner"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new MediaSetup(owner, api.passwordToken(owner, owner), mediaId);
    }

    private ComponentRepresentation consoleTab() {
        String realmId = fixtures.realm().toRepresentation().getId();
        List<ComponentRepresentation> tabs = fixtures.realm().components().query(realmId, TAB_TYPE).stream()
                .filter(c -> TAB_ID.equals(c.getProviderId())).toList();
        assertThat(tabs).hasSize(1);
        return tabs.get(0);
    }

    private String userWithRealmManagementRoles(String prefix, String... roles) {
        String username = fixtures.user(prefix);
        String clientId = fixtures.realm().clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> reps = new ArrayList<>();
        for (String r : roles) {
            reps.add(fixtures.realm().clients().get(clientId).roles().get(r).toRepresentation());
        }
        fixtures.realm().users().get(userId(username)).roles().clientLevel(clientId).add(reps);
        return username;
    }

    private String userId(String username) {
        return fixtures.realm().users().search(username, true).get(0).getId();
    }

    private JsonNode changed(Consumer<ObjectNode> change) {
        ObjectNode copy = original.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void assertError(Reply reply, int status, String error, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.error()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.text("error_description")).as(reply.toString()).isNotBlank();
        if (field != null) {
            assertThat(reply.text("field")).as(reply.toString()).isEqualTo(field);
        }
    }
}
