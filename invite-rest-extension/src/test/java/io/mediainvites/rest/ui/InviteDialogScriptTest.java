package io.mediainvites.rest.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The served dialog script: texts inlined safely, and every text it asks for is in the English bundle. */
class InviteDialogScriptTest {

    static final Path BUNDLE = Path.of("../themes/src/main/resources/theme/media-invites/login/messages/messages_en.properties");

    @Test
    void textsAreInlinedAsJsonThatCannotCloseTheScript() {
        String js = InviteDialogScript.render(Map.of("mediaInviteDialog.title", "Invite </script><b>users"));
        assertThat(js).doesNotContain(InviteDialogScript.PLACEHOLDER).doesNotContain("Invite </script>")
                .contains("\"mediaInviteDialog.title\":\"Invite \\u003c/script>\\u003cb>users\"")
                .contains("customElements.define('media-invite-dialog'");
    }

    @Test
    void everyKeyTheScriptUsesHasAnEnglishText() throws IOException {
        String source = InviteDialogScript.render(Map.of());
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = Pattern.compile("t\\('(mediaInviteDialog\\.[A-Za-z.]+)'").matcher(source);
        while (m.find()) {
            keys.add(m.group(1));
        }
        Matcher ternary = Pattern.compile("'(mediaInviteDialog\\.[A-Za-z.]+)'").matcher(source);
        while (ternary.find()) {
            keys.add(ternary.group(1));
        }
        keys.removeIf(key -> key.endsWith(".")); // prefixes of the keys built below
        for (String field : new String[] {"email", "firstName", "lastName", "role", "sendEmail"}) {
            keys.add("mediaInviteDialog.field." + field);
        }
        for (String role : new String[] {"viewer", "moderator", "speaker"}) {
            keys.add("mediaInviteDialog.role." + role);
        }
        Properties english = new Properties();
        try (Reader in = Files.newBufferedReader(BUNDLE, StandardCharsets.UTF_8)) {
            english.load(in);
        }
        assertThat(keys).hasSizeGreaterThan(15);
        assertThat(keys).allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
        assertThat(english.getProperty("mediaInviteDialog.subtitle"))
                .isEqualTo("Add users by email, assign roles, and control their access for the session");
    }
}
