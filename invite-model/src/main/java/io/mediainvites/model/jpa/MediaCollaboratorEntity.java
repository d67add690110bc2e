package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A user's collaborator role on a media entry (M3). */
@Entity
@Table(name = "MI_MEDIA_COLLABORATOR")
public class MediaCollaboratorEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "MEDIA_PK", nullable = false)
    private MediaEntryEntity media;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "ROLE", length = 32, nullable = false)
    private String role;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public MediaEntryEntity getMedia() { return media; }
    public void setMedia(MediaEntryEntity media) { this.media = media; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRole() { return role; }
    public void setRole(String role) { this.role = role; }
}
