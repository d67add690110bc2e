package io.mediainvites.admin.console;

import io.mediainvites.admin.policy.RealmReferenceChecks;
import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
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

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(InvitePolicy.ATTR_LINK_LIFETIME_SECONDS).label("Link lifetime (seconds)")
            .helpText("How long a new invite link stays valid, from 300 (5 minutes) to 2592000 (30 days). "
                    + "Default 86400 (24 hours); 7200 is 2 hours. An inviter may ask for less, never more.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("86400").required(true).add()
            .property().name(InvitePolicy.ATTR_USE_LIMIT).label("Uses per link")
            .helpText("How many times a link may be redeemed. 1 (default) for single use, a higher number, or -1 for "
                    + "unlimited. An inviter may ask for fewer uses, never more.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("1").required(true).add()
            .property().name(InvitePolicy.ATTR_DEVICE_BINDING).label("Bind link to first device")
            .helpText("On (default) the first redemption binds the link to that browser; another device is refused.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(InvitePolicy.ATTR_BLOCKED_DOMAINS).label("Blocked e-mail domains")
            .helpText("Addresses of these domains cannot be invited, and their open links stop working. "
                    + "A domain also blocks its subdomains (example.com blocks eu.example.com). One domain per line.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(InvitePolicy.ATTR_ALLOWED_DOMAINS).label("Allowed e-mail domains")
            .helpText("Optional. When set, only addresses of these domains (and their subdomains) may be invited. "
                    + "Leave empty to allow every domain that is not blocked.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(InvitePolicy.ATTR_INVITER_ROLE).label("Inviter role")
            .helpText("Optional name of a realm role a collaborator needs to create invites. With no role, users "
                    + "or groups set, every collaborator of a media entry may invite.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(InvitePolicy.ATTR_INVITER_USERS).label("Inviter users")
            .helpText("Optional usernames allowed to invite (besides the role and groups). One username per line.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(InvitePolicy.ATTR_INVITER_GROUPS).label("Inviter groups")
            .helpText("Optional group paths (such as /staff/editors) whose members and subgroup members may "
                    + "invite. One path per line.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(InvitePolicy.ATTR_INVITE_EMAIL).label("Invite e-mail")
            .helpText("On (default) inviters may have the link sent by e-mail, when the realm has an SMTP server.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(InvitePolicy.ATTR_CONFIRMATION).label("E-mail confirmation")
            .helpText("How an invitee confirms the invited address when redeeming. none (default), typed (type the "
                    + "address) or code (enter a one-time code sent to it).")
            .type(ProviderConfigProperty.LIST_TYPE).options("none", "typed", "code").defaultValue("none").add()
            .property().name(InvitePolicy.ATTR_SESSION_LENGTH_SECONDS).label("Invite session length (seconds)")
            .helpText("Length of the session an invite creates, from 60 to 604800 (7 days). Default 28800 (8 hours).")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("28800").required(true).add()
            .property().name(InvitePolicy.ATTR_ALLOW_PRIVILEGED).label("Allow privileged accounts")
            .helpText("Off (default) privileged accounts such as realm administrators cannot sign in through an "
                    + "invite link.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .build();

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

    /** The console shows the message: the field's label and the reason. */
    private static ComponentValidationException refusal(InviteRuleException e) {
        String label = PROPERTIES.stream().filter(p -> p.getName().equals(e.field())).findFirst()
                .map(ProviderConfigProperty::getLabel).orElse(e.field() == null ? "Invite policy" : e.field());
        // "{0}": Keycloak formats the message with MessageFormat, which would eat quotes in our text
        return new ComponentValidationException("{0}", label + " - " + e.description());
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
