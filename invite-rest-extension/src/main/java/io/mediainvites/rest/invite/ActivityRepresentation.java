package io.mediainvites.rest.invite;

import io.mediainvites.core.activity.ActivityKind;
import io.mediainvites.core.activity.ActivityLimits;
import io.mediainvites.model.activity.InviteActivity;
import io.mediainvites.model.jpa.InviteActivityEntity;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.InviteStatsEntity;
import io.mediainvites.rest.media.MediaService;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /invites/{id}/activity} (O10): how often the link was opened, and what happened, newest first.
 * Opening counts every page view of the link, including mail scanners that prefetch links; it never uses the link.
 */
public record ActivityRepresentation(
        String inviteId,
        Opened opened,
        List<Entry> entries) {

    /** Link views: count, first, last (ISO-8601, null when never). */
    public record Opened(int count, String first, String last, String note) {
    }

    /**
     * One thing that happened: {@code kind} (redeemed, refused, revoked, locked, email_sent, email_failed,
     * link_reissued, device_moved), when, the reason code (refusals, revocations, mail errors) and, for
     * redemptions, whether the browser was new.
     */
    public record Entry(String kind, String at, String reason, String detail, Boolean newDevice) {
    }

    static final String OPENED_NOTE = "Counts every view of the link's page, including e-mail scanners that open links"
            + " before the invitee does; opening never uses the link.";

    static ActivityRepresentation of(InviteEntity invite, InviteStatsEntity summary, List<InviteActivityEntity> stored) {
        List<Entry> entries = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (InviteActivityEntity e : stored) {
            boolean redeemed = ActivityKind.REDEEMED.wire().equals(e.getKind());
            entries.add(new Entry(e.getKind(), MediaService.iso(e.getAt()), e.getReason(),
                    redeemed ? null : e.getDetail(), redeemed ? InviteActivity.NEW_DEVICE.equals(e.getDetail()) : null));
            times.add(e.getAt());
        }
        if (invite.getRevokedAt() != null) {
            // derived from the invite row (ActivityKind.REVOKED is not stored): placed by its time, newest first
            int at = 0;
            while (at < times.size() && times.get(at) > invite.getRevokedAt()) {
                at++;
            }
            entries.add(at, new Entry(ActivityKind.REVOKED.wire(), MediaService.iso(invite.getRevokedAt()),
                    invite.getRevokeReason(), null, null));
        }
        Opened opened = summary == null ? new Opened(0, null, null, OPENED_NOTE)
                : new Opened(summary.getOpenedCount(), MediaService.iso(summary.getFirstOpenedAt()),
                        MediaService.iso(summary.getLastOpenedAt()), OPENED_NOTE);
        return new ActivityRepresentation(invite.getId(), opened,
                entries.size() > ActivityLimits.ENTRIES_PER_INVITE ? entries.subList(0, ActivityLimits.ENTRIES_PER_INVITE)
                        : entries);
    }

    /** Reads the invite's activity (one query for the summary, one for the entries). */
    public static ActivityRepresentation read(InviteActivity activity, InviteEntity invite) {
        return of(invite, activity.summaries(List.of(invite.getId())).get(invite.getId()),
                activity.list(invite.getId(), ActivityLimits.ENTRIES_PER_INVITE));
    }
}
