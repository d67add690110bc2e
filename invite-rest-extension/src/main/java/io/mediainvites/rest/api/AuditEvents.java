package io.mediainvites.rest.api;

import io.mediainvites.rest.auth.Caller;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Admin events for media registration and invite create/revoke, in the realm's admin-event store
 * (when admin events are enabled). Details carry ids, never a token or a link.
 */
public final class AuditEvents {

    public static final String RESOURCE_MEDIA = "MEDIA_INVITES_MEDIA";
    public static final String RESOURCE_INVITE = "MEDIA_INVITES_INVITE";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;

    public AuditEvents(KeycloakSession session, Caller caller) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.caller = caller;
    }

    public void media(OperationType operation, String mediaId, Object representation) {
        builder(RESOURCE_MEDIA, operation, "media-invites/media/" + mediaId, representation)
                .detail("media_id", mediaId)
                .success();
    }

    public void invite(OperationType operation, String mediaId, String inviteId, Object representation) {
        builder(RESOURCE_INVITE, operation, "media-invites/invites/" + inviteId, representation)
                .detail("media_id", mediaId)
                .detail("invite_id", inviteId)
                .success();
    }

    /**
     * An invite issued (CREATE), with its media type and role: the metrics listener counts these
     * ({@code io.mediainvites.model.metrics}).
     */
    public void inviteIssued(String mediaId, String mediaType, String inviteId, String role, Object representation) {
        builder(RESOURCE_INVITE, OperationType.CREATE, "media-invites/invites/" + inviteId, representation)
                .detail("media_id", mediaId)
                .detail("invite_id", inviteId)
                .detail("media_type", mediaType)
                .detail("role", role)
                .success();
    }

    /**
     * E2: the outcome of an invite e-mail ({@code sent} or {@code failed}) as an ACTION on
     * {@code media-invites/invites/{id}/email}, with the invite id and the redacted reason; never the link.
     */
    public void inviteEmail(String mediaId, String inviteId, String status, String error, boolean resend) {
        AdminEventBuilder builder = builder(RESOURCE_INVITE, OperationType.ACTION,
                "media-invites/invites/" + inviteId + "/email", null)
                .detail("media_id", mediaId)
                .detail("invite_id", inviteId)
                .detail("email_status", status)
                .detail("resend", Boolean.toString(resend));
        if (error != null) {
            builder.detail("email_error", error);
            builder.getEvent().setError("email_send_failed");
        }
        builder.success();
    }

    /**
     * S9: a re-issued link, as an ACTION on {@code media-invites/invites/{id}/link} with the invite, the inviter
     * it was issued for and the new link generation; never the link.
     */
    public void inviteLink(String mediaId, String inviteId, String inviterId, int generation) {
        builder(RESOURCE_INVITE, OperationType.ACTION, "media-invites/invites/" + inviteId + "/link", null)
                .detail("media_id", mediaId)
                .detail("invite_id", inviteId)
                .detail("inviter_id", inviterId)
                .detail("link_generation", Integer.toString(generation))
                .success();
    }

    private AdminEventBuilder builder(String resource, OperationType operation, String path, Object representation) {
        AdminAuth auth = new AdminAuth(realm, caller.token(), caller.user(), caller.app());
        AdminEventBuilder builder = new AdminEventBuilder(realm, auth, session, session.getContext().getConnection())
                .resource(resource)
                .operation(operation)
                .resourcePath(path)
                .detail("client_id", caller.app().getClientId());
        if (representation != null) {
            builder.representation(representation);
        }
        return builder;
    }
}
