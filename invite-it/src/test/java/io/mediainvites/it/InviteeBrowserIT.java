package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.BrowserExtension;
import io.mediainvites.it.support.BrowserIT;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestMediaApp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The invitee's paths in a real headless Chromium, ending in a small media app that shows the claims. */
@KeycloakIT
@BrowserIT
class InviteeBrowserIT {

    private Api api;
    private Fixtures fixtures;
    private TestMediaApp app;
    private String appToken;
    private String owner;
    private String ownerToken;

    @BeforeEach
    void setUp(KeycloakServer server) {
        api = new Api(server);
        fixtures = new Fixtures(server);
        app = new TestMediaApp(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    @Test
    void onDemandLinkLandsInTheAppAsViewer(WebDriver browser) {
        String media = register("video", null);
        String email = Fixtures.unique("ina") + "@example.com";
        browser.get(issue(media, email, "viewer").text("link"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("media-invite-continue")));
        assertThat(browser.findElement(By.id("media-invite-title")).getText()).isEqualTo("Feathered Friends Trivia");
        assertThat(browser.findElement(By.id("media-invite-role")).getText()).contains("viewer");

        browser.findElement(By.id("media-invite-continue")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "signed in"));
        assertThat(browser.findElement(By.id("email")).getText()).isEqualTo(email);
        assertThat(browser.findElement(By.id("claims")).getText()).contains("\"" + media + "\"").contains("\"role\":\"viewer\"");
    }

    @Test
    void liveLinkCountsDownThenOpensTheLobbyAndJoins(WebDriver browser) {
        Instant start = Instant.now().plusSeconds(25);
        String media = register("webcast", start);
        browser.get(issue(media, Fixtures.unique("mod") + "@example.com", "moderator").text("link"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("media-invite-countdown")));
        assertThat(browser.findElements(By.id("media-invite-continue"))).isEmpty();
        BrowserExtension.save(browser, "countdown"); // a picture of the page for the record

        // the page lets the invitee in by itself when the start comes
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("media-invite-continue")));
        assertThat(Instant.now()).isAfterOrEqualTo(start.minusSeconds(1));
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).contains("Lobby");
        browser.findElement(By.id("media-invite-continue")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "signed in"));
        assertThat(browser.findElement(By.id("claims")).getText()).contains("\"role\":\"moderator\"");
    }

    @Test
    void signedInAsAnotherUserSeesTheEmailMismatchPage(WebDriver browser) {
        String media = register("video", null);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(app.loginUrl());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(owner);
        browser.findElement(By.id("password")).sendKeys(owner);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "signed in"));

        browser.get(issue(media, Fixtures.unique("other") + "@example.com", "viewer").text("link"));
        wait.until(d -> d.getPageSource().contains("match"));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("The e-mail address doesn't match").contains("signed in as " + owner);
    }

    @Test
    void anExistingUserSignsInWithTheirPasswordAndArrivesWithTheGrant(WebDriver browser) {
        String media = register("video", null);
        String alice = fixtures.user("alice");
        browser.get(issue(media, alice + "@example.com", "viewer").text("link"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("media-invite-existing-account")));
        assertThat(browser.findElement(By.id("media-invite-existing-account")).getText()).contains("already exists");
        assertThat(browser.findElement(By.id("media-invite-continue")).getText()).isEqualTo("Sign in to accept");
        browser.findElement(By.id("media-invite-continue")).click();

        // the realm's own sign-in, for the invited account only
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys(alice);
        assertThat(browser.findElement(By.id("kc-attempted-username")).getAttribute("value")).isEqualTo(alice);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "signed in"));
        assertThat(browser.findElement(By.id("email")).getText()).isEqualTo(alice + "@example.com");
        assertThat(browser.findElement(By.id("claims")).getText()).contains("\"" + media + "\"").contains("\"role\":\"viewer\"");
    }

    @Test
    void anotherDeviceIsRefused(WebDriver browser) {
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "3"), () -> {
            String media = register("video", null);
            Reply invite = issue(media, Fixtures.unique("dev") + "@example.com", "viewer", Map.of("useLimit", 3));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(invite.text("link"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("media-invite-continue"))).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "signed in"));

            WebDriver otherDevice = BrowserExtension.start();
            try {
                otherDevice.get(invite.text("link"));
                new WebDriverWait(otherDevice, Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("another device"));
                assertThat(otherDevice.findElement(By.tagName("body")).getText())
                        .contains("already opened on another device or browser");
                assertThat(otherDevice.findElements(By.id("media-invite-continue"))).isEmpty();
            } catch (RuntimeException | AssertionError e) {
                BrowserExtension.save(otherDevice, "InviteeBrowserIT-anotherDeviceIsRefused-other");
                throw e;
            } finally {
                otherDevice.quit();
            }
        });
    }

    private String register(String type, Instant start) {
        String id = Fixtures.unique(type);
        Map<String, Object> media = IssuanceIT.media(type, owner, "owner");
        if (start != null) {
            media.put("startsAt", start.toString());
        }
        assertThat(api.put("/media/" + id, appToken, media).status()).isEqualTo(201);
        return id;
    }

    private Reply issue(String media, String email, String role) {
        return issue(media, email, role, Map.of());
    }

    private Reply issue(String media, String email, String role, Map<String, Object> extra) {
        Map<String, Object> body = IssuanceIT.invite(email);
        body.put("role", role);
        body.put("redirectUri", app.redirectUri());
        body.putAll(extra);
        Reply reply = api.post("/media/" + media + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }
}
