package io.mediainvites.admin.console;

import io.mediainvites.admin.policy.RealmReferenceChecks;
import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.core.policy.PolicySetting;
import io.mediainvites.core.policy.PolicySettings;
import io.mediainvites.model.policy.RealmInvitePolicy;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * The "Media invites" tab in the admin console's realm settings (admin UI extension SPI, needs the
 * {@code declarative-ui} feature). The form edits the realm's invite policy: saving validates it (a refusal
 * shows the reason in the console) and stores it in the realm attributes; see {@link PolicyTabMirror} for
 * how the form's copy is kept equal to them.
 */
public class PolicyTabProviderFactory implements UiTabProviderFactory<PolicyTabProvider>, ServerInfoAwareProviderFactory {

    private static final Logger LOG = Logger.getLogger(PolicyTabProviderFactory.class);

    /** The provider id, also the tab's title in the console. */
    public static final String ID = "Media invites";

    /** The tab's route parameter: the console address is {@code #/{realm}/realm-settings/media-invites}. */
    public static final String TAB = "media-invites";

    static final String HELP_TEXT = "Invite policy of the realm for Keycloak Media Invites: link lifetime and uses, "
            + "domain rules, who may invite, e-mail and invite sessions.";

    /** The form: one property per declared setting, label and help text as keys of the admin messages. */
    static final List<ProviderConfigProperty> PROPERTIES = properties();

    /**
     * The console's form fields, derived from the declarations: widget by kind, the default's form value,
     * the allowed values of a choice. Keycloak's admin console translates label and help text with the
     * admin theme's messages, to which the extension adds {@code theme-resources/messages/messages_en.properties}.
     */
    private static List<ProviderConfigProperty> properties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            ProviderConfigurationBuilder.ProviderConfigPropertyBuilder property = builder.property()
                    .name(setting.name())
                    .label(setting.labelKey())
                    .helpText(setting.helpKey())
                    .type(switch (setting.kind()) {
                        case NUMBER -> ProviderConfigProperty.INTEGER_TYPE;
                        case BOOLEAN -> ProviderConfigProperty.BOOLEAN_TYPE;
                        case TEXT -> ProviderConfigProperty.STRING_TYPE;
                        case CHOICE -> ProviderConfigProperty.LIST_TYPE;
                        case LIST -> ProviderConfigProperty.MULTIVALUED_STRING_TYPE;
                    });
            List<String> defaultValue = InvitePolicy.DEFAULTS.toFieldValues().get(setting.name());
            if (defaultValue.size() == 1) {
                property.defaultValue(defaultValue.get(0));
            }
            if (setting.kind() == PolicySetting.Kind.CHOICE) {
                property.options(setting.options());
            }
            if (setting.kind() == PolicySetting.Kind.NUMBER) {
                property.required(true);
            }
            property.add();
        }
        return builder.build();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return HELP_TEXT;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public String getPath() {
        return "/:realm/realm-settings/:tab";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", TAB);
    }

    @Override
    public PolicyTabProvider create(KeycloakSession session, ComponentModel model) {
        return new PolicyTabProvider(PolicyTabMirror.fromConfig(model.getConfig()));
    }

    @Override
    public PolicyTabProvider create(KeycloakSession session) {
        return new PolicyTabProvider(RealmInvitePolicy.of(session.getContext().getRealm()));
    }

    /**
     * Called by Keycloak before the tab's component is stored (console save, our own sync, realm import):
     * the values must form a valid policy; the stored configuration becomes its canonical form (route
     * parameters the console adds, such as {@code realm} and {@code tab}, are dropped).
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        InvitePolicy policy = parse(model);
        model.setConfig(PolicyTabMirror.toConfig(policy));
    }

    /** A console save of a new tab: the form's policy becomes the realm's policy. */
    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        saveFromConsole(session, realm, model);
    }

    /** A console save: the form's policy becomes the realm's policy. */
    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        saveFromConsole(session, realm, newModel);
    }

    private void saveFromConsole(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (PolicyTabMirror.syncing(session)) {
            return;
        }
        InvitePolicy policy = parse(model);
        try {
            RealmReferenceChecks.require(session, realm, policy);
        } catch (InviteRuleException e) {
            session.getTransactionManager().setRollbackOnly();
            throw refusal(e);
        }
        RealmInvitePolicy.write(realm, policy);
        LOG.debugf("invite policy of realm %s saved from the admin console", realm.getName());
    }

    private static InvitePolicy parse(ComponentModel model) {
        try {
            return PolicyTabMirror.fromConfig(model.getConfig());
        } catch (InviteRuleException e) {
            throw refusal(e);
        }
    }

    /**
     * The console shows the message: the setting's label and the reason. Keycloak's component endpoint
     * translates the message and each String parameter with the admin messages in the admin's locale, so the
     * label key becomes the label; our reason is a parameter, not the pattern, so MessageFormat leaves its
     * quotes alone.
     */
    private static ComponentValidationException refusal(InviteRuleException e) {
        String label = PolicySettings.named(e.field()).map(PolicySetting::labelKey)
                .orElse(e.field() == null ? "Invite policy" : e.field());
        return new ComponentValidationException("{0} - {1}", label, e.description());
    }

    @Override
    public void init(Config.Scope config) {
        // no server configuration
    }

    /** Keeps the tab's copy equal to the realm attributes for new and imported realms, and at server start. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                syncQuietly(created.getKeycloakSession(), created.getCreatedRealm());
            } else if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session ->
                        session.realms().getRealmsStream().forEach(realm -> syncQuietly(session, realm)));
            }
        });
    }

    private static void syncQuietly(KeycloakSession session, RealmModel realm) {
        try {
            PolicyTabMirror.sync(session, realm, RealmInvitePolicy.of(realm));
        } catch (InviteRuleException e) {
            LOG.warnf("Realm %s has an invalid media invites policy (%s: %s); fix it in the admin console or "
                    + "through the admin REST endpoint", realm.getName(), e.field(), e.description());
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionInfo.get().operationalInfo();
    }
}
