package io.mediainvites.rest.invite;

/** An invite as the API returns it (I5, I7). {@code link} only while the invite can still be redeemed. */
public record InviteRepresentation(
        String id,
        String mediaId,
        String email,
        String firstName,
        String lastName,
        String role,
        String status,
        String link,
        String createdAt,
        String expiresAt,
        int useLimit,
        int useCount,
        Inviter inviter,
        String redirectUri,
        String revokedAt,
        String revokeReason,
        EmailDelivery emailDelivery) {

    public record Inviter(String id, String username, String issuedByClient) {
    }

    /** status: not_requested, sent, failed; error only for failed. */
    public record EmailDelivery(String status, String error) {
    }
}
