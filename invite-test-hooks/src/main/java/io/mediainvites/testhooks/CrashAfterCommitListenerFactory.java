package io.mediainvites.testhooks;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Test hook {@value #ID} (issue 14 item 7): a global event listener that, when armed on a node
 * ({@code --spi-events-listener--mi-test-crash-after-commit--armed=true}), halts that node's JVM right after the
 * transaction of an invite redemption commits and before its answer is written, so a test sees a use counted whose
 * answer never arrived. Only redemptions of addresses starting with {@code crash-} (option {@code email-prefix}) are
 * hit. Installed only by the cluster test; never part of the provider bundle.
 */
public final class CrashAfterCommitListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "mi-test-crash-after-commit";

    private boolean armed;
    private String emailPrefix;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new CrashAfterCommitListener(session, armed, emailPrefix);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
        armed = config.getBoolean("armed", false);
        emailPrefix = config.get("email-prefix", "crash-");
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
