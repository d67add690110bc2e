package io.mediainvites.admin.console;

import io.mediainvites.core.policy.InvitePolicy;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;

/** The "Media invites" tab of one realm: the typed policy its form shows. Holds no resources. */
public class PolicyTabProvider implements UiTabProvider {

    private final InvitePolicy policy;

    public PolicyTabProvider(InvitePolicy policy) {
        this.policy = policy;
    }

    /** The policy the tab's form holds. */
    public InvitePolicy policy() {
        return policy;
    }

    @Override
    public String getHelpText() {
        return PolicyTabProviderFactory.HELP_TEXT;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PolicyTabProviderFactory.PROPERTIES;
    }

    @Override
    public void close() {
        // nothing held
    }
}
