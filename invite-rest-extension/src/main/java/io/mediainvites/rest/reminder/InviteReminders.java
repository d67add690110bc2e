package io.mediainvites.rest.reminder;

import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.mail.InviteMail;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.model.jobs.ClusterJob;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.mail.BackgroundMail;
import io.mediainvites.model.mail.MailDeliveryException;
import io.mediainvites.model.mail.MailMessage;
import io.mediainvites.model.mail.MediaInvitesMailer;
import io.mediainvites.model.policy.RealmInvitePolicy;
import io.mediainvites.model.store.InviteStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * R13: the reminder e-mail of live invites, {@code reminderMinutes} before the start, once per invite and only
 * for invites that can still be redeemed (not revoked, locked, used up or expired). Runs once per cluster per
 * interval ({@code ClusterJobs}); each reminder is claimed by a conditional UPDATE before it is sent, so a
 * reminder goes out at most once even if two nodes overlap. The mail carries no new link: the invitee uses the
 * link of the invite e-mail (a link is only minted where the inviter asks for it).
 */
public final class InviteReminders implements ClusterJob {

    private static final Logger LOG = Logger.getLogger(InviteReminders.class);
    /** Reminders per realm and run; the rest follow in the next run. */
    static final int BATCH = 100;
    public static final String TEMPLATE = "media-invite-reminder.ftl";
    public static final String SUBJECT_KEY = "mediaInviteReminderSubject";

    @Override
    public String name() {
        return "invite-reminders";
    }

    @Override
    public void run(KeycloakSession session) {
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        for (String realmId : realmIds) {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> remind(s, realmId));
        }
    }

    private static void remind(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null || !MediaInvitesMailer.smtpConfigured(realm)) {
            return;
        }
        InvitePolicy policy;
        try {
            policy = RealmInvitePolicy.of(realm);
        } catch (InviteRuleException e) {
            return;
        }
        if (policy.reminderLead().isZero() || !policy.inviteEmail()) {
            return;
        }
        session.getContext().setRealm(realm);
        long now = System.currentTimeMillis();
        InviteStore store = InviteStore.of(session);
        for (InviteEntity invite : store.remindersDue(realmId, now, now + policy.reminderLead().toMillis(), BATCH)) {
            if (!store.markReminded(invite.getId(), now)) {
                continue; // another run took it
            }
            MediaEntryEntity media = store.findMedia(realmId, invite.getClientId(), invite.getMediaId()).orElse(null);
            UserModel invitee = session.users().getUserById(realm, invite.getUserId());
            if (media == null || invitee == null) {
                continue;
            }
            try {
                BackgroundMail.send(session, realm, message(session, realm, invite, media, invitee));
                LOG.debugf("invite %s: reminder sent", invite.getId());
            } catch (MailDeliveryException e) {
                LOG.warnf("invite %s: reminder not delivered: %s", invite.getId(), e.failure().reason());
            }
        }
    }

    private static MailMessage message(KeycloakSession session, RealmModel realm, InviteEntity invite,
            MediaEntryEntity media, UserModel invitee) {
        Locale locale = MediaInvitesMailer.localeFor(realm, invitee, invite.getLocale());
        Instant start = Instant.ofEpochMilli(media.getStartsAt());
        UserModel inviter = session.users().getUserById(realm, invite.getInviterId());
        Map<String, Object> invitePerson = new LinkedHashMap<>();
        invitePerson.put("firstName", invite.getFirstName());
        invitePerson.put("lastName", invite.getLastName());
        invitePerson.put("fullName", (invite.getFirstName() + " " + invite.getLastName()).trim());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("invitee", invitePerson);
        attributes.put("inviterName", inviter == null ? "" : displayName(inviter));
        attributes.put("mediaTitle", media.getTitle());
        attributes.put("startsAt", InviteMail.format(start, locale));
        attributes.put("startsAtIso", start.toString());
        return new MailMessage(TEMPLATE, SUBJECT_KEY, List.of(media.getTitle()), attributes, invite.getEmail(), invitee,
                locale);
    }

    private static String displayName(UserModel user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName().trim();
        String last = user.getLastName() == null ? "" : user.getLastName().trim();
        String full = (first + " " + last).trim();
        return full.isEmpty() ? user.getUsername() : full;
    }
}
