package io.mediainvites.rest.media;

import java.util.List;

/** A registered media entry as the API returns it. */
public record MediaRepresentation(
        String id,
        String type,
        boolean live,
        String title,
        String description,
        String startsAt,
        String endsAt,
        List<CollaboratorRepresentation> collaborators,
        String createdAt,
        String updatedAt) {

    public record CollaboratorRepresentation(String userId, String username, String email, String role) {
    }
}
