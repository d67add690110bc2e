package io.mediainvites.model.jpa;

import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Our entities and where their changelog is. */
public class MediaInvitesJpaEntityProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/media-invites/changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(MediaEntryEntity.class, MediaCollaboratorEntity.class, InviteEntity.class,
                InviteSessionEntity.class, RateCounterEntity.class, JobLeaseEntity.class,
                InviteStatsEntity.class, InviteActivityEntity.class, WebhookOutboxEntity.class,
                RedeemRetryEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return MediaInvitesJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
        // nothing held
    }
}
