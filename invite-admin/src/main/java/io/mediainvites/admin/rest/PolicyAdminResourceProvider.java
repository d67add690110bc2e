package io.mediainvites.admin.rest;

import io.mediainvites.model.http.ContentTypeRefusal;
import io.mediainvites.model.http.RequestContentType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Hands Keycloak the admin resource for one request. */
public class PolicyAdminResourceProvider implements AdminRealmResourceProvider {

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        // S13: an unparseable Content-Type would make the framework fail before our code runs
        return RequestContentType.unparseable(session) ? new ContentTypeRefusal(session)
                : new PolicyAdminResource(session, realm, auth, adminEvent);
    }

    @Override
    public void close() {
        // request-scoped, nothing held
    }
}
