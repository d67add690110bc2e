package io.mediainvites.rest.media;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.media.CollaboratorRole;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.media.Schedule;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.core.policy.LiveValidity;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaCollaboratorEntity;
import io.mediainvites.model.policy.RealmInvitePolicy;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.store.InviteStore;
import io.mediainvites.rest.api.ApiException;
import io.mediainvites.rest.auth.Caller;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Registers, updates, reads and deletes media entries of the calling app (M1–M5). */
public final class MediaService {

    static final int MAX_MEDIA_ID = 255;
    static final int MAX_TITLE = 255;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_COLLABORATORS = 100;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InviteStore store;

    public MediaService(KeycloakSession session, InviteStore store) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = store;
    }

    public static void requireValidMediaId(String mediaId) {
        if (mediaId == null || mediaId.isBlank() || mediaId.length() > MAX_MEDIA_ID
                || mediaId.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "mediaId",
                    "The media id must be 1 to " + MAX_MEDIA_ID + " printable characters.");
        }
    }

    public MediaEntryEntity require(Caller caller, String mediaId) {
        requireValidMediaId(mediaId);
        return store.findMedia(realm.getId(), caller.app().getId(), mediaId)
                .orElseThrow(() -> new ApiException(ErrorCode.MEDIA_NOT_FOUND,
                        "No media entry '" + mediaId + "' is registered for this app."));
    }

    /** Creates or replaces the entry; returns true when it was created. Validates everything before writing. */
    public boolean put(Caller caller, String mediaId, MediaRequest request) {
        requireValidMediaId(mediaId);
        MediaType type = MediaType.fromWire(request.type);
        String title = requireText(request.title, "title", MAX_TITLE, true);
        String description = requireText(request.description, "description", MAX_DESCRIPTION, false);
        Schedule schedule = Schedule.of(type, instant(request.startsAt, "startsAt"), instant(request.endsAt, "endsAt"));
        Map<String, CollaboratorRole> collaborators = resolveCollaborators(request.collaborators);

        long now = System.currentTimeMillis();
        MediaEntryEntity entity = store.findMedia(realm.getId(), caller.app().getId(), mediaId).orElse(null);
        boolean created = entity == null;
        if (created) {
            entity = new MediaEntryEntity();
            entity.setId(KeycloakModelUtils.generateId());
            entity.setRealmId(realm.getId());
            entity.setClientId(caller.app().getId());
            entity.setMediaId(mediaId);
            entity.setCreatedAt(now);
        }
        boolean rescheduled = !created && (!java.util.Objects.equals(entity.getStartsAt(), millis(schedule.startsAt()))
                || !java.util.Objects.equals(entity.getEndsAt(), millis(schedule.endsAt())));
        entity.setMediaType(type.wire());
        entity.setTitle(title);
        entity.setDescription(description);
        entity.setStartsAt(schedule.startsAt() == null ? null : schedule.startsAt().toEpochMilli());
        entity.setEndsAt(schedule.endsAt() == null ? null : schedule.endsAt().toEpochMilli());
        entity.setUpdatedAt(now);
        replaceCollaborators(entity, collaborators);
        if (created) {
            store.persist(entity);
        }
        if (rescheduled) {
            moveEventBoundExpiries(entity, schedule);
        }
        store.flush();
        return created;
    }

    /**
     * R14: a rescheduled session moves the expiry of its event-bound invites (end plus the policy's grace, within
     * 30 days of each invite's issue). Used-up, locked and revoked invites stay refused for their own reasons.
     */
    private void moveEventBoundExpiries(MediaEntryEntity entity, Schedule schedule) {
        InvitePolicy policy;
        try {
            policy = RealmInvitePolicy.of(realm);
        } catch (InviteRuleException e) {
            return; // an invalid policy refuses every link anyway (S13)
        }
        for (InviteEntity invite : store.eventBoundInvites(realm.getId(), entity.getClientId(), entity.getMediaId())) {
            long moved = LiveValidity.eventExpiry(Instant.ofEpochMilli(invite.getCreatedAt()), schedule.startsAt(),
                    schedule.endsAt(), policy.liveGrace(), policy.linkLifetime()).toEpochMilli();
            invite.setExpiresAt((moved / 1000) * 1000);
        }
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    public MediaRepresentation represent(MediaEntryEntity media) {
        List<MediaRepresentation.CollaboratorRepresentation> collaborators = new ArrayList<>();
        for (MediaCollaboratorEntity c : media.getCollaborators()) {
            UserModel user = session.users().getUserById(realm, c.getUserId());
            collaborators.add(new MediaRepresentation.CollaboratorRepresentation(c.getUserId(),
                    user == null ? null : user.getUsername(), user == null ? null : user.getEmail(), c.getRole()));
        }
        MediaType type = MediaType.fromWire(media.getMediaType());
        return new MediaRepresentation(media.getMediaId(), type.wire(), type.live(), media.getTitle(),
                media.getDescription(), iso(media.getStartsAt()), iso(media.getEndsAt()), collaborators,
                iso(media.getCreatedAt()), iso(media.getUpdatedAt()));
    }

    public static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    private Map<String, CollaboratorRole> resolveCollaborators(List<MediaRequest.Collaborator> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "collaborators",
                    "A media entry needs at least one collaborator (its owner).");
        }
        if (requested.size() > MAX_COLLABORATORS) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "collaborators",
                    "At most " + MAX_COLLABORATORS + " collaborators.");
        }
        Map<String, CollaboratorRole> byUser = new HashMap<>();
        for (MediaRequest.Collaborator c : requested) {
            if (c == null || c.user == null || c.user.isBlank()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "collaborators",
                        "Each collaborator needs a user (id, username or e-mail).");
            }
            CollaboratorRole role = CollaboratorRole.fromWire(c.role);
            UserModel user = findUser(c.user.trim());
            if (user == null) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "collaborators",
                        "No user '" + c.user.trim() + "' in this realm.");
            }
            byUser.put(user.getId(), role);
        }
        return byUser;
    }

    public UserModel findUser(String ref) {
        if (ref.isEmpty() || ref.length() > 255 || ref.chars().anyMatch(Character::isISOControl)) {
            return null; // no user has such an id, name or e-mail (and PostgreSQL refuses null bytes in text)
        }
        UserModel user = session.users().getUserById(realm, ref);
        if (user == null) {
            user = session.users().getUserByUsername(realm, ref);
        }
        if (user == null && ref.contains("@")) {
            user = session.users().getUserByEmail(realm, ref);
        }
        return user;
    }

    private static void replaceCollaborators(MediaEntryEntity entity, Map<String, CollaboratorRole> wanted) {
        entity.getCollaborators().removeIf(c -> !wanted.containsKey(c.getUserId()));
        for (Map.Entry<String, CollaboratorRole> e : wanted.entrySet()) {
            MediaCollaboratorEntity existing = entity.getCollaborators().stream()
                    .filter(c -> c.getUserId().equals(e.getKey())).findFirst().orElse(null);
            if (existing != null) {
                existing.setRole(e.getValue().wire());
            } else {
                MediaCollaboratorEntity c = new MediaCollaboratorEntity();
                c.setId(KeycloakModelUtils.generateId());
                c.setMedia(entity);
                c.setUserId(e.getKey());
                c.setRole(e.getValue().wire());
                entity.getCollaborators().add(c);
            }
        }
    }

    private static String requireText(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, field, "The field '" + field + "' is required.");
            }
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && (required || c != '\n' && c != '\r' && c != '\t'))) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, field,
                    "The field '" + field + "' must not contain control characters.");
        }
        if (trimmed.length() > max) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, field,
                    "The field '" + field + "' is longer than " + max + " characters.");
        }
        return trimmed;
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_SCHEDULE, field,
                    "The field '" + field + "' must be an ISO-8601 instant such as 2026-12-01T18:00:00Z.");
        }
    }
}
