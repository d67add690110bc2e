package io.mediainvites.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The invite e-mail's bundles: every language has every key the templates use, and each formats. */
class EmailThemeMessagesTest {

    private static final String ROOT = "theme/media-invites/email/";
    private static final Pattern MSG_KEY = Pattern.compile("msg\\(\"([A-Za-z_]+)\"\\s*[,)]");

    private static Properties bundle(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in = EmailThemeMessagesTest.class.getClassLoader()
                .getResourceAsStream(ROOT + "messages/messages_" + language + ".properties")) {
            assertThat(in).as(language).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = EmailThemeMessagesTest.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void germanHasExactlyTheEnglishKeys() throws IOException {
        assertThat(bundle("de").stringPropertyNames()).isEqualTo(bundle("en").stringPropertyNames());
        assertThat(resource("theme.properties")).contains("locales=en,de,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"html/media-invite.ftl", "text/media-invite.ftl"})
    void everyKeyATemplateUsesIsInEveryBundle(String template) throws IOException {
        String text = resource(template);
        Matcher m = MSG_KEY.matcher(text);
        int keys = 0;
        while (m.find()) {
            keys++;
            for (String language : new String[] {"en", "de"}) {
                assertThat(bundle(language)).as(language).containsKey(m.group(1));
            }
        }
        assertThat(keys).isGreaterThan(5);
        // role and media type labels are looked up by prefix
        for (String language : new String[] {"en", "de"}) {
            Properties b = bundle(language);
            for (String role : new String[] {"viewer", "speaker", "moderator"}) {
                assertThat(b).containsKey("mediaInviteRole_" + role);
            }
            for (String type : new String[] {"video", "quiz", "document", "audio", "image", "playlist",
                    "presentation", "webcast", "simulive", "diy_live", "room"}) {
                assertThat(b).containsKey("mediaInviteType_" + type);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyMessageFormats(String language) throws IOException {
        Properties b = bundle(language);
        for (String key : b.stringPropertyNames()) {
            String formatted = new MessageFormat(b.getProperty(key), Locale.forLanguageTag(language))
                    .format(new Object[] {"A", "B", "C"});
            assertThat(formatted).as(key).doesNotContain("{0}", "{1}", "{2}");
        }
        assertThat(new MessageFormat(b.getProperty("mediaInviteSubject"), Locale.ROOT).format(new Object[] {"T", "O"}))
                .isEqualTo(language.equals("en") ? "O invites you to \"T\"" : "O l\u00e4dt Sie zu \u201eT\u201c ein");
    }
}
