package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;
import org.keycloak.util.JsonSerialization;

@KeycloakIT
@io.mediainvites.it.support.BrowserIT
class SmokeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serverAnswersOnTheDemoRealm(KeycloakServer server) throws Exception {
        HttpResponse<String> discovery = get(server.realmUrl(KeycloakServer.DEMO_REALM)
                + "/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + server.realmUrl("media") + "\"");
    }

    @Test
    void ourProvidersAreRegisteredAndReportTheExtensionVersion(KeycloakServer server, TestSettings settings) {
        ServerInfoRepresentation info = server.admin().serverInfo().getInfo();
        assertThat(info.getSystemInfo().getVersion()).isEqualTo(settings.keycloakVersion());

        ProviderRepresentation rest = info.getProviders().get("realm-restapi-extension").getProviders()
                .get("media-invites");
        assertThat(rest).as("media-invites REST extension registered").isNotNull();
        assertThat(rest.getOperationalInfo())
                .containsEntry("version", settings.projectVersion())
                .containsEntry("extension", "keycloak-media-invites");

        ProviderRepresentation jpa = info.getProviders().get("jpa-entity-provider").getProviders().get("media-invites");
        assertThat(jpa).as("media-invites JPA entities registered").isNotNull();
        assertThat(jpa.getOperationalInfo()).containsEntry("version", settings.projectVersion());
    }

    @Test
    void restExtensionAnswersInTheRealm(KeycloakServer server, TestSettings settings) throws Exception {
        HttpResponse<String> response = get(server.realmUrl("media") + "/media-invites/info");
        assertThat(response.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JsonSerialization.readValue(response.body(), Map.class);
        assertThat(body).containsEntry("version", settings.projectVersion()).containsEntry("realm", "media");
    }

    @Test
    void demoRealmIsImportedFromRealmExportJson(KeycloakServer server) {
        RealmRepresentation realm = server.admin().realm("media").toRepresentation();
        assertThat(realm.getDisplayName()).isEqualTo("Media (Keycloak Media Invites demo)");
        assertThat(realm.getLoginTheme()).isEqualTo("media-invites");

        List<ClientRepresentation> mediaApp = server.admin().realm("media").clients().findByClientId("media-app");
        assertThat(mediaApp).singleElement().satisfies(c -> {
            assertThat(c.isPublicClient()).isFalse();
            assertThat(c.isServiceAccountsEnabled()).isTrue();
        });
        String mediaAppId = mediaApp.get(0).getId();
        assertThat(server.admin().realm("media").clients().get(mediaAppId).roles().get("invite-manager")
                .toRepresentation().getName()).isEqualTo("invite-manager");
        assertThat(server.admin().realm("media").clients().get(mediaAppId).getServiceAccountUser()
                .getUsername()).isEqualTo("service-account-media-app");
        assertThat(server.admin().realm("media").clients().findByClientId("other-app")).hasSize(1);
        assertThat(server.admin().realm("media").users().searchByEmail("owner@example.com", true)).hasSize(1);
        assertThat(server.admin().realm("media").users().searchByEmail("media-admin@example.com", true)).hasSize(1);
    }

    @Test
    void ourThemesAreSelectableAndServeTheLoginPage(KeycloakServer server) throws Exception {
        Map<String, List<ThemeInfoRepresentation>> themes = server.admin().serverInfo().getInfo().getThemes();
        assertThat(themes.get("login")).extracting(ThemeInfoRepresentation::getName).contains("media-invites");
        assertThat(themes.get("email")).extracting(ThemeInfoRepresentation::getName).contains("media-invites");

        String auth = server.realmUrl("media") + "/protocol/openid-connect/auth?client_id=media-app"
                + "&response_type=code&scope=openid&redirect_uri="
                + java.net.URLEncoder.encode("http://127.0.0.1/callback", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> login = get(auth);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("/login/media-invites/");
    }

    @Test
    void loginPageOfTheDemoRealmRendersInARealBrowser(KeycloakServer server, org.openqa.selenium.WebDriver browser) {
        browser.get(server.realmUrl("media") + "/account");
        org.openqa.selenium.support.ui.WebDriverWait wait =
                new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(org.openqa.selenium.By.id("username")).isEmpty());
        assertThat(browser.getPageSource()).contains("/login/media-invites/");
        assertThat(browser.findElement(org.openqa.selenium.By.id("password")).isDisplayed()).isTrue();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
