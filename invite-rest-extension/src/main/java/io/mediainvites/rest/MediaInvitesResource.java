package io.mediainvites.rest;

import io.mediainvites.model.activity.InviteActivity;
import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.invite.InviteStatus;
import io.mediainvites.core.limit.RateDecision;
import io.mediainvites.core.limit.RateRule;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.model.http.RequestContentType;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.limit.RateLimiter;
import io.mediainvites.model.policy.RealmInvitePolicy;
import io.mediainvites.model.store.InviteSessions;
import io.mediainvites.model.store.InviteStore;
import io.mediainvites.rest.api.ApiException;
import io.mediainvites.rest.api.ApiResponses;
import io.mediainvites.rest.api.AuditEvents;
import io.mediainvites.rest.api.CorsOrigins;
import io.mediainvites.rest.api.JsonBodies;
import io.mediainvites.rest.auth.Caller;
import io.mediainvites.rest.auth.CallerResolver;
import io.mediainvites.rest.auth.InvitePermissions;
import io.mediainvites.rest.invite.BatchBodies;
import io.mediainvites.rest.invite.BatchRequest;
import io.mediainvites.rest.invite.InviteBatch;
import io.mediainvites.rest.invite.InviteEmails;
import io.mediainvites.rest.invite.ActivityRepresentation;
import io.mediainvites.rest.invite.InviteRepresentation;
import io.mediainvites.rest.invite.LinkRequest;
import io.mediainvites.rest.invite.InviteRequest;
import io.mediainvites.rest.invite.InviteService;
import io.mediainvites.rest.invite.InviteeLookup;
import io.mediainvites.rest.media.MediaRepresentation;
import io.mediainvites.rest.media.MediaRequest;
import io.mediainvites.rest.media.MediaService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.cors.Cors;

/**
 * {@code /realms/{realm}/media-invites}: the API media apps call with a bearer token (see docs/openapi.yaml).
 * Every answer is JSON; every refusal has an {@code error} code and an {@code error_description}.
 */
public class MediaInvitesResource {

    static final int MAX_PAGE = 100;
    static final String JSON = jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

    private final KeycloakSession session;
    private final RealmModel realm;

    public MediaInvitesResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** Public description of the extension: lets a media app check it is installed and which version runs. */
    @GET
    @Path("info")
    @Produces(JSON)
    public Response describe() {
        ExtensionInfo info = ExtensionInfo.get();
        return RequestContentType.guard(session, Response.ok(Map.of("extension", info.name(), "version", info.version(),
                "realm", realm.getName())).type(JSON).build());
    }

    /** O7: the embeddable "Invite users" dialog, a web component any media app adds with one script tag. */
    @GET
    @Path("ui/invite-dialog.js")
    public Response inviteDialogScript(@jakarta.ws.rs.HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return RequestContentType.guard(session, io.mediainvites.rest.ui.InviteDialogScript.serve(session, ifNoneMatch));
    }

    /** CORS preflight for browser-based media apps. */
    @OPTIONS
    @Path("{any:.*}")
    public Response preflight() {
        return RequestContentType.guard(session, Cors.builder().preflight().allowedMethods("GET", "PUT", "POST", "DELETE")
                .auth().add(Response.ok()));
    }

    /** I8: roles by media type, policy limits, whether e-mail sending is available. */
    @GET
    @Path("capabilities")
    @Produces(JSON)
    public Response capabilities(@QueryParam("mediaType") String mediaType) {
        return authenticated(ctx -> {
            List<MediaType> types = mediaType == null || mediaType.isBlank()
                    ? List.of(MediaType.values()) : List.of(MediaType.fromWire(mediaType));
            List<Map<String, Object>> byType = new ArrayList<>();
            for (MediaType t : types) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("type", t.wire());
                entry.put("live", t.live());
                entry.put("roles", t.allowedRoles().stream()
                        .sorted(java.util.Comparator.comparingInt(io.mediainvites.core.media.InviteRole::rank))
                        .map(io.mediainvites.core.media.InviteRole::wire).toList());
                byType.add(entry);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("mediaTypes", byType);
            body.put("policy", ctx.policy.capabilities()); // the settings declared as shown to apps
            body.put("emailAvailable", ctx.emails.available());
            return Response.ok(body);
        });
    }

