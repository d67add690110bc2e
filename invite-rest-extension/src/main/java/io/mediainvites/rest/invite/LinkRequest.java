package io.mediainvites.rest.invite;

/** Optional body of {@code POST /invites/{inviteId}/link} (S9). */
public class LinkRequest {
    /** Service accounts only: the user (id, username or e-mail) on whose behalf the link is re-issued. */
    public String inviter;
    /** Also e-mail the new link to the invitee (E1). */
    public Boolean sendEmail;
}
