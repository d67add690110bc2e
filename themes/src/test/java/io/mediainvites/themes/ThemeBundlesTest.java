package io.mediainvites.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R12: both themes (login pages and e-mails) speak the six languages. A key missing in any bundle, a bundle
 * the theme does not list (or the other way round), a text left in English, or a message that does not format
 * fails here.
 */
class ThemeBundlesTest {

    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "pt_BR", "ja");
    private static final String ROOT = "theme/media-invites/";
    private static final Pattern MSG_KEY = Pattern.compile("msg\\(\"([A-Za-z_]+)\"\\s*[,)]");
    /** Words that are the same in several languages (product terms, names), allowed to equal the English text. */
    private static final Set<String> SAME_EVERYWHERE = Set.of("mediaInviteSignature", "mediaInviteType_video",
            "mediaInviteType_quiz", "mediaInviteType_document", "mediaInviteType_audio", "mediaInviteType_image",
            "mediaInviteType_playlist", "mediaInviteType_webcast", "mediaInviteLobbyTitle",
            "mediaInviteDialog.role.moderator");

    static Properties bundle(String theme, String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ThemeBundlesTest.class.getClassLoader()
                .getResourceAsStream(ROOT + theme + "/messages/messages_" + language + ".properties")) {
            assertThat(in).as(theme + " " + language).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ThemeBundlesTest.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Stream<Arguments> bundles() {
        List<Arguments> all = new ArrayList<>();
        for (String theme : List.of("login", "email")) {
            for (String language : LANGUAGES) {
                all.add(Arguments.of(theme, language));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bundles")
    void everyBundleHasExactlyTheEnglishKeys(String theme, String language) throws IOException {
        Set<String> english = new TreeSet<>(bundle(theme, "en").stringPropertyNames());
        Set<String> other = new TreeSet<>(bundle(theme, language).stringPropertyNames());
        Set<String> missing = new TreeSet<>(english);
        missing.removeAll(other);
        Set<String> extra = new TreeSet<>(other);
        extra.removeAll(english);
        assertThat(missing).as("keys missing in %s/messages_%s", theme, language).isEmpty();
        assertThat(extra).as("keys only in %s/messages_%s", theme, language).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bundles")
    void everyTextIsTranslatedAndFormats(String theme, String language) throws IOException {
        Properties english = bundle(theme, "en");
        Properties b = bundle(theme, language);
        Locale locale = Locale.forLanguageTag(language.replace('_', '-'));
        for (String key : b.stringPropertyNames()) {
            String text = b.getProperty(key);
            assertThat(text).as("%s %s %s", theme, language, key).isNotBlank();
            if (!language.equals("en") && !SAME_EVERYWHERE.contains(key) && english.getProperty(key).length() > 8) {
                assertThat(text).as("%s %s %s is still English", theme, language, key).isNotEqualTo(english.getProperty(key));
            }
            // a single straight apostrophe would silently swallow text in MessageFormat
            assertThat(text.replace("''", "")).as("%s %s %s: lone apostrophe", theme, language, key).doesNotContain("'");
            String formatted = new MessageFormat(text, locale).format(new Object[] {"A", "B", "C"});
            assertThat(formatted).as(key).doesNotContain("{0}", "{1}", "{2}");
            // the same placeholders as English: a translation neither drops nor invents one
            for (int i = 0; i < 3; i++) {
                assertThat(text.contains("{" + i + "}")).as("%s %s %s placeholder {%s}", theme, language, key, i)
                        .isEqualTo(english.getProperty(key).contains("{" + i + "}"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "email"})
    void theThemeListsExactlyItsBundles(String theme) throws IOException {
        Properties props = new Properties();
        props.load(new java.io.StringReader(resource(theme + "/theme.properties")));
        List<String> listed = Arrays.stream(props.getProperty("locales").split(",")).map(String::trim)
                .map(l -> l.replace('-', '_')).sorted().toList();
        assertThat(listed).isEqualTo(LANGUAGES.stream().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"login/media-invite.ftl", "login/media-invite-message.ftl", "email/html/media-invite.ftl",
            "email/text/media-invite.ftl", "email/html/media-invite-code.ftl", "email/text/media-invite-code.ftl",
            "email/html/media-invite-reminder.ftl", "email/text/media-invite-reminder.ftl"})
    void everyKeyATemplateUsesIsInEveryBundle(String template) throws IOException {
        String theme = template.substring(0, template.indexOf('/'));
        Matcher m = MSG_KEY.matcher(resource(template));
        int keys = 0;
        while (m.find()) {
            keys++;
            for (String language : LANGUAGES) {
                assertThat(bundle(theme, language)).as("%s in %s/messages_%s", m.group(1), theme, language)
                        .containsKey(m.group(1));
            }
        }
        assertThat(keys).isPositive();
    }

    /** Keys the Java code names (refusals, code step messages, mail subjects) are in an English bundle, hence in all. */
    @ParameterizedTest
    @ValueSource(strings = {"../invite-core/src/main/java/io/mediainvites/core/redeem/Refusal.java",
            "../invite-authenticator/src/main/java/io/mediainvites/authenticator/redeem/CodeConfirmation.java",
            "../invite-authenticator/src/main/java/io/mediainvites/authenticator/redeem/InvitePages.java",
            "../invite-authenticator/src/main/java/io/mediainvites/authenticator/redeem/InviteActionTokenHandler.java",
            "../invite-rest-extension/src/main/java/io/mediainvites/rest/reminder/InviteReminders.java"})
    void keysNamedInJavaAreInTheBundles(String source) throws IOException {
        Path path = Path.of(source);
        assertThat(path).isRegularFile();
        Matcher m = Pattern.compile("\"(mediaInvite[A-Z][A-Za-z_]*)\"").matcher(Files.readString(path));
        Properties english = bundle("login", "en");
        english.putAll(bundle("email", "en"));
        while (m.find()) {
            if (!m.group(1).equals("mediaInvite") && !m.group(1).equals("mediaInviteMessage")) {
                assertThat(english).as("%s (named in %s)", m.group(1), path.getFileName()).containsKey(m.group(1));
            }
        }
    }
}
