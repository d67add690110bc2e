package io.mediainvites.it.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.TestSettings;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Keycloak's own floor for a browser sign-in (issue 14 item 4): a copy of the demo realm (same browser flow,
 * theme, events, media-app client and its mappers) whose password policy hashes with one PBKDF2 iteration, with users
 * that never signed in. A password login there is Keycloak's login page, its sign-in of a user new to its caches,
 * its user and client session, its events and the code exchange — a redemption's Keycloak part without our
 * checks, and without the password hashing that dominates a real password login.
 */
final class FloorRealm {

    static final String NAME = "bench-floor";

    private final ConcurrentLinkedQueue<String> unused = new ConcurrentLinkedQueue<>();

    private FloorRealm() {
    }

    static FloorRealm create(DistributionServer server, TestSettings settings, int users) throws Exception {
        ObjectNode json = (ObjectNode) Api.JSON.readTree(Files.readString(settings.realmFile()));
        json.put("realm", NAME);
        json.remove("users");
        json.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
        server.admin().realms().create(Api.JSON.treeToValue(json, RealmRepresentation.class));
        FloorRealm floor = new FloorRealm();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String username = "floor-" + i;
                made.add(pool.submit(() -> floor.createUser(server, username)));
            }
            for (Future<String> f : made) {
                floor.unused.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        return floor;
    }

    private String createUser(DistributionServer server, String username) {
        UserRepresentation user = Fixtures.withPassword(username, username + "@floor.example", "Floor", username);
        try (Response response = server.admin().realm(NAME).users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("cannot create floor user " + username + ": " + response.getStatus());
            }
        }
        return username;
    }

    /** A user that has not signed in yet (each sign-in of the floor takes one, as each redemption takes a guest). */
    String nextUser() {
        String user = unused.poll();
        if (user == null) {
            throw new IllegalStateException("no floor user left");
        }
        return user;
    }

    static String realmUrl(DistributionServer server) {
        return server.realmUrl(NAME);
    }
}
