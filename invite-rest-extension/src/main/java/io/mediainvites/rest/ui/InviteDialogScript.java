package io.mediainvites.rest.ui;

import io.mediainvites.core.ExtensionInfo;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;
import org.keycloak.util.JsonSerialization;

/**
 * O7: {@code GET /realms/{realm}/media-invites/ui/invite-dialog.js}, the embeddable "Invite users" dialog.
 * The script is a resource of this jar; its texts are the {@value #PREFIX}* and API error messages of the
 * {@code media-invites} login theme's bundles (with the realm's overrides) in the request's locale, inlined
 * as JSON. Cacheable: an ETag over version, locale and texts; {@code ?v=<version>} may be added by pages.
 */
public final class InviteDialogScript {

    private static final Logger LOG = Logger.getLogger(InviteDialogScript.class);
    static final String RESOURCE = "io/mediainvites/rest/ui/invite-dialog.js";
    static final String PLACEHOLDER = "/*MESSAGES*/{}";
    static final String PREFIX = "mediaInviteDialog.";
    static final String ERROR_PREFIX = "mediaInvites.error.";
    static final String THEME = "media-invites";
    private static final String SOURCE = load();

    private InviteDialogScript() {
    }

    public static Response serve(KeycloakSession session, String ifNoneMatch) {
        RealmModel realm = session.getContext().getRealm();
        Locale locale = session.getContext().resolveLocale(null, Theme.Type.LOGIN);
        String body = render(texts(session, realm, locale));
        EntityTag tag = new EntityTag(sha256(ExtensionInfo.get().version() + '\n' + body));
        Response.ResponseBuilder response = ifNoneMatch != null && ifNoneMatch.contains(tag.getValue())
                ? Response.notModified(tag) : Response.ok(body, "text/javascript; charset=utf-8").tag(tag);
        return response.header("Cache-Control", "public, max-age=300")
                .header("Access-Control-Allow-Origin", "*")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** The script with its texts inlined; a JSON object literal cannot break out of the script. */
    static String render(Map<String, String> texts) {
        try {
            String json = JsonSerialization.writeValueAsString(texts).replace("<", "\\u003c");
            return SOURCE.replace(PLACEHOLDER, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> texts(KeycloakSession session, RealmModel realm, Locale locale) {
        Map<String, String> texts = new TreeMap<>();
        try {
            Theme theme = session.theme().getTheme(THEME, Theme.Type.LOGIN);
            Properties messages = theme.getEnhancedMessages(realm, locale);
            for (String key : messages.stringPropertyNames()) {
                if (key.startsWith(PREFIX) || key.startsWith(ERROR_PREFIX)) {
                    texts.put(key, messages.getProperty(key));
                }
            }
        } catch (IOException e) {
            LOG.warnf("invite dialog texts could not be read from theme %s: %s", THEME, e.getMessage());
        }
        return texts;
    }

    private static String load() {
        try (InputStream in = InviteDialogScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
