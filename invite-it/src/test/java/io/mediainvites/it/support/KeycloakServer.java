package io.mediainvites.it.support;

import org.keycloak.admin.client.Keycloak;

/** The one Keycloak an integration-test run talks to. */
public interface KeycloakServer {

    String DEMO_REALM = "media";

    /** {@code http://host:port}, no trailing slash. */
    String baseUrl();

    /** {@code http://host:port} of the management interface (health, {@code /metrics}), no trailing slash. */
    String managementUrl();

    /** Admin client logged in to the master realm as the bootstrap admin. */
    Keycloak admin();

    /** How this server runs ("distribution" or "testcontainers") and on which database. */
    String description();

    /** JDBC access to Keycloak's database, for assertions on rows; null where the database is embedded. */
    Database database();

    /**
     * The realm's export with its users ({@code kc.sh export}, as an administrator makes it), as JSON text; empty where
     * this server cannot export while it runs (embedded database, container).
     */
    default java.util.Optional<String> exportRealmWithUsers(String realm) {
        return java.util.Optional.empty();
    }

    default String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }
}
