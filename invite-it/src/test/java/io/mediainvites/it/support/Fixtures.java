package io.mediainvites.it.support;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Creates what a test needs in the demo realm through the admin client, with unique names. */
public final class Fixtures {

    private final RealmResource realm;

    public Fixtures(KeycloakServer server) {
        this.realm = server.admin().realm(KeycloakServer.DEMO_REALM);
    }

    public RealmResource realm() {
        return realm;
    }

    /** Waits, for tests about time passing (lifetimes, scheduled tasks); interrupts end the test. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A user with password equal to the username; returns the username. */
    public String user(String prefix, String... realmRoles) {
        String username = unique(prefix);
        UserRepresentation user = withPassword(username, username + "@example.com", "First " + prefix, "Last " + prefix);
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("cannot create user " + username + ": " + response.getStatus());
            }
        }
        if (realmRoles.length > 0) {
            String id = realm.users().search(username, true).get(0).getId();
            realm.users().get(id).roles().realmLevel()
                    .add(List.of(realmRoles).stream().map(r -> realm.roles().get(r).toRepresentation()).toList());
        }
        return username;
    }

    /** An enabled user with a verified e-mail whose (permanent) password is its username. */
    public static UserRepresentation withPassword(String username, String email, String firstName, String lastName) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEnabled(true);
        user.setEmailVerified(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(username);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        return user;
    }

    /** Sets realm attributes (full keys, e.g. {@code mediaInvites.useLimit}) for the duration of {@code body}, then restores the previous values. */
    public void withRealmAttributes(Map<String, String> attributes, Runnable body) {
        RealmRepresentation before = realm.toRepresentation();
        Map<String, String> saved = before.getAttributes() == null ? Map.of() : Map.copyOf(before.getAttributes());
        update(rep -> rep.getAttributes().putAll(attributes));
        try {
            body.run();
        } finally {
            // a blank policy attribute means "the default"
            update(rep -> attributes.keySet().forEach(k -> rep.getAttributes().put(k, saved.getOrDefault(k, ""))));
        }
    }

    private void update(Consumer<RealmRepresentation> change) {
        RealmRepresentation rep = realm.toRepresentation();
        if (rep.getAttributes() == null) {
            rep.setAttributes(new java.util.HashMap<>());
        }
        change.accept(rep);
        realm.update(rep);
    }
}
