package io.mediainvites.rest.invite;

import io.mediainvites.rest.api.ApiException;
import java.util.List;

/**
 * A parsed batch of invites (O9): its rows in input order and whether it is a dry run.
 *
 * @param rows   one per invitee; a row whose values could not even be read (CSV) carries its error instead
 * @param dryRun validate every row, write nothing
 */
public record BatchRequest(List<Row> rows, boolean dryRun) {

    /** One input row: a create request, or why its values could not be read. */
    public record Row(InviteRequest request, ApiException unreadable) {
        public static Row of(InviteRequest request) {
            return new Row(request, null);
        }

        public static Row unreadable(ApiException why) {
            return new Row(null, why);
        }
    }

    /** The JSON body: {@code {"invites":[…], "dryRun":false, "inviter":…, "redirectUri":…}}. */
    public static class Json {
        public List<InviteRequest> invites;
        public Boolean dryRun;
        /** Default of every row that names none (service accounts). */
        public String inviter;
        /** Default of every row that names none. */
        public String redirectUri;
    }
}
