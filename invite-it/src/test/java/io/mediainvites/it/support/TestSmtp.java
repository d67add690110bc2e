package io.mediainvites.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * A real SMTP server (GreenMail on a free loopback port) that the demo realm sends through while a test
 * class runs; {@link #close()} gives the realm its previous SMTP settings back and stops the server.
 */
public final class TestSmtp implements AutoCloseable {

    private final GreenMail server;
    private final RealmResource realm;
    private final Map<String, String> previous;

    private TestSmtp(GreenMail server, RealmResource realm, Map<String, String> previous) {
        this.server = server;
        this.realm = realm;
        this.previous = previous;
    }

    /** Starts the server and points the demo realm's SMTP settings at it. */
    public static TestSmtp startFor(KeycloakServer keycloak) {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        RealmResource realm = keycloak.admin().realm(KeycloakServer.DEMO_REALM);
        RealmRepresentation rep = realm.toRepresentation();
        Map<String, String> previous = rep.getSmtpServer() == null ? new HashMap<>() : new HashMap<>(rep.getSmtpServer());
        TestSmtp smtp = new TestSmtp(server, realm, previous);
        rep.setSmtpServer(smtp.config());
        realm.update(rep);
        return smtp;
    }

    /** The running server, to read what it received. */
    public GreenMail server() {
        return server;
    }

    /** Realm SMTP settings that send through this server. */
    public Map<String, String> config() {
        return config(server.getSmtp().getPort());
    }

    /** Realm SMTP settings that send to {@code port} on the loopback address. */
    public static Map<String, String> config(int port) {
        Map<String, String> config = new HashMap<>();
        config.put("host", "127.0.0.1");
        config.put("port", Integer.toString(port));
        config.put("from", "invites@media.example");
        config.put("fromDisplayName", "Media invites");
        return config;
    }

    @Override
    public void close() {
        try {
            RealmRepresentation rep = realm.toRepresentation();
            rep.setSmtpServer(previous);
            realm.update(rep);
        } finally {
            server.stop();
        }
    }
}
