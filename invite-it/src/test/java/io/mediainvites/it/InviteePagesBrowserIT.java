package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.BrowserExtension;
import io.mediainvites.it.support.BrowserIT;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestMediaApp;
import io.mediainvites.it.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * R12 in a real Chromium: every page of the invitee (landing, countdown, lobby, ended, refusals, typed e-mail,
 * code entry, sign-in prompt) has no axe-core violation of any impact at 1280 px and at 375 px, and no
 * horizontal scroll on the phone; pages speak the browser's language and show times in its time zone; the
 * countdown becomes the lobby in place. The pictures of README ({@code docs/screenshots}) are taken here.
 */
@KeycloakIT
@BrowserIT
class InviteePagesBrowserIT {

    static final Path PICTURES = Path.of("..", "docs", "screenshots");
    private static final List<String> LOCALES = List.of("en", "de", "fr", "es", "pt-BR", "ja");

    private static TestSmtp mail;
    private static RealmRepresentation saved;

    private Api api;
    private Fixtures fixtures;
    private TestMediaApp app;
    private String appToken;
    private String owner;
    private String ownerToken;

    @BeforeAll
    static void sixLanguagesAndMail(KeycloakServer server) {
        mail = TestSmtp.startFor(server);
        RealmResource realm = server.admin().realm(KeycloakServer.DEMO_REALM);
        saved = realm.toRepresentation();
        RealmRepresentation rep = realm.toRepresentation();
        rep.setInternationalizationEnabled(true);
        rep.setSupportedLocales(new HashSet<>(LOCALES));
        rep.setDefaultLocale("en");
        realm.update(rep);
    }

    @AfterAll
    static void restore(KeycloakServer server) {
        try {
            RealmResource realm = server.admin().realm(KeycloakServer.DEMO_REALM);
            RealmRepresentation rep = realm.toRepresentation();
            rep.setInternationalizationEnabled(saved.isInternationalizationEnabled());
            rep.setSupportedLocales(saved.getSupportedLocales() == null ? new HashSet<>() : saved.getSupportedLocales());
            rep.setDefaultLocale(saved.getDefaultLocale());
            realm.update(rep);
        } finally {
            mail.close();
        }
    }

