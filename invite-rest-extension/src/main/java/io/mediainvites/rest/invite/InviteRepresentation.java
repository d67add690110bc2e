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
        EmailDelivery emailDelivery,
        int openedCount,
        String lastOpenedAt,
        LastRefusal lastRefusal) {

    public record Inviter(String id, String username, String issuedByClient) {
    }

    /** O10: the newest refusal of the invite's link (its reason code, when), or null. */
    public record LastRefusal(String reason, String at) {
    }

    /** status: not_requested, sent, failed; error only for failed. */
    public record EmailDelivery(String status, String error) {
    }
}
