package io.mediainvites.rest.invite;

/** Body of {@code POST /media/{mediaId}/invites} (I2–I4). */
public class InviteRequest {
    public String email;
    public String firstName;
    public String lastName;
    /** viewer (default), moderator or speaker, as the media type allows (I3). */
    public String role;
    /** "Send link via e-mail" (E1). */
    public Boolean sendEmail;
    /** Shorter than the policy's link lifetime, never longer. */
    public Long lifetimeSeconds;
    /** R14, live media only: "lifetime" or "event" (until the session's end plus grace); default the policy's. */
    public String liveValidity;
    /** R12: language of the invitee's pages and e-mails when their own is not known (BCP 47, e.g. "de", "pt-BR"). */
    public String locale;
    /** Fewer uses than the policy's limit, never more; -1 = unlimited. */
    public Integer useLimit;
    /** Where the invitee lands; must be one of the app's registered redirect URIs (S3). */
    public String redirectUri;
    /** Service accounts only: the user (id, username or e-mail) on whose behalf the invite is issued. */
    public String inviter;
}
