package io.mediainvites.model.jpa;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;

/** A media entry registered by a media app (M1, M5): unique per realm, client and the app's own id. */
@Entity
@Table(name = "MI_MEDIA")
@NamedQueries({
    @NamedQuery(name = "mi.media.byKey",
            query = "select m from MediaEntryEntity m where m.realmId = :realmId and m.clientId = :clientId"
                    + " and m.mediaId = :mediaId"),
    @NamedQuery(name = "mi.media.deleteByRealm", query = "delete from MediaEntryEntity m where m.realmId = :realmId")
})
public class MediaEntryEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Internal id of the client (media app) that registered the entry. */
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    /** The media app's own id of the entry. */
    @Column(name = "MEDIA_ID", length = 255, nullable = false)
    private String mediaId;

    @Column(name = "MEDIA_TYPE", length = 32, nullable = false)
    private String mediaType;

    @Column(name = "TITLE", length = 255, nullable = false)
    private String title;

    @Column(name = "DESCRIPTION", length = 2000)
    private String description;

    @Column(name = "STARTS_AT")
    private Long startsAt;

    @Column(name = "ENDS_AT")
    private Long endsAt;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    @OneToMany(mappedBy = "media", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<MediaCollaboratorEntity> collaborators = new ArrayList<>();

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getMediaId() { return mediaId; }
    public void setMediaId(String mediaId) { this.mediaId = mediaId; }
    public String getMediaType() { return mediaType; }
    public void setMediaType(String mediaType) { this.mediaType = mediaType; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Long getStartsAt() { return startsAt; }
    public void setStartsAt(Long startsAt) { this.startsAt = startsAt; }
    public Long getEndsAt() { return endsAt; }
    public void setEndsAt(Long endsAt) { this.endsAt = endsAt; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long updatedAt) { this.updatedAt = updatedAt; }
    public int getVersion() { return version; }
    public List<MediaCollaboratorEntity> getCollaborators() { return collaborators; }
}