    @BeforeEach
    void setUp(KeycloakServer server) throws Exception {
        api = new Api(server);
        fixtures = new Fixtures(server);
        app = new TestMediaApp(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mail.server().purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    @Test
    void landingIsAccessibleOnDesktopAndPhone(WebDriver browser) {
        browser.get(issue(register("video", null, null), Fixtures.unique("land") + "@example.com", "viewer").text("link"));
        waitFor(browser, "media-invite-continue");
        checkBothWidths(browser, "landing");
        // no script: the UTC text in the page's language is what the markup carries
        assertThat(browser.getPageSource()).containsPattern("datetime=\"[0-9T:.Z-]+\">[A-Z][a-z]+day, ");
    }

    @Test
    void countdownBecomesTheLobbyInPlaceAndBothAreAccessible(WebDriver browser) {
        Instant start = Instant.now().plusSeconds(40);
        String media = register("webcast", start, start.plusSeconds(3600));
        browser.get(issue(media, Fixtures.unique("count") + "@example.com", "moderator").text("link"));
        waitFor(browser, "media-invite-countdown");
        assertThat(browser.getPageSource()).doesNotContain("http-equiv=\"refresh\"");
        assertThat(browser.findElement(By.id("media-invite-countdown")).getAttribute("role")).isEqualTo("timer");
        assertThat(browser.findElement(By.id("media-invite-countdown-status")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(browser.findElement(By.id("media-invite-check-again-button")).getText()).isEqualTo("Check again");
        String first = browser.findElement(By.id("media-invite-countdown")).getText();
        assertThat(first).matches("Starts in 0:00:[0-9]{2}");
        checkBothWidths(browser, "countdown");
        // the clock runs
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !d.findElement(By.id("media-invite-countdown")).getText().equals(first));

        // a mark on this document: it survives only if the lobby comes without a navigation
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("media-invite-continue")));
        assertThat(Instant.now()).isAfterOrEqualTo(start.minusSeconds(1));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument;")).isEqualTo("yes");
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).contains("Lobby");
        checkBothWidths(browser, "lobby");

        browser.findElement(By.id("media-invite-continue")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("status"), "signed in"));
        assertThat(browser.findElement(By.id("claims")).getText()).contains("\"role\":\"moderator\"");
    }

    @Test
    void checkAgainWorksWithoutJavaScript(WebDriver browser) {
        Instant start = Instant.now().plusSeconds(3600);
        browser.get(issue(register("webcast", start, null), Fixtures.unique("nojs") + "@example.com", "viewer").text("link"));
        waitFor(browser, "media-invite-check-again-button");
        // a plain GET form to the link: submitting it natively shows the page again, nothing is used
        browser.findElement(By.id("media-invite-check-again")).submit();
        waitFor(browser, "media-invite-countdown");
        assertThat(browser.getCurrentUrl()).contains("key=");
        assertThat(browser.findElement(By.id("media-invite-start")).getText()).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T")
                .isNotBlank();
    }

    @Test
    void endedAndRefusedPagesAreAccessible(WebDriver browser) {
        String past = register("webcast", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));
        browser.get(issue(past, Fixtures.unique("end") + "@example.com", "viewer").text("link"));
        waitFor(browser, "media-invite-message");
        assertThat(browser.findElement(By.id("media-invite-message")).getAttribute("data-reason")).isEqualTo("media_ended");
        checkBothWidths(browser, "ended");

        // a link changed by hand: Keycloak's error page, worded by our theme
        String link = issue(register("video", null, null), Fixtures.unique("bad") + "@example.com", "viewer").text("link");
        browser.get(link.substring(0, link.length() - 3) + "abc");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("not valid"));
        checkBothWidths(browser, "refusal-invalid");

        // typed address that does not match: our refusal page after the POST
        fixtures.withRealmAttributes(Map.of("mediaInvites.confirmation", "typed"), () -> {
            browser.get(issue(register("video", null, null), Fixtures.unique("typed") + "@example.com", "viewer").text("link"));
            waitFor(browser, "media-invite-email");
            checkBothWidths(browser, "typed-email");
            browser.findElement(By.id("media-invite-email")).sendKeys("someone.else@example.com");
            browser.findElement(By.id("media-invite-continue")).click();
            waitFor(browser, "media-invite-message");
            assertThat(browser.findElement(By.id("media-invite-message")).getAttribute("data-reason")).isEqualTo("email_mismatch");
            checkBothWidths(browser, "refusal");
        });
    }

    @Test
    void aSecondDeviceIsRefusedAccessibly(WebDriver browser) {
        Reply invite = issue(register("video", null, null), Fixtures.unique("dev") + "@example.com", "viewer", Map.of("useLimit", 1));
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "3"), () -> {
            Reply multi = issue(register("video", null, null), Fixtures.unique("dev") + "@example.com", "viewer", Map.of("useLimit", 3));
            browser.get(multi.text("link"));
            waitFor(browser, "media-invite-continue").click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("status"), "signed in"));
            WebDriver other = BrowserExtension.start();
            try {
                other.get(multi.text("link"));
                new WebDriverWait(other, Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("another device"));
                // R15: the mismatch page offers the move (the realm has SMTP here), then asks for the mailed code
                waitFor(other, "media-invite-move-button");
                checkBothWidths(other, "refusal-device");
                other.findElement(By.id("media-invite-move-button")).click();
                waitFor(other, "media-invite-code");
                checkBothWidths(other, "device-move-code");
            } finally {
                other.quit();
            }
        });
        assertThat(invite.status()).isEqualTo(201);
    }

    @Test
    void codeEntryAndSignInPromptAreAccessible(WebDriver browser) {
        fixtures.withRealmAttributes(Map.of("mediaInvites.confirmation", "code"), () -> {
            String email = Fixtures.unique("code") + "@example.com";
            browser.get(issue(register("video", null, null), email, "viewer").text("link"));
            waitFor(browser, "media-invite-send-code-button");
            checkBothWidths(browser, "code-send");
            browser.findElement(By.id("media-invite-send-code-button")).click();
            waitFor(browser, "media-invite-code");
            checkBothWidths(browser, "code-entry");
            assertThat(mailsTo(email)).hasSize(1);
        });
        String alice = fixtures.user("alice");
        browser.get(issue(register("video", null, null), alice + "@example.com", "viewer").text("link"));
        waitFor(browser, "media-invite-existing-account");
        checkBothWidths(browser, "sign-in-prompt");
    }

    @Test
    void germanLandingInTheReadersTimeZone() {
        WebDriver browser = BrowserExtension.start("de");
        try {
            BrowserExtension.timeZone(browser, "Europe/Berlin");
            Instant start = Instant.now().plus(Duration.ofDays(2));
            browser.get(issue(register("webcast", start, null), Fixtures.unique("de") + "@example.com", "speaker").text("link"));
            waitFor(browser, "media-invite-countdown");
            assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo("Gleich geht es los");
            assertThat(browser.findElement(By.id("media-invite-role")).getText()).contains("Sprecher/in");
            assertThat(browser.findElement(By.id("media-invite-check-again-button")).getText()).isEqualTo("Erneut prüfen");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            // the start in Berlin time, in German, with the zone named (the markup carried UTC)
            String shown = browser.findElement(By.id("media-invite-start")).getText();
            assertThat(shown).contains(DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Europe/Berlin")).format(start))
                    .contains(DateTimeFormatter.ofPattern("MMMM", java.util.Locale.GERMAN).withZone(ZoneId.of("Europe/Berlin")).format(start))
                    .containsPattern("MEZ|MESZ|GMT\\+");
            checkBothWidths(browser, "countdown-de");
        } finally {
            browser.quit();
        }
    }

    @Test
    void japaneseLandingInTheReadersTimeZone() {
        WebDriver browser = BrowserExtension.start("ja");
        try {
            BrowserExtension.timeZone(browser, "Asia/Tokyo");
            browser.get(issue(register("video", null, null), Fixtures.unique("ja") + "@example.com", "viewer").text("link"));
            waitFor(browser, "media-invite-continue");
            assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo("招待が届いています");
            assertThat(browser.findElement(By.id("media-invite-continue")).getText()).isEqualTo("続行");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
            String expiry = browser.findElement(By.id("media-invite-expiry")).getText();
            assertThat(expiry).startsWith("このリンクの有効期限:").contains("年").contains("JST");
            checkBothWidths(browser, "landing-ja");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theLanguageGivenAtIssuanceServesWhenTheInviteeSaysNothingElse(WebDriver browser) throws Exception {
        String email = Fixtures.unique("fr") + "@example.com";
        Reply invite = issue(register("video", null, null), email, "viewer", Map.of("locale", "fr", "sendEmail", true));
        // a client that sends no Accept-Language: the issuance language
        io.mediainvites.it.support.WebSession.Page page = new io.mediainvites.it.support.WebSession().get(invite.text("link"));
        assertThat(page.body()).contains("Vous êtes invité(e)").contains("lang=\"fr\"");
        // the invite e-mail too (the invitee has no language of their own)
        List<MimeMessage> mails = mail.server().getReceivedMessages().length == 0 ? List.of()
                : java.util.Arrays.stream(mail.server().getReceivedMessages()).filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(email);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).toList();
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).contains("vous invite à");
        // a language picked on the page wins
        assertThat(new io.mediainvites.it.support.WebSession().get(invite.text("link") + "&kc_locale=es").body())
                .contains("Tienes una invitación");
        // and so does the browser's own language (here English)
        browser.get(invite.text("link"));
        waitFor(browser, "media-invite-continue");
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo("You are invited");
        // a tag that is not a language is refused
        Map<String, Object> bad = IssuanceIT.invite(Fixtures.unique("bad") + "@example.com");
        bad.put("locale", "not a language");
        Reply refused = api.post("/media/" + register("video", null, null) + "/invites", ownerToken, bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("locale");
    }

    // -- helpers

    /** axe-core finds nothing at 1280 px and at 375 px, and the phone layout has no horizontal scroll. */
    static void checkBothWidths(WebDriver browser, String page) {
        for (int width : new int[] {1280, 375}) {
            BrowserExtension.viewport(browser, width, width == 375 ? 812 : 900);
            Results results = new AxeBuilder().analyze(browser);
            List<String> violations = new ArrayList<>();
            for (Rule rule : results.getViolations()) {
                violations.add(rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")));
            }
            assertThat(violations).as("axe-core on %s at %d px", page, width).isEmpty();
            if (width == 375) {
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue()).as("horizontal scroll on %s at 375 px", page).isLessThanOrEqualTo(0);
            }
            BrowserExtension.picture(browser, PICTURES, page + (width == 375 ? "-phone" : "-desktop"));
        }
        BrowserExtension.viewport(browser, 1280, 900);
    }

    private static org.openqa.selenium.WebElement waitFor(WebDriver browser, String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private List<String> mailsTo(String address) {
        List<String> bodies = new ArrayList<>();
        for (MimeMessage m : mail.server().getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    bodies.add(GreenMailUtil.getBody(m));
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return bodies;
    }

    private String register(String type, Instant start, Instant end) {
        String id = Fixtures.unique(type);
        Map<String, Object> media = IssuanceIT.media(type, owner, "owner");
        if (start != null) {
            media.put("startsAt", start.toString());
        }
        if (end != null) {
            media.put("endsAt", end.toString());
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
