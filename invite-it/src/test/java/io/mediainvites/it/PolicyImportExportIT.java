package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.AdminApi;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.util.JsonSerialization;

/** Realm export and import carry the invite policy (A2): realm attributes are its one source of truth. */
@KeycloakIT
class PolicyImportExportIT {

    @Test
    void realmExportJsonConfiguresTheDemoRealm() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("mi.realm.file")))) {
            RealmRepresentation file = JsonSerialization.readValue(in, RealmRepresentation.class);
            assertThat(file.getAttributes()).containsEntry("mediaInvites.linkLifetimeSeconds", "7200")
                    .containsEntry("mediaInvites.blockedDomains", "blocked.example");
        }
    }

    @Test
    void aPartialExportOfTheDemoRealmShowsThePolicyAttributes(KeycloakServer server) {
        RealmRepresentation export = server.admin().realm(KeycloakServer.DEMO_REALM).partialExport(false, false);
        assertThat(export.getAttributes()).containsEntry("mediaInvites.linkLifetimeSeconds", "7200")
                .containsEntry("mediaInvites.blockedDomains", "blocked.example");
    }

    @Test
    void importingARealmWithAPolicyYieldsThatPolicyAndExportingItCarriesItOn(KeycloakServer server) {
        AdminApi admin = new AdminApi(server);
        String first = Fixtures.unique("mi-import");
        String second = Fixtures.unique("mi-reimport");
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(first);
        rep.setEnabled(true);
        RoleRepresentation role = new RoleRepresentation();
        role.setName("campus-inviter");
        RolesRepresentation roles = new RolesRepresentation();
        roles.setRealm(List.of(role));
        rep.setRoles(roles);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("mediaInvites.linkLifetimeSeconds", "1800");
        attributes.put("mediaInvites.useLimit", "-1");
        attributes.put("mediaInvites.deviceBinding", "false");
        attributes.put("mediaInvites.blockedDomains", "Spam.Example, bücher.example");
        attributes.put("mediaInvites.allowedDomains", "campus.example");
        attributes.put("mediaInvites.inviterRole", "campus-inviter");
        attributes.put("mediaInvites.confirmation", "typed");
        attributes.put("mediaInvites.sessionLengthSeconds", "3600");
        attributes.put("mediaInvites.allowPrivileged", "true");
        attributes.put("mediaInvites.existingAccounts", "code");
        rep.setAttributes(attributes);
        server.admin().realms().create(rep);
        try {
            String token = admin.masterAdminToken();
            Reply policy = admin.getPolicy(first, token);
            assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
            JsonNode p = policy.body();
            assertThat(p.get("linkLifetimeSeconds").asLong()).isEqualTo(1800);
            assertThat(p.get("useLimit").asInt()).isEqualTo(-1);
            assertThat(p.get("deviceBinding").asBoolean()).isFalse();
            assertThat(p.get("blockedDomains").toString()).isEqualTo("[\"spam.example\",\"xn--bcher-kva.example\"]");
            assertThat(p.get("allowedDomains").toString()).isEqualTo("[\"campus.example\"]");
            assertThat(p.get("inviterRole").asText()).isEqualTo("campus-inviter");
            assertThat(p.get("inviteEmail").asBoolean()).isTrue();
            assertThat(p.get("confirmation").asText()).isEqualTo("typed");
            assertThat(p.get("sessionLengthSeconds").asLong()).isEqualTo(3600);
            assertThat(p.get("allowPrivileged").asBoolean()).isTrue();
            assertThat(p.get("existingAccounts").asText()).isEqualTo("code");

            // the imported realm's console tab shows the imported policy
            ComponentRepresentation tab = tab(server, first);
            assertThat(tab.getConfig().get("linkLifetimeSeconds")).containsExactly("1800");
            assertThat(tab.getConfig().get("blockedDomains")).containsExactlyInAnyOrder("spam.example", "xn--bcher-kva.example");

            // export it, remove it and import the export (its ids are global, so the original goes first)
            // under another name: the same policy
            RealmRepresentation export = server.admin().realm(first).partialExport(true, true);
            assertThat(export.getAttributes()).containsEntry("mediaInvites.linkLifetimeSeconds", "1800");
            server.admin().realm(first).remove();
            export.setRealm(second);
            server.admin().realms().create(export);
            Reply again = admin.getPolicy(second, token);
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(p);
            assertThat(tab(server, second).getConfig().get("linkLifetimeSeconds")).containsExactly("1800");
        } finally {
            for (String realm : List.of(first, second)) {
                if (server.admin().realms().findAll().stream().anyMatch(r -> r.getRealm().equals(realm))) {
                    server.admin().realm(realm).remove();
                }
            }
        }
    }

    @Test
    void theRealmAttributesWinOverAStaleConsoleCopyInAnImport(KeycloakServer server) {
        AdminApi admin = new AdminApi(server);
        String name = Fixtures.unique("mi-stale");
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(name);
        rep.setEnabled(true);
        rep.setAttributes(Map.of("mediaInvites.linkLifetimeSeconds", "900"));
        ComponentExportRepresentation staleTab = new ComponentExportRepresentation();
        staleTab.setName(AdminPolicyIT.TAB_ID);
        staleTab.setProviderId(AdminPolicyIT.TAB_ID);
        org.keycloak.common.util.MultivaluedHashMap<String, String> config = new org.keycloak.common.util.MultivaluedHashMap<>();
        config.putSingle("linkLifetimeSeconds", "3600");
        staleTab.setConfig(config);
        org.keycloak.common.util.MultivaluedHashMap<String, ComponentExportRepresentation> components =
                new org.keycloak.common.util.MultivaluedHashMap<>();
        components.add(AdminPolicyIT.TAB_TYPE, staleTab);
        rep.setComponents(components);
        server.admin().realms().create(rep);
        try {
            assertThat(admin.getPolicy(name, admin.masterAdminToken()).body().get("linkLifetimeSeconds").asLong())
                    .isEqualTo(900);
            assertThat(tab(server, name).getConfig().get("linkLifetimeSeconds")).containsExactly("900");
        } finally {
            server.admin().realm(name).remove();
        }
    }

    private static ComponentRepresentation tab(KeycloakServer server, String realm) {
        String realmId = server.admin().realm(realm).toRepresentation().getId();
        List<ComponentRepresentation> tabs = server.admin().realm(realm).components().query(realmId, AdminPolicyIT.TAB_TYPE)
                .stream().filter(c -> AdminPolicyIT.TAB_ID.equals(c.getProviderId())).toList();
        assertThat(tabs).hasSize(1);
        return tabs.get(0);
    }
}
