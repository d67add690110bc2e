package io.mediainvites.rest.invite;

import io.mediainvites.model.activity.InviteActivity;
import io.mediainvites.core.activity.ActivityKind;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.mail.InviteMail;
import io.mediainvites.core.mail.MailFailure;
import io.mediainvites.core.media.InviteRole;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.model.calendar.InviteCalendar;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.mail.MailDeliveryException;
import io.mediainvites.model.mail.MailMessage;
import io.mediainvites.model.mail.MediaInvitesMailer;
import io.mediainvites.model.store.InviteStore;
import io.mediainvites.rest.api.ApiException;
import io.mediainvites.rest.api.AuditEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * "Send link via e-mail" (E1, E2, I8): whether it is available, and delivering an invite's link with the
 * {@code media-invite} templates of the realm's e-mail theme.
 *
 * <p>Delivery happens only for a committed invite; its outcome ({@code sent}, or {@code failed} with a redacted
 * reason) is written to the invite in a transaction of its own, so it is kept whatever happens to the request
 * afterwards, and leaves an admin event. A failure never undoes the invite.
 */
public final class InviteEmails {

    private static final Logger LOG = Logger.getLogger(InviteEmails.class);

    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InvitePolicy policy;
    private final AuditEvents audit;

    public InviteEmails(KeycloakSession session, InvitePolicy policy, AuditEvents audit) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.policy = policy;
        this.audit = audit;
    }

    /** I8: only with an SMTP server in the realm and the policy's invite e-mail on. */
    public boolean available() {
        return policy.inviteEmail() && MediaInvitesMailer.smtpConfigured(realm);
    }

    /** 400 {@code email_not_available} (field {@code sendEmail}) saying which of the two is missing. */
    public void requireAvailable() {
        if (!policy.inviteEmail()) {
            throw new ApiException(ErrorCode.EMAIL_NOT_AVAILABLE, "sendEmail",
                    "The realm's invite policy has invite e-mails turned off; copy the link instead.");
        }
        if (!MediaInvitesMailer.smtpConfigured(realm)) {
            throw new ApiException(ErrorCode.EMAIL_NOT_AVAILABLE, "sendEmail",
                    "The realm has no SMTP server configured; copy the link instead.");
        }
    }

    /** What happened to one delivery; {@code error} only for {@link #FAILED}. */
    public record Outcome(String status, String error) {
    }

    /**
     * Sends the invite's link to the invited address, then records the outcome on the invite (own transaction)
     * and as an admin event. Never throws for a mail problem.
     *
     * @param invite a committed invite
     * @param link   the link to send; the same string is returned to the caller
     * @param resend true when asked through {@code POST /invites/{id}/email}
     */
    public Outcome deliver(InviteEntity invite, MediaEntryEntity entry, String link, boolean resend) {
        Outcome outcome;
        try {
            send(invite, entry, link);
            outcome = new Outcome(SENT, null);
            LOG.debugf("invite %s: e-mail sent", invite.getId());
        } catch (MailDeliveryException e) {
            outcome = new Outcome(FAILED, e.failure().reason());
            LOG.warnf("invite %s: e-mail not delivered: %s", invite.getId(), e.failure().reason());
        }
        Outcome recorded = outcome;
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
            if (InviteStore.of(s).recordEmailDelivery(invite.getId(), recorded.status(), recorded.error())) {
                // the failure's code as the reason ("smtp_unreachable"), its redacted text as the detail
                String error = recorded.error();
                String code = error == null ? null : error.split(":", 2)[0].trim();
                InviteActivity.of(s).record(invite, SENT.equals(recorded.status()) ? ActivityKind.EMAIL_SENT
                        : ActivityKind.EMAIL_FAILED, code, error, Instant.now());
            }
        });
        audit.inviteEmail(invite.getMediaId(), invite.getId(), outcome.status(), outcome.error(), resend);
        return outcome;
    }

    private void send(InviteEntity invite, MediaEntryEntity entry, String link) throws MailDeliveryException {
        UserModel invitee = session.users().getUserById(realm, invite.getUserId());
        if (invitee == null) {
            throw new MailDeliveryException(MailFailure.of(MailFailure.INVITEE_MISSING,
                    "The invitee's user no longer exists in the realm."));
        }
        UserModel inviter = session.users().getUserById(realm, invite.getInviterId());
        Locale locale = MediaInvitesMailer.localeFor(realm, invitee, invite.getLocale());
        InviteMail mail = new InviteMail(invite.getFirstName(), invite.getLastName(), displayName(inviter),
                entry.getTitle(), MediaType.fromWire(entry.getMediaType()),
                entry.getStartsAt() == null ? null : Instant.ofEpochMilli(entry.getStartsAt()),
                InviteRole.fromWire(invite.getRole()), link, Instant.ofEpochMilli(invite.getExpiresAt()), locale);
        MailMessage message = new MailMessage(InviteMail.TEMPLATE, InviteMail.SUBJECT_KEY,
                mail.subjectParameters(), mail.templateAttributes(), invite.getEmail(), invitee, locale);
        // R13: the mail of a live invite carries its calendar entry, the same file as "Add to calendar"
        message = InviteCalendar.forInvite(realm, invite, entry, inviter, link)
                .map(calendar -> new MailMessage.Attachment(InviteCalendar.FILE_NAME, InviteCalendar.ATTACHMENT_TYPE,
                        calendar.ics().getBytes(StandardCharsets.UTF_8)))
                .map(file -> List.of(file))
                .map(message::withAttachments)
                .orElse(message);
        new MediaInvitesMailer(session, realm).send(message);
    }

    static String displayName(UserModel user) {
        if (user == null) {
            return "-";
        }
        String first = user.getFirstName() == null ? "" : user.getFirstName().trim();
        String last = user.getLastName() == null ? "" : user.getLastName().trim();
        String full = (first + " " + last).trim();
        return full.isEmpty() ? user.getUsername() : full;
    }
}