    /** M1–M3: register or update (idempotent). 201 when created, 200 when updated. */
    @PUT
    @Path("media/{mediaId}")
    @Produces(JSON)
    public Response putMedia(@PathParam("mediaId") String mediaId, String body) {
        return authenticated(ctx -> {
            ctx.permissions.requireInviteManager(ctx.caller);
            MediaRequest request = JsonBodies.read(session, body, MediaRequest.class);
            boolean created = ctx.media.put(ctx.caller, mediaId, request);
            MediaRepresentation rep = ctx.media.represent(ctx.media.require(ctx.caller, mediaId));
            ctx.audit.media(created ? OperationType.CREATE : OperationType.UPDATE, mediaId, rep);
            return Response.status(created ? 201 : 200).entity(rep);
        });
    }

    @GET
    @Path("media/{mediaId}")
    @Produces(JSON)
    public Response getMedia(@PathParam("mediaId") String mediaId) {
        return authenticated(ctx -> {
            MediaEntryEntity entry = ctx.media.require(ctx.caller, mediaId);
            ctx.permissions.requireMayRead(ctx.caller, entry);
            return Response.ok(ctx.media.represent(entry));
        });
    }

    /** M4: deleting an entry revokes all its invites at once. */
    @DELETE
    @Path("media/{mediaId}")
    @Produces(JSON)
    public Response deleteMedia(@PathParam("mediaId") String mediaId) {
        return authenticated(ctx -> {
            ctx.permissions.requireInviteManager(ctx.caller);
            MediaEntryEntity entry = ctx.media.require(ctx.caller, mediaId);
            int revoked = ctx.store.deleteMedia(entry, ctx.caller.user().getId(), System.currentTimeMillis());
            InviteActivity.of(session).mediaDeleted(entry, java.time.Instant.now());
            ctx.store.flush(); // a concurrent write of the entry is a 409 here, not a failed commit
            int ended = InviteSessions.endForMedia(session, ctx.store, realm.getId(), ctx.caller.app().getId(), mediaId);
            ctx.audit.media(OperationType.DELETE, mediaId, null);
            return Response.ok(Map.of("mediaId", mediaId, "revokedInvites", revoked, "endedSessions", ended));
        });
    }

    /** I2–I5: create an invite; 201 with the link. */
    @POST
    @Path("media/{mediaId}/invites")
    @Produces(JSON)
    public Response createInvite(@PathParam("mediaId") String mediaId, String body) {
        return authenticated(ctx -> {
            MediaEntryEntity entry = ctx.media.require(ctx.caller, mediaId);
            InviteRequest request = JsonBodies.read(session, body, InviteRequest.class);
            InviteRepresentation rep = ctx.invites.create(ctx.caller, entry, request);
            ctx.audit.inviteIssued(mediaId, entry.getMediaType(), rep.id(), rep.role(), withoutLink(rep));
            return Response.status(201).entity(rep);
        });
    }

