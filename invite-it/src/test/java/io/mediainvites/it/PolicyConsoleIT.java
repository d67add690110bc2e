package io.mediainvites.it;

import static io.mediainvites.it.IssuanceIT.invite;
import static io.mediainvites.it.IssuanceIT.media;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.AdminApi;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.BrowserExtension;
import io.mediainvites.it.support.BrowserIT;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A realm admin edits the invite policy in the admin console's "Media invites" tab in a real headless
 * Chromium, and the next invite issued through the API follows it.
 */
@KeycloakIT
@BrowserIT
class PolicyConsoleIT {

    private static final String REALM = KeycloakServer.DEMO_REALM;

    @Test
    void aRealmAdminChangesLifetimeAndBlockedDomainsInTheConsoleTab(KeycloakServer server, WebDriver browser) {
        AdminApi admin = new AdminApi(server);
        JsonNode original = admin.getPolicy(REALM, admin.masterAdminToken()).body();
        assertThat(original.get("linkLifetimeSeconds").asLong()).isEqualTo(7200);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            browser.get(server.baseUrl() + "/admin/" + REALM + "/console/#/" + REALM + "/realm-settings/media-invites");
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys("media-admin");
            browser.findElement(By.id("password")).sendKeys("media-admin", Keys.ENTER);

            // the tab shows the realm's current policy (from realm-export.json)
            WebElement lifetime = wait.until(d -> d.findElements(By.cssSelector("[data-testid='linkLifetimeSeconds']"))
                    .stream().findFirst().orElse(null));
            wait.until(d -> "7200".equals(lifetime.getAttribute("value")));
            assertThat(browser.findElements(By.xpath("//*[normalize-space(text())='Media invites']"))).isNotEmpty();
            assertThat(browser.getPageSource()).contains("Blocked e-mail domains").contains("Link lifetime (seconds)")
                    .contains("Invites to existing accounts");
            WebElement firstDomain = browser.findElement(By.cssSelector("[data-testid='config.blockedDomains0']"));
            assertThat(firstDomain.getAttribute("value")).isEqualTo("blocked.example");

            // an invalid value is refused with the reason
            lifetime.sendKeys(Keys.chord(Keys.CONTROL, "a"), "60");
            browser.findElement(By.cssSelector("[data-testid='save']")).click();
            wait.until(d -> d.getPageSource().contains("between 300 and 2592000"));
            assertThat(browser.getPageSource()).contains("Link lifetime (seconds)");
            assertThat(admin.getPolicy(REALM, admin.masterAdminToken()).body().get("linkLifetimeSeconds").asLong())
                    .isEqualTo(7200);

            // 90 minutes and one more blocked domain
            lifetime.sendKeys(Keys.chord(Keys.CONTROL, "a"), "5400");
            browser.findElement(By.cssSelector("[data-testid='config.blockedDomains-addValue']")).click();
            WebElement secondDomain = wait.until(d -> d.findElements(By.cssSelector("[data-testid='config.blockedDomains1']"))
                    .stream().findFirst().orElse(null));
            secondDomain.sendKeys("Spam.Example");
            browser.findElement(By.cssSelector("[data-testid='save']")).click();
            wait.until(d -> admin.getPolicy(REALM, admin.masterAdminToken()).body().get("linkLifetimeSeconds").asLong() == 5400);
            BrowserExtension.save(browser, "PolicyConsoleIT-saved");
            JsonNode saved = admin.getPolicy(REALM, admin.masterAdminToken()).body();
            assertThat(saved.get("blockedDomains").toString()).isEqualTo("[\"blocked.example\",\"spam.example\"]");

            // the next invite follows the new policy
            Api api = new Api(server);
            Fixtures fixtures = new Fixtures(server);
            String owner = fixtures.user("owner");
            String mediaId = Fixtures.unique("video");
            assertThat(api.put("/media/" + mediaId, api.serviceAccountToken(), media("video", owner, "owner")).status())
                    .isEqualTo(201);
            String ownerToken = api.passwordToken(owner, owner);
            Reply issued = api.post("/media/" + mediaId + "/invites", ownerToken, invite(Fixtures.unique("c") + "@example.com"));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            assertThat(Duration.between(Instant.now(), Instant.parse(issued.text("expiresAt"))))
                    .isBetween(Duration.ofMinutes(89), Duration.ofMinutes(90));
            Reply blocked = api.post("/media/" + mediaId + "/invites", ownerToken,
                    invite(Fixtures.unique("c") + "@spam.example"));
            AdminPolicyIT.assertError(blocked, 403, "domain_blocked", null);
        } finally {
            Reply restored = admin.putPolicy(REALM, admin.masterAdminToken(), original);
            assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        }
    }
}
