package io.mediainvites.it.support;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;
import org.testcontainers.DockerClientFactory;

/**
 * The optional Testcontainers path (only where a Docker engine answers): the official image of the same
 * Keycloak version with the same bundle jar; the demo realm is imported through the admin API.
 */
final class ContainerServer implements KeycloakServer, AutoCloseable {

    private final KeycloakContainer container;
    private final Keycloak admin;

    private ContainerServer(KeycloakContainer container) {
        this.container = container;
        this.admin = container.getKeycloakAdminClient();
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerServer start(TestSettings settings) {
        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + settings.keycloakVersion())
                .withProviderLibsFrom(List.of(settings.bundleJar().toFile()))
                .withFeaturesEnabled(io.mediainvites.harness.ServerProfile.FEATURES)
                .withEnv("KC_METRICS_ENABLED", "true");
        container.start();
        ContainerServer server = new ContainerServer(container);
        try (InputStream in = Files.newInputStream(settings.realmFile())) {
            server.admin.realms().create(JsonSerialization.readValue(in, RealmRepresentation.class));
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
        return server;
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String managementUrl() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(9000);
    }

    @Override
    public Keycloak admin() {
        return admin;
    }

    @Override
    public String description() {
        return "testcontainers " + container.getDockerImageName();
    }

    @Override
    public Database database() {
        return null;
    }

    @Override
    public void close() {
        admin.close();
        container.stop();
    }
}
