package io.mediainvites.core.media;

/** Where a media entry is in its live schedule at a given instant (spec R6). */
public enum LivePhase {
    /** The entry has no live schedule (on-demand media). */
    NOT_LIVE,
    /** The live session has not started yet: show the countdown. */
    BEFORE_START,
    /** The live session is open: show the lobby. */
    OPEN,
    /** The live session has ended. */
    ENDED
}
