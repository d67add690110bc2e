package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.mediainvites.demo.DemoConfig;
import io.mediainvites.demo.DemoMediaApp;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.BrowserExtension;
import io.mediainvites.it.support.BrowserIT;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole story in the demo media app (O6, O7), in real headless Chromium: the owner invites from the media
 * page's dialog (the extension's web component), the invitee follows the link in a fresh browser through the
 * landing and the standard entry (R11) into the app; axe-core checks the app's pages and the open dialog.
 */
@KeycloakIT
@BrowserIT
class DemoAppBrowserIT {

    private KeycloakServer server;
    private DemoMediaApp app;
    private String redirectPattern;

    @BeforeEach
    void setUp(KeycloakServer server) throws Exception {
        this.server = server;
        app = DemoMediaApp.start(new DemoConfig(server.baseUrl(), KeycloakServer.DEMO_REALM, Api.APP, Api.APP_SECRET,
                "http://localhost", 0));
        redirectPattern = app.baseUrl() + "/*";
        ClientResource client = mediaApp();
        ClientRepresentation rep = client.toRepresentation();
        rep.getRedirectUris().add(redirectPattern);
        client.update(rep);
        StandardEntryIT.setInitiateLoginUri(server, app.baseUrl() + "/login/initiate");
    }

    @AfterEach
    void tearDown() {
        StandardEntryIT.setInitiateLoginUri(server, "");
        ClientResource client = mediaApp();
        ClientRepresentation rep = client.toRepresentation();
        rep.getRedirectUris().remove(redirectPattern);
        client.update(rep);
        app.close();
    }

