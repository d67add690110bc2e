package io.mediainvites.it.support;

import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one Keycloak for the whole test run (lazily, on the first test that needs it), hands it to
 * tests as a {@link KeycloakServer} parameter, and stops it when the run ends, failed or not.
 */
public final class KeycloakExtension implements ParameterResolver {

    private static final Logger LOG = Logger.getLogger(KeycloakExtension.class.getName());
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == TestSettings.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == TestSettings.class) {
            return settings(context);
        }
        return server(context);
    }

    static TestSettings settings(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestSettings.class, k -> TestSettings.fromSystemProperties(), TestSettings.class);
    }

    static KeycloakServer server(ExtensionContext context) {
        TestSettings settings = settings(context);
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, k -> new Started(startServer(settings)), Started.class)
                .server();
    }

    private static KeycloakServer startServer(TestSettings settings) {
        ServerRuntime runtime = ServerRuntime.choose(settings.testcontainersRequested(), settings.postgres(),
                settings.testcontainersRequested() && ContainerServer.dockerAvailable());
        if (settings.testcontainersRequested() && runtime == ServerRuntime.DISTRIBUTION) {
            LOG.warning("Testcontainers requested but no Docker engine (or a database run): using the distribution");
        }
        KeycloakServer server = runtime == ServerRuntime.TESTCONTAINERS
                ? ContainerServer.start(settings)
                : DistributionServer.start(settings);
        LOG.info(() -> "Integration tests run against Keycloak " + server.description() + " at " + server.baseUrl());
        withoutInitiateLoginUri(server);
        return server;
    }

    /**
     * The demo realm gives media-app an initiate-login URI (the demo app's standard entry, R11). The tests run
     * media-app without it, on the documented fallback (the code redirect); a test of the standard entry sets
     * it for its own duration ({@code StandardEntryIT}, {@code DemoAppBrowserIT}).
     */
    public static void withoutInitiateLoginUri(KeycloakServer server) {
        var client = server.admin().realm(KeycloakServer.DEMO_REALM).clients()
                .findByClientId(Api.APP).get(0);
        if (client.getAttributes() != null && client.getAttributes().containsKey(INITIATE_LOGIN_URI)) {
            client.getAttributes().put(INITIATE_LOGIN_URI, ""); // blank is "none"; an absent key would be kept
            server.admin().realm(KeycloakServer.DEMO_REALM).clients().get(client.getId()).update(client);
        }
    }

    /** The client attribute of the standard entry (io.mediainvites.authenticator.redeem.ThirdPartyLogin). */
    public static final String INITIATE_LOGIN_URI = "mediaInvites.initiateLoginUri";

    /** Closed by JUnit when the root context closes, i.e. at the end of the run. */
    private record Started(KeycloakServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            ((AutoCloseable) server).close();
        }
    }
}
