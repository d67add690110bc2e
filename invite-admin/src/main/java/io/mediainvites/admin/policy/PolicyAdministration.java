package io.mediainvites.admin.policy;

import io.mediainvites.admin.console.PolicyTabMirror;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.model.policy.RealmInvitePolicy;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Changes a realm's policy on behalf of an admin: validates the references, stores the policy in the realm
 * attributes (the one source of truth) and refreshes the console tab's copy.
 */
public final class PolicyAdministration {

    private static final Logger LOG = Logger.getLogger(PolicyAdministration.class);

    private PolicyAdministration() {
    }

    public static InvitePolicy replace(KeycloakSession session, RealmModel realm, InvitePolicy policy) {
        RealmReferenceChecks.require(session, realm, policy);
        RealmInvitePolicy.write(realm, policy);
        PolicyTabMirror.sync(session, realm, policy);
        LOG.debugf("invite policy of realm %s replaced", realm.getName());
        return RealmInvitePolicy.of(realm);
    }
}
