package io.mediainvites.rest.media;

import java.util.List;

/** Body of {@code PUT /media/{mediaId}} (M1–M3). Times are ISO-8601 instants. */
public class MediaRequest {
    public String type;
    public String title;
    public String description;
    public String startsAt;
    public String endsAt;
    public List<Collaborator> collaborators;

    /** A collaborator: {@code user} is a user id, username or e-mail of the realm. */
    public static class Collaborator {
        public String user;
        public String role;
    }
}
