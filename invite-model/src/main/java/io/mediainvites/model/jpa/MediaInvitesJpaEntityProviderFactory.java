package io.mediainvites.model.jpa;

import io.mediainvites.core.ExtensionInfo;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Adds our entities and Liquibase changelog to Keycloak's persistence unit; removes our rows with a realm. */
public class MediaInvitesJpaEntityProviderFactory implements JpaEntityProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "media-invites";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new MediaInvitesJpaEntityProvider();
    }

    @Override
    public void init(Config.Scope config) {
        // no configuration
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                var em = removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager();
                String realmId = removed.getRealm().getId();
                em.createNamedQuery("mi.session.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("mi.rate.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("mi.retry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("mi.invite.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("mi.stats.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("mi.activity.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("mi.outbox.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
                em.createQuery("select m from MediaEntryEntity m where m.realmId = :realmId", MediaEntryEntity.class)
                        .setParameter("realmId", realmId)
                        .getResultList()
                        .forEach(em::remove);
            }
        });
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionInfo.get().operationalInfo();
    }
}