    @Test
    void ownerInvitesFromTheDialogAndTheInviteeArrivesAsViewerUntilRevoked(WebDriver owner) {
        // someone the app already knows, for the autocomplete
        String known = "xq" + Fixtures.unique("k").replace("-", "") + "@example.com";
        Api api = new Api(server);
        String ownerToken = api.passwordToken("owner", "owner");
        Map<String, Object> earlier = IssuanceIT.invite(known);
        earlier.put("firstName", "Kim");
        earlier.put("lastName", "Known");
        assertThat(api.post("/media/demo-quiz/invites", ownerToken, earlier).status()).isEqualTo(201);

        signInAsOwner(owner);
        assertThat(owner.findElements(By.cssSelector(".media-list li"))).hasSize(3);
        assertNoViolations(owner, "my media");

        owner.get(app.baseUrl() + "/media/demo-video");
        assertNoViolations(owner, "media page");
        SearchContext dialog = openDialog(owner);

        // typing three letters offers the known person; choosing fills the names
        dialog.findElement(By.cssSelector("#mi-email")).sendKeys(known.substring(0, 3));
        WebDriverWait wait = new WebDriverWait(owner, Duration.ofSeconds(20));
        wait.until(d -> dialog.findElements(By.cssSelector("li[role=option]")).stream()
                .anyMatch(li -> li.getText().contains(known)));
        dialog.findElements(By.cssSelector("li[role=option]")).stream().filter(li -> li.getText().contains(known))
                .findFirst().orElseThrow().click();
        assertThat(dialog.findElement(By.cssSelector("#mi-email")).getDomProperty("value")).isEqualTo(known);
        assertThat(dialog.findElement(By.cssSelector("#mi-firstName")).getDomProperty("value")).isEqualTo("Kim");
        assertThat(dialog.findElement(By.cssSelector("#mi-lastName")).getDomProperty("value")).isEqualTo("Known");

        // on-demand media: Viewer only; no SMTP in the realm: no e-mail box
        assertThat(roles(dialog)).containsExactly("Viewer");
        assertThat(dialog.findElement(By.cssSelector("#mi-send-row")).isDisplayed()).isFalse();
        assertNoViolations(owner, "open dialog");

        // a new person; a field error of the API is shown at its field
        String invitee = Fixtures.unique("ivy") + "@example.com";
        setValue(dialog, "#mi-email", "not-an-address");
        setValue(dialog, "#mi-firstName", "Ivy");
        setValue(dialog, "#mi-lastName", "Invitee");
        dialog.findElement(By.cssSelector("#mi-generate")).click();
        wait.until(d -> !dialog.findElement(By.cssSelector("#mi-email-error")).getText().isBlank());
        assertThat(dialog.findElement(By.cssSelector("#mi-email")).getDomAttribute("aria-invalid")).isEqualTo("true");
        setValue(dialog, "#mi-email", invitee);
        dialog.findElement(By.cssSelector("#mi-generate")).click();
        wait.until(d -> !dialog.findElements(By.cssSelector("#mi-link")).isEmpty());
        String link = dialog.findElement(By.cssSelector("#mi-link")).getDomProperty("value");
        assertThat(link).startsWith(server.realmUrl(KeycloakServer.DEMO_REALM) + "/login-actions/action-token");
        dialog.findElement(By.cssSelector("#mi-copy")).click();
        wait.until(d -> dialog.findElement(By.cssSelector("#mi-copy-status")).getText().equals("Link copied."));
        assertNoViolations(owner, "confirmation");
        dialog.findElement(By.cssSelector("#mi-close")).click();

        // the invites list
        owner.navigate().refresh();
        WebElement row = inviteRow(owner, invitee);
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("pending");

        // the invitee, in a fresh browser: landing, standard entry, the app as viewer
        WebDriver guest = BrowserExtension.start();
        try {
            guest.get(link);
            new WebDriverWait(guest, Duration.ofSeconds(30))
                    .until(ExpectedConditions.elementToBeClickable(By.id("media-invite-continue"))).click();
            new WebDriverWait(guest, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("role")));
            assertThat(guest.getCurrentUrl()).isEqualTo(app.baseUrl() + "/media/demo-video");
            assertThat(guest.findElement(By.id("role")).getText()).isEqualTo("You are here as Viewer.");
            assertThat(guest.findElement(By.id("invite-note")).getText()).matches("Signed in by invite until \\d\\d:\\d\\d\\.");
            assertNoViolations(guest, "invitee's media page");
            guest.manage().window().setSize(new Dimension(375, 800));
            assertNoViolations(guest, "invitee's media page at 375 px");

            // revoke in the list: the invitee's next page load is refused
            owner.navigate().refresh();
            inviteRow(owner, invitee).findElement(By.cssSelector("button.revoke")).click();
            try {
                new WebDriverWait(owner, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#invites tbody tr"))
                        .stream().anyMatch(tr -> tr.getText().contains(invitee) && tr.getText().contains("revoked")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("not revoked: " + owner.getCurrentUrl() + "\n" + owner.getPageSource(), e);
            }
            guest.navigate().refresh();
            assertThat(guest.findElement(By.id("access-ended")).getText()).contains("has ended");
        } finally {
            guest.quit();
        }
    }

    @Test
    void aWebcastOffersLiveRolesAndTheSpeakerWaitsForTheStart(WebDriver owner) throws Exception {
        app.registerMedia(Duration.ofSeconds(75)); // time for the owner's steps on a slow machine
        try (TestSmtp smtp = TestSmtp.startFor(server)) {
            signInAsOwner(owner);
            owner.get(app.baseUrl() + "/media/demo-webcast");
            keyboardOnly(owner);
            SearchContext dialog = openDialog(owner);
            assertThat(roles(dialog)).containsExactlyInAnyOrder("Viewer", "Moderator", "Speaker");
            // with the realm's SMTP server, the e-mail box is there, and the mail arrives
            assertThat(dialog.findElement(By.cssSelector("#mi-send-row")).isDisplayed()).isTrue();
            String speaker = Fixtures.unique("spk") + "@example.com";
            setValue(dialog, "#mi-email", speaker);
            setValue(dialog, "#mi-firstName", "Sam");
            setValue(dialog, "#mi-lastName", "Speaker");
            new Select(dialog.findElement(By.cssSelector("#mi-role"))).selectByValue("speaker");
            dialog.findElement(By.cssSelector("#mi-sendEmail")).click();
            dialog.findElement(By.cssSelector("#mi-generate")).click();
            WebDriverWait wait = new WebDriverWait(owner, Duration.ofSeconds(20));
            wait.until(d -> !dialog.findElements(By.cssSelector("#mi-link")).isEmpty());
            String link = dialog.findElement(By.cssSelector("#mi-link")).getDomProperty("value");
            assertThat(smtp.server().waitForIncomingEmail(15_000, 1)).isTrue();
            MimeMessage mail = smtp.server().getReceivedMessages()[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(speaker);

            // the same person was also invited as viewer (by the API): R8, the higher role wins at the next refresh
            Map<String, Object> asViewer = IssuanceIT.invite(speaker);
            asViewer.put("firstName", "Sam");
            asViewer.put("lastName", "Speaker");
            asViewer.put("role", "viewer");
            asViewer.put("redirectUri", app.baseUrl() + "/media/demo-webcast"); // as the dialog sends it
            Api api = new Api(server);
            Api.Reply viewerInvite = api.post("/media/demo-webcast/invites", api.passwordToken("owner", "owner"), asViewer);
            assertThat(viewerInvite.status()).as(viewerInvite.toString()).isEqualTo(201);

            WebDriver guest = BrowserExtension.start();
            try {
                guest.get(viewerInvite.text("link"));
                new WebDriverWait(guest, Duration.ofSeconds(30))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("media-invite-countdown")));
                assertThat(guest.findElements(By.id("media-invite-continue"))).isEmpty();
                // the page opens the lobby by itself at the start
                new WebDriverWait(guest, Duration.ofSeconds(120))
                        .until(ExpectedConditions.elementToBeClickable(By.id("media-invite-continue"))).click();
                new WebDriverWait(guest, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("role")));
                assertThat(guest.findElement(By.id("role")).getText()).isEqualTo("You are here as Viewer.");
                String mediaPage = guest.getCurrentUrl();

                // the speaker link in the same browser: the lobby again, then the app page shows the new role
                guest.get(link);
                new WebDriverWait(guest, Duration.ofSeconds(30))
                        .until(ExpectedConditions.elementToBeClickable(By.id("media-invite-continue"))).click();
                new WebDriverWait(guest, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("role")));
                guest.get(mediaPage);
                guest.navigate().refresh();
                new WebDriverWait(guest, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("role")));
                assertThat(guest.findElement(By.id("role")).getText()).isEqualTo("You are here as Speaker.");
                assertThat(guest.findElement(By.id("live-controls")).getText()).contains("microphone");
                assertNoViolations(guest, "speaker's media page");
            } finally {
                guest.quit();
            }
        } finally {
            app.registerMedia(Duration.ofMinutes(3));
        }
    }

    /**
     * O7 keyboard use: the open dialog has the focus on its first field, Tab and Shift+Tab stay inside it (focus
     * trap), Escape closes it and gives the focus back to the menu button it was opened from.
     */
    private static void keyboardOnly(WebDriver browser) {
        openDialog(browser);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String inner = "const h = document.getElementById('invite-dialog');"
                + " return h.shadowRoot.activeElement ? h.shadowRoot.activeElement.id : null;";
        assertThat(js.executeScript(inner)).isEqualTo("mi-email");
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        Object last = js.executeScript(inner);
        assertThat(last).as("Shift+Tab from the first field wraps inside the dialog").isNotNull().isNotEqualTo("mi-email");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(js.executeScript(inner)).as("Tab from the last control wraps to the first").isEqualTo("mi-email");
        for (int i = 0; i < 12; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            assertThat(js.executeScript(inner)).as("focus stays in the dialog").isNotNull();
        }
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "media-menu".equals(
                js.executeScript("return document.activeElement ? document.activeElement.id : null;")));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void signInAsOwner(WebDriver browser) {
        browser.get(app.baseUrl() + "/");
        browser.findElement(By.linkText("Sign in")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("owner");
        browser.findElement(By.id("password")).sendKeys("owner");
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "My media"));
    }

    private static SearchContext openDialog(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("media-menu"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("invite-users"))).click();
        SearchContext dialog = browser.findElement(By.id("invite-dialog")).getShadowRoot();
        wait.until(d -> !dialog.findElements(By.cssSelector("#mi-role option")).isEmpty());
        assertThat(dialog.findElement(By.cssSelector("#mi-title")).getText()).isEqualTo("Invite users");
        assertThat(dialog.findElement(By.cssSelector("#mi-sub")).getText())
                .isEqualTo("Add users by email, assign roles, and control their access for the session");
        return dialog;
    }

    private static List<String> roles(SearchContext dialog) {
        return dialog.findElements(By.cssSelector("#mi-role option")).stream().map(WebElement::getText).toList();
    }

    private static void setValue(SearchContext dialog, String css, String value) {
        WebElement field = dialog.findElement(By.cssSelector(css));
        field.clear();
        field.sendKeys(value);
    }

    private static WebElement inviteRow(WebDriver browser, String email) {
        return browser.findElements(By.cssSelector("#invites tbody tr")).stream()
                .filter(tr -> tr.getText().contains(email)).findFirst()
                .orElseThrow(() -> new AssertionError("no invite row for " + email));
    }

    private static void assertNoViolations(WebDriver browser, String what) {
        Results results = new AxeBuilder().analyze(browser);
        List<Rule> violations = results.getViolations();
        assertThat(violations).as(what + ": " + violations.stream()
                .map(v -> v.getId() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
    }

    private ClientResource mediaApp() {
        ClientRepresentation rep = server.admin().realm(KeycloakServer.DEMO_REALM).clients().findByClientId(Api.APP).get(0);
        return server.admin().realm(KeycloakServer.DEMO_REALM).clients().get(rep.getId());
    }
}