    /**
     * O9: up to 100 invites in one call, as JSON or as {@code text/csv} with a header row (dry run, default
     * inviter and redirect URI as query parameters); 200 with one result per row, in input order. One method for
     * both bodies: the content type is checked by our own guard (S13), never by the framework.
     */
    @POST
    @Path("media/{mediaId}/invites/batch")
    @Produces(JSON)
    public Response createInviteBatch(@PathParam("mediaId") String mediaId, @QueryParam("dryRun") String dryRun,
            @QueryParam("inviter") String inviter, @QueryParam("redirectUri") String redirectUri, InputStream body) {
        String type = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            return inviteBatch(mediaId, () -> BatchBodies.csv(body, Boolean.parseBoolean(dryRun), inviter, redirectUri));
        }
        return inviteBatch(mediaId, () -> {
            JsonBodies.requireJsonContentType(session);
            return BatchBodies.json(body);
        });
    }

    private Response inviteBatch(String mediaId, Supplier<BatchRequest> read) {
        return authenticated(ctx -> {
            MediaEntryEntity entry = ctx.media.require(ctx.caller, mediaId);
            BatchRequest batch = read.get();
            InviteBatch.Outcome outcome = new InviteBatch(session, ctx.invites).issue(ctx.caller, entry, batch);
            outcome.created().forEach(rep ->
                    ctx.audit.inviteIssued(mediaId, entry.getMediaType(), rep.id(), rep.role(), withoutLink(rep)));
            return Response.ok(outcome.body());
        });
    }

    /** I7: invites of an entry, newest first, optionally by status, paged. */
    @GET
    @Path("media/{mediaId}/invites")
    @Produces(JSON)
    public Response listInvites(@PathParam("mediaId") String mediaId, @QueryParam("status") String status,
            @QueryParam("first") String first, @QueryParam("max") String max) {
        return authenticated(ctx -> {
            MediaEntryEntity entry = ctx.media.require(ctx.caller, mediaId);
            ctx.permissions.requireMayRead(ctx.caller, entry);
            InviteStatus filter = status == null || status.isBlank() ? null : InviteStatus.fromWire(status);
            int from = intParam(first, "first", 0, 0, Integer.MAX_VALUE);
            int size = intParam(max, "max", 20, 1, MAX_PAGE);
            return Response.ok(ctx.invites.list(ctx.caller, entry, filter, from, size));
        });
    }

    /**
     * I6, S10: people this app already knows (its earlier invitees, its entries' collaborators) by e-mail prefix,
     * for permitted inviters only; minimal fields, at most 10; rate-limited per caller (429 with Retry-After).
     */
    @GET
    @Path("media/{mediaId}/invitees")
    @Produces(JSON)
    public Response lookUpInvitees(@PathParam("mediaId") String mediaId, @QueryParam("prefix") String prefix) {
        return authenticated(ctx -> {
            MediaEntryEntity entry = ctx.media.require(ctx.caller, mediaId);
            ctx.permissions.requireMayLookUpInvitees(ctx.caller, entry);
            String valid = InviteeLookup.requireValidPrefix(prefix);
            RateDecision decision = RateLimiter.hit(session, realm.getId(), RateRule.INVITEE_LOOKUP,
                    ctx.caller.app().getId() + ':' + ctx.caller.user().getId());
            if (!decision.allowed()) {
                throw ApiException.rateLimited(decision, "look-ups");
            }
            return Response.ok(new InviteeLookup(session, ctx.store).byEmailPrefix(ctx.caller, valid));
        });
    }

    /** One invite; never with its link (S9: shown once, when issued). */
    @GET
    @Path("invites/{inviteId}")
    @Produces(JSON)
    public Response getInvite(@PathParam("inviteId") String inviteId) {
        return authenticated(ctx -> {
            InviteEntity invite = ctx.invites.require(ctx.caller, inviteId);
            MediaEntryEntity entry = ctx.media.require(ctx.caller, invite.getMediaId());
            ctx.permissions.requireMayRead(ctx.caller, entry);
            return Response.ok(ctx.invites.represent(invite));
        });
    }

    /**
     * O10: what happened to the invite, newest first (bounded per invite); the same permission as reading it.
     * Never shows the link.
     */
    @GET
    @Path("invites/{inviteId}/activity")
    @Produces(JSON)
    public Response inviteActivity(@PathParam("inviteId") String inviteId) {
        return authenticated(ctx -> {
            InviteEntity invite = ctx.invites.require(ctx.caller, inviteId);
            MediaEntryEntity entry = ctx.media.require(ctx.caller, invite.getMediaId());
            ctx.permissions.requireMayRead(ctx.caller, entry);
            return Response.ok(ActivityRepresentation.read(InviteActivity.of(session), invite));
        });
    }

    /** I7: revoke; the link stops working at once. Revoking twice is harmless. */
    @POST
    @Path("invites/{inviteId}/revoke")
    @Produces(JSON)
    public Response revokeInvite(@PathParam("inviteId") String inviteId) {
        return authenticated(ctx -> {
            InviteEntity invite = ctx.invites.require(ctx.caller, inviteId);
            MediaEntryEntity entry = ctx.mediaOf(invite);
            ctx.permissions.requireMayRevoke(ctx.caller, entry);
            boolean wasRevoked = invite.getRevokedAt() != null;
            InviteRepresentation rep = ctx.invites.revoke(ctx.caller, invite);
            if (!wasRevoked) {
                ctx.audit.invite(OperationType.DELETE, invite.getMediaId(), invite.getId(), rep);
            }
            return Response.ok(rep);
        });
    }

    /**
     * E1: e-mails the invite's current link again (no new invite; same id, expiry and link). Same permissions
     * as revoke. 200 with the invite and {@code emailDelivery}, without the link (S9); a failed delivery is still
     * a 200 with status {@code failed} and the reason.
     */
    @POST
    @Path("invites/{inviteId}/email")
    @Produces(JSON)
    public Response resendInviteEmail(@PathParam("inviteId") String inviteId) {
        return authenticated(ctx -> {
            InviteEntity invite = ctx.invites.require(ctx.caller, inviteId);
            MediaEntryEntity entry = ctx.mediaOf(invite);
            ctx.permissions.requireMayRevoke(ctx.caller, entry);
            return Response.ok(ctx.invites.resendEmail(invite, entry));
        });
    }

    /**
     * S9: a new link for a pending or active invite, replacing the earlier ones; 200 with the invite and its new
     * {@code link}. Only someone who passes the inviter rule for the entry (or the app's invite manager naming
     * such an inviter in {@code {"inviter": ...}}); audited; rate-limited per invite (429 with Retry-After).
     */
    @POST
    @Path("invites/{inviteId}/link")
    @Produces(JSON)
    public Response reissueLink(@PathParam("inviteId") String inviteId, String body) {
        return authenticated(ctx -> {
            InviteEntity invite = ctx.invites.require(ctx.caller, inviteId);
            MediaEntryEntity entry = ctx.mediaOf(invite);
            LinkRequest request = JsonBodies.readOptional(session, body, LinkRequest.class);
            InviteService.Reissue reissued = ctx.invites.reissue(ctx.caller, invite, entry, request);
            ctx.audit.inviteLink(invite.getMediaId(), invite.getId(), reissued.inviter().getId(), reissued.generation());
            return Response.ok(reissued.invite());
        });
    }

    private static InviteRepresentation withoutLink(InviteRepresentation r) {
        return new InviteRepresentation(r.id(), r.mediaId(), r.email(), r.firstName(), r.lastName(), r.role(),
                r.status(), null, r.createdAt(), r.expiresAt(), r.useLimit(), r.useCount(), r.inviter(),
                r.redirectUri(), r.revokedAt(), r.revokeReason(), r.emailDelivery(), r.openedCount(), r.lastOpenedAt(),
                r.lastRefusal());
    }

    private static int intParam(String raw, String name, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, name,
                    "The parameter '" + name + "' must be a whole number from " + min + " to " + max + ".");
        }
    }

    /** Authenticates, builds the request's collaborators, runs the body, adds CORS headers for the app. */
    private Response authenticated(Function<RequestContext, Response.ResponseBuilder> body) {
        Caller[] caller = new Caller[1];
        Response response = ApiResponses.run(session, () -> {
            caller[0] = CallerResolver.resolve(session);
            return body.apply(new RequestContext(session, caller[0])).build();
        });
        if (caller[0] == null) {
            return RequestContentType.guard(session, response);
        }
        Response withCors;
        try {
            withCors = CorsOrigins.ofToken(Cors.builder().auth().allowedMethods("GET", "PUT", "POST", "DELETE"),
                    caller[0].token()).add(Response.fromResponse(response));
        } catch (WebApplicationException e) {
            // Keycloak's CORS check refuses an Origin that is not a web origin of the token's client
            session.getTransactionManager().setRollbackOnly();
            withCors = ApiResponses.errorBuilder(ErrorCode.FORBIDDEN,
                    "The request's Origin is not one of the app's allowed web origins.", null, Map.of()).build();
        }
        return RequestContentType.guard(session, withCors);
    }

    /** Per-request collaborators, built once the caller is known. */
    private static final class RequestContext {
        final Caller caller;
        final InvitePolicy policy;
        final InviteStore store;
        final InvitePermissions permissions;
        final MediaService media;
        final InviteService invites;
        final InviteEmails emails;
        final AuditEvents audit;

        RequestContext(KeycloakSession session, Caller caller) {
            this.caller = caller;
            this.policy = RealmInvitePolicy.of(session.getContext().getRealm());
            this.store = InviteStore.of(session);
            this.permissions = new InvitePermissions(session.getContext().getRealm(), policy);
            this.media = new MediaService(session, store);
            this.audit = new AuditEvents(session, caller);
            this.emails = new InviteEmails(session, policy, audit);
            this.invites = new InviteService(session, store, policy, permissions, media, emails);
        }

        /** The media entry of an invite of the caller's app; 404 once the entry was deleted. */
        MediaEntryEntity mediaOf(InviteEntity invite) {
            return store.findMedia(invite.getRealmId(), caller.app().getId(), invite.getMediaId())
                    .orElseThrow(() -> new ApiException(ErrorCode.MEDIA_NOT_FOUND, "The invite's media entry was deleted."));
        }
    }
}
