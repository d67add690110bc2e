package io.mediainvites.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo's media entries, registered at start through the app's service account with {@code owner} as owner. */
final class DemoMedia {

    record Entry(String id, String type, String title, String description) {
        boolean live() {
            return type.equals("webcast");
        }
    }

    static final String OWNER = "owner";
    static final List<Entry> ENTRIES = List.of(
            new Entry("demo-video", "video", "Feathered Friends", "A short film about garden birds."),
            new Entry("demo-quiz", "quiz", "Feathered Friends Trivia", "Test your bird knowledge."),
            new Entry("demo-webcast", "webcast", "Dawn Chorus Live", "A live webcast with Q&A."));

    /** The webcast starts a few minutes after the app starts and ends an hour later. */
    static final Duration WEBCAST_STARTS_IN = Duration.ofMinutes(3);
    static final Duration WEBCAST_LENGTH = Duration.ofHours(1);

    private DemoMedia() {
    }

    static Entry byId(String id) {
        return ENTRIES.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    /** PUTs every entry (idempotent: a restart moves the webcast's times). */
    static void register(MediaApi api, String serviceToken, Instant now, Duration startsIn) throws Exception {
        Instant starts = now.plus(startsIn).truncatedTo(ChronoUnit.SECONDS);
        for (Entry e : ENTRIES) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", e.type());
            body.put("title", e.title());
            body.put("description", e.description());
            if (e.live()) {
                body.put("startsAt", starts.toString());
                body.put("endsAt", starts.plus(WEBCAST_LENGTH).toString());
            }
            body.put("collaborators", List.of(Map.of("user", OWNER, "role", "owner")));
            MediaApi.Reply reply = api.put("/media/" + e.id(), serviceToken, body);
            if (!reply.ok()) {
                throw new IllegalStateException("registering " + e.id() + ": HTTP " + reply.status() + " " + reply.body());
            }
        }
    }
}
