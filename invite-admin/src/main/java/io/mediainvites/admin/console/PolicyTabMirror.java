package io.mediainvites.admin.console;

import io.mediainvites.core.policy.InvitePolicy;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * The console tab's copy of the policy. Keycloak's admin console keeps the values of an extension tab in a
 * realm component (type {@link UiTabProvider}, provider {@link PolicyTabProviderFactory#ID}) and reads the
 * form from it. The realm attributes stay the one source of truth: this copy is derived from them whenever
 * we write the policy (REST), a realm is created or imported, and at server start; a console save goes the
 * other way (the factory writes the attributes). At most one such component per realm is kept.
 */
public final class PolicyTabMirror {

    private static final Logger LOG = Logger.getLogger(PolicyTabMirror.class);

    /** Provider type of console tab components. */
    public static final String PROVIDER_TYPE = UiTabProvider.class.getName();

    /** Session attribute set while we write the copy ourselves, so the factory's hooks do not write back. */
    static final String SYNCING = "io.mediainvites.admin.policy-tab-sync";

    private PolicyTabMirror() {
    }

    /** The tab's component configuration for a policy: the policy's form fields, no empty lists. */
    public static MultivaluedHashMap<String, String> toConfig(InvitePolicy policy) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        for (Map.Entry<String, List<String>> field : policy.toFieldValues().entrySet()) {
            if (!field.getValue().isEmpty()) {
                config.put(field.getKey(), new java.util.ArrayList<>(field.getValue()));
            }
        }
        return config;
    }

    /** The policy a tab configuration describes (form semantics: blank takes the default). */
    public static InvitePolicy fromConfig(MultivaluedHashMap<String, String> config) {
        return InvitePolicy.fromFieldValues(config == null ? Map.of() : config);
    }

    /**
     * True if a stored configuration already is the copy of {@code policy}. Keycloak stores the values of
     * a key without order, so the comparison is by value sets (the policy's lists are sets too).
     */
    static boolean shows(MultivaluedHashMap<String, String> stored, InvitePolicy policy) {
        if (stored == null) {
            return false;
        }
        MultivaluedHashMap<String, String> wanted = toConfig(policy);
        if (!stored.keySet().equals(wanted.keySet())) {
            return false;
        }
        for (Map.Entry<String, List<String>> entry : wanted.entrySet()) {
            List<String> values = stored.get(entry.getKey());
            if (values == null || values.size() != entry.getValue().size()
                    || !new java.util.HashSet<>(values).equals(new java.util.HashSet<>(entry.getValue()))) {
                return false;
            }
        }
        return true;
    }

    /** True while the copy is being written by {@link #sync}. */
    static boolean syncing(KeycloakSession session) {
        return Boolean.TRUE.equals(session.getAttribute(SYNCING));
    }

    /** Makes the realm's tab component show {@code policy}: creates it, updates it, or leaves it as is. */
    public static void sync(KeycloakSession session, RealmModel realm, InvitePolicy policy) {
        MultivaluedHashMap<String, String> config = toConfig(policy);
        List<ComponentModel> tabs = realm.getComponentsStream(realm.getId(), PROVIDER_TYPE)
                .filter(c -> PolicyTabProviderFactory.ID.equals(c.getProviderId()))
                .toList();
        Object before = session.getAttribute(SYNCING);
        session.setAttribute(SYNCING, Boolean.TRUE);
        try {
            if (tabs.isEmpty()) {
                ComponentModel tab = new ComponentModel();
                tab.setName(PolicyTabProviderFactory.ID);
                tab.setProviderId(PolicyTabProviderFactory.ID);
                tab.setProviderType(PROVIDER_TYPE);
                tab.setParentId(realm.getId());
                tab.setConfig(config);
                realm.addComponentModel(tab);
                LOG.debugf("created the media invites console tab of realm %s", realm.getName());
                return;
            }
            ComponentModel tab = tabs.get(0);
            if (!shows(tab.getConfig(), policy)) {
                tab.setConfig(config);
                realm.updateComponent(tab);
                LOG.debugf("refreshed the media invites console tab of realm %s", realm.getName());
            }
            for (ComponentModel extra : tabs.subList(1, tabs.size())) {
                realm.removeComponent(extra);
            }
        } finally {
            if (before == null) {
                session.removeAttribute(SYNCING);
            }
        }
    }
}
