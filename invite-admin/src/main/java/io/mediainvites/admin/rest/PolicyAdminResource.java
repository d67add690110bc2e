package io.mediainvites.admin.rest;

import io.mediainvites.admin.policy.PolicyAdministration;
import io.mediainvites.admin.policy.PolicyJson;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.http.ContentTypes;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.model.http.RequestContentType;
import io.mediainvites.model.policy.RealmInvitePolicy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.mediainvites.model.jpa.WebhookOutboxEntity;
import io.mediainvites.model.webhook.WebhookOutbox;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.keycloak.models.ClientModel;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/media-invites}: the realm's invite policy for identity admins. Reading needs
 * view-realm, writing manage-realm (realm-management roles, or the master realm's admin roles for the realm).
 * Keycloak's admin root has already authenticated the caller (no or a bad token is its 401).
 */
public class PolicyAdminResource {

    /** Resource type of the admin event a policy change leaves. */
    public static final String RESOURCE_TYPE = "MEDIA_INVITES_POLICY";

    private static final Logger LOG = Logger.getLogger(PolicyAdminResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public PolicyAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
    }

    /** The realm's policy; every field present, defaults filled in. */
    @GET
    @Path("policy")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getPolicy() {
        if (!auth.realm().canViewRealm()) {
            return forbidden("Reading the invite policy needs the view-realm role.");
        }
        return RequestContentType.guard(session, refusing(() -> json(RealmInvitePolicy.of(realm), 200)));
    }

    /** Replaces the whole policy (a missing or null field takes its default); answers the stored policy. */
    @PUT
    @Path("policy")
    @Produces(MediaType.APPLICATION_JSON)
    public Response putPolicy(String body) {
        if (!auth.realm().canManageRealm()) {
            return forbidden("Changing the invite policy needs the manage-realm role.");
        }
        return RequestContentType.guard(session, refusing(() -> {
            // S13: the content type is checked here, so a list or garbage is a 400, not the framework's 500
            if (!ContentTypes.isJson(session.getContext().getRequestHeaders().getRequestHeader(HttpHeaders.CONTENT_TYPE))) {
                throw new InviteRuleException(ErrorCode.INVALID_CONTENT_TYPE,
                        "Send the policy with exactly one 'Content-Type: application/json' header (UTF-8).");
            }
            InvitePolicy requested = PolicyJson.read(body);
            InvitePolicy stored = PolicyAdministration.replace(session, realm, requested);
            adminEvent.operation(OperationType.UPDATE)
                    .resourcePath(session.getContext().getUri())
                    .representation(PolicyJson.toMap(stored))
                    .success();
            LOG.infof("invite policy of realm %s changed by %s", realm.getName(),
                    auth.adminAuth().getUser().getUsername());
            return json(stored, 200);
        }));
    }

    /**
     * O11: the realm's webhook events, newest first, optionally of one status ({@code pending}, {@code delivered},
     * {@code failed}: given up after 24 h of retries, or no valid endpoint); view-realm. Never a secret.
     */
    @GET
    @Path("webhooks")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getWebhookEvents(@QueryParam("status") String status, @QueryParam("first") String first,
            @QueryParam("max") String max) {
        if (!auth.realm().canViewRealm()) {
            return forbidden("Reading webhook events needs the view-realm role.");
        }
        return RequestContentType.guard(session, refusing(() -> {
            if (status != null && !WEBHOOK_STATUSES.contains(status)) {
                throw new InviteRuleException(ErrorCode.INVALID_REQUEST, "status",
                        "status must be one of pending, delivered, failed.");
            }
            int from = intParam(first, "first", 0, 0, 1_000_000);
            int size = intParam(max, "max", 50, 1, 200);
            List<Map<String, Object>> events = WebhookOutbox.of(session).list(realm.getId(), status, from, size)
                    .stream().map(this::webhookEvent).toList();
            return Response.ok(events, MediaType.APPLICATION_JSON_TYPE).build();
        }));
    }

    private static final Set<String> WEBHOOK_STATUSES = Set.of(WebhookOutboxEntity.PENDING,
            WebhookOutboxEntity.DELIVERED, WebhookOutboxEntity.FAILED);

    private Map<String, Object> webhookEvent(WebhookOutboxEntity e) {
        ClientModel client = realm.getClientById(e.getClientId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.getId());
        out.put("type", e.getEventType());
        out.put("client", client == null ? null : client.getClientId());
        out.put("inviteId", e.getInviteId());
        out.put("status", e.getStatus());
        out.put("attempts", e.getAttempts());
        out.put("createdAt", iso(e.getCreatedAt()));
        out.put("nextAttemptAt", WebhookOutboxEntity.PENDING.equals(e.getStatus()) ? iso(e.getNextAttemptAt()) : null);
        out.put("deliveredAt", iso(e.getDeliveredAt()));
        out.put("lastError", e.getLastError());
        return out;
    }

    private static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    private static int intParam(String raw, String name, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InviteRuleException(ErrorCode.INVALID_REQUEST, name,
                name + " must be a whole number from " + min + " to " + max + ".");
    }

    private Response forbidden(String why) {
        LOG.debugf("invite policy access refused in realm %s", realm.getName());
        return RequestContentType.guard(session, AdminErrors.of(ErrorCode.FORBIDDEN, why, null));
    }

    private Response refusing(Supplier<Response> body) {
        try {
            return body.get();
        } catch (InviteRuleException e) {
            session.getTransactionManager().setRollbackOnly();
            LOG.debugf("invite policy request refused in realm %s: %s (%s)", realm.getName(), e.code().code(), e.field());
            return AdminErrors.of(e.code(), e.description(), e.field());
        }
    }

    private static Response json(InvitePolicy policy, int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(PolicyJson.write(policy)).build();
    }
}
