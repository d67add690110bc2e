package io.mediainvites.core.media;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.time.Instant;
import java.util.Objects;

/**
 * The live schedule of a media entry: a start and an optional end. On-demand entries have the empty
 * schedule {@link #NONE} (both null).
 *
 * <p>The constructor enforces the type-independent rules (an end needs a start and must be after it);
 * {@link #of(MediaType, Instant, Instant)} adds the rules that depend on the media type.
 *
 * @param startsAt the scheduled start, null for on-demand media
 * @param endsAt the scheduled end (exclusive), null if open-ended or on-demand
 */
public record Schedule(Instant startsAt, Instant endsAt) {

    /** The schedule of on-demand media. */
    public static final Schedule NONE = new Schedule(null, null);

    /** Earliest time a schedule may name. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** Latest time a schedule may name (times are stored as epoch milliseconds; later ones would overflow). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * @throws InviteRuleException {@link ErrorCode#INVALID_SCHEDULE} if {@code endsAt} is set without
     *     {@code startsAt}, or is not after it, or if a time lies outside {@link #EARLIEST}..{@link #LATEST}
     */
    public Schedule {
        requireInRange(startsAt, "startsAt");
        requireInRange(endsAt, "endsAt");
        if (endsAt != null) {
            if (startsAt == null) {
                throw new InviteRuleException(ErrorCode.INVALID_SCHEDULE, "startsAt",
                        "A schedule with an end must also have a start.");
            }
            if (!endsAt.isAfter(startsAt)) {
                throw new InviteRuleException(ErrorCode.INVALID_SCHEDULE, "endsAt",
                        "The end of a live session must be after its start.");
            }
        }
    }

    private static void requireInRange(Instant time, String field) {
        if (time != null && (time.isBefore(EARLIEST) || time.isAfter(LATEST))) {
            throw new InviteRuleException(ErrorCode.INVALID_SCHEDULE, field,
                    "The field '" + field + "' must lie between " + EARLIEST + " and " + LATEST + ".");
        }
    }

    /**
     * Validates a schedule for a media type: live types require a start (the end is optional but must
     * be after the start); on-demand types must have neither.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_SCHEDULE} if the schedule does not fit the type
     */
    public static Schedule of(MediaType type, Instant startsAt, Instant endsAt) {
        Objects.requireNonNull(type, "type");
        if (type.live()) {
            if (startsAt == null) {
                throw new InviteRuleException(ErrorCode.INVALID_SCHEDULE, "startsAt",
                        "Live media of type " + type.wire() + " needs a scheduled start.");
            }
            return new Schedule(startsAt, endsAt);
        }
        if (startsAt != null || endsAt != null) {
            throw new InviteRuleException(ErrorCode.INVALID_SCHEDULE, startsAt != null ? "startsAt" : "endsAt",
                    "On-demand media of type " + type.wire() + " cannot have a start or end.");
        }
        return NONE;
    }

    /**
     * The live phase at {@code now}: {@link LivePhase#NOT_LIVE} without a start; {@link LivePhase#BEFORE_START}
     * before the start; {@link LivePhase#ENDED} from the end on; otherwise {@link LivePhase#OPEN}.
     */
    public LivePhase phaseAt(Instant now) {
        Objects.requireNonNull(now, "now");
        if (startsAt == null) {
            return LivePhase.NOT_LIVE;
        }
        if (now.isBefore(startsAt)) {
            return LivePhase.BEFORE_START;
        }
        if (endsAt != null && !now.isBefore(endsAt)) {
            return LivePhase.ENDED;
        }
        return LivePhase.OPEN;
    }
}
