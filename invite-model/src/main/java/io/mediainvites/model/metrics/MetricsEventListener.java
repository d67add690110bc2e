package io.mediainvites.model.metrics;

import java.util.Map;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerTransaction;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;

/**
 * Derives the counters of {@link InviteMetrics} from the events the extension emits, after the request's
 * transaction committed (a rolled-back request counts nothing):
 * <ul>
 *   <li>admin event {@code MEDIA_INVITES_INVITE} CREATE: an invite issued (details {@code media_type}, {@code role});</li>
 *   <li>admin event {@code MEDIA_INVITES_INVITE} ACTION with {@code email_status}: an invite e-mail sent or
 *       failed (error code: the part of {@code email_error} before the colon);</li>
 *   <li>{@code EXECUTE_ACTION_TOKEN} of a media invite: redeemed (detail {@code role}; the landing page's
 *       successful check carries no role and is not a redemption);</li>
 *   <li>{@code EXECUTE_ACTION_TOKEN_ERROR} of a media invite whose error is a refusal code: refused.</li>
 * </ul>
 */
public final class MetricsEventListener implements EventListenerProvider {

    static final String RESOURCE_INVITE = "MEDIA_INVITES_INVITE";
    static final String INVITE_ACTION = "media-invite";

    private final InviteMetrics metrics;
    private final EventListenerTransaction tx = new EventListenerTransaction(this::count, this::count);

    MetricsEventListener(KeycloakSession session, InviteMetrics metrics) {
        this.metrics = metrics;
        session.getTransactionManager().enlistAfterCompletion(tx);
    }

    /** Counts only through {@link #count} (tests). */
    MetricsEventListener(InviteMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onEvent(Event event) {
        tx.addEvent(event);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        tx.addAdminEvent(event, includeRepresentation);
    }

    void count(Event event) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (!INVITE_ACTION.equals(details.get(Details.ACTION))) {
            return;
        }
        if (event.getType() == EventType.EXECUTE_ACTION_TOKEN && details.containsKey("role")) {
            metrics.redeemed(details.get("role"));
        } else if (event.getType() == EventType.EXECUTE_ACTION_TOKEN_ERROR
                && InviteMetrics.isRefusalReason(event.getError())) {
            metrics.refused(event.getError());
        }
    }

    void count(AdminEvent event, Boolean includeRepresentation) {
        if (!RESOURCE_INVITE.equals(event.getResourceTypeAsString())) {
            return;
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (event.getOperationType() == OperationType.CREATE) {
            metrics.issued(details.get("media_type"), details.get("role"));
        } else if (event.getOperationType() == OperationType.ACTION && details.containsKey("email_status")) {
            if ("sent".equals(details.get("email_status"))) {
                metrics.emailSent();
            } else {
                String error = details.get("email_error");
                int colon = error == null ? -1 : error.indexOf(':');
                metrics.emailFailed(colon < 0 ? error : error.substring(0, colon));
            }
        }
    }

    @Override
    public void close() {
    }
}
