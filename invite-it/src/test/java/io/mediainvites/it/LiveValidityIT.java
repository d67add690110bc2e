package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R14: a live invite's link can follow its event (until the end plus a grace), and a reschedule moves it. */
@KeycloakIT
class LiveValidityIT {

    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String owner;
    private String ownerToken;

    @BeforeEach
    void setUp(KeycloakServer server) {
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
    }

    @Test
    void anEventBoundLinkOutlivesTheLifetimeUntilTheEndPlusGraceAndStillOpens() {
        fixtures.withRealmAttributes(Map.of("mediaInvites.liveValidity", "event",
                "mediaInvites.linkLifetimeSeconds", "300", "mediaInvites.liveGraceMinutes", "45"), () -> {
            Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            Instant end = start.plus(Duration.ofHours(3));
            String live = register("webcast", start, end);
            Reply invite = issue(live, Map.of());
            assertThat(expiry(invite.body())).isEqualTo(end.plus(Duration.ofMinutes(45)));
            Page countdown = new WebSession().get(invite.text("link"));
            assertThat(countdown.status()).isEqualTo(200);
            assertThat(countdown.body()).contains("media-invite-countdown");

            // an on-demand invite of the same realm keeps the lifetime
            Reply onDemand = issue(register("video", null, null), Map.of());
            assertThat(Duration.between(Instant.now(), expiry(onDemand.body())).getSeconds()).isBetween(290L, 301L);
        });
    }

    @Test
    void theRequestChoosesForItsInviteAndOnDemandMediaCannotFollowAnEvent() {
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(Duration.ofHours(1));
        String live = register("webcast", start, end);
        // the policy default is the lifetime (24 h): the request asks for the event
        Reply byEvent = issue(live, Map.of("liveValidity", "event"));
        assertThat(expiry(byEvent.body())).isEqualTo(end.plus(Duration.ofMinutes(30)));
        Reply byLifetime = issue(live, Map.of("liveValidity", "lifetime"));
        assertThat(expiry(byLifetime.body())).isBefore(start);

        Reply onDemand = api.post("/media/" + register("video", null, null) + "/invites", ownerToken,
                body(Map.of("liveValidity", "event")));
        assertThat(onDemand.status()).isEqualTo(400);
        assertThat(onDemand.body().get("field").asText()).isEqualTo("liveValidity");
        Reply unknown = api.post("/media/" + live + "/invites", ownerToken, body(Map.of("liveValidity", "forever")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void aRescheduleMovesEventBoundExpiriesWithinThirtyDaysAndTheOldLinkStillWorks() {
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String live = Fixtures.unique("webcast");
        assertThat(api.put("/media/" + live, appToken, media("webcast", start, start.plus(Duration.ofHours(1)))).status())
                .isEqualTo(201);
        Reply bound = issue(live, Map.of("liveValidity", "event"));
        Reply fixed = issue(live, Map.of("liveValidity", "lifetime"));
        Instant fixedExpiry = expiry(fixed.body());

        // moved three days later
        Instant later = start.plus(Duration.ofDays(3));
        assertThat(api.put("/media/" + live, appToken, media("webcast", later, later.plus(Duration.ofHours(2)))).status())
                .isEqualTo(200);
        JsonNode moved = api.get("/invites/" + bound.text("id"), ownerToken).body();
        assertThat(expiry(moved)).isEqualTo(later.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(30)));
        assertThat(moved.get("status").asText()).isEqualTo("pending");
        assertThat(expiry(api.get("/invites/" + fixed.text("id"), ownerToken).body())).isEqualTo(fixedExpiry);
        // the link minted before the move opens the countdown of the new time
        Page countdown = new WebSession().get(bound.text("link"));
        assertThat(countdown.status()).isEqualTo(200);
        assertThat(countdown.body()).contains("datetime=\"" + later + "\"");

        // moved beyond 30 days: bounded by the longest lifetime from the issue
        Instant far = start.plus(Duration.ofDays(45));
        assertThat(api.put("/media/" + live, appToken, media("webcast", far, far.plus(Duration.ofHours(1)))).status())
                .isEqualTo(200);
        Instant created = Instant.parse(bound.text("createdAt"));
        assertThat(expiry(api.get("/invites/" + bound.text("id"), ownerToken).body()))
                .isBetween(created.plus(Duration.ofDays(30)).minusSeconds(1), created.plus(Duration.ofDays(30)));

        // moved into the past (ended long ago): the link now refuses as expired
        Instant past = Instant.now().minus(Duration.ofDays(1));
        assertThat(api.put("/media/" + live, appToken, media("webcast", past.minusSeconds(3600), past)).status())
                .isEqualTo(200);
        assertThat(api.get("/invites/" + bound.text("id"), ownerToken).body().get("status").asText()).isEqualTo("expired");
        Page refused = new WebSession().get(bound.text("link"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("expired");
    }

    private static Instant expiry(JsonNode invite) {
        return Instant.parse(invite.get("expiresAt").asText());
    }

    private Map<String, Object> media(String type, Instant start, Instant end) {
        Map<String, Object> media = IssuanceIT.media(type, owner, "owner");
        if (start != null) {
            media.put("startsAt", start.toString());
        }
        if (end != null) {
            media.put("endsAt", end.toString());
        }
        return media;
    }

    private String register(String type, Instant start, Instant end) {
        String id = Fixtures.unique(type);
        assertThat(api.put("/media/" + id, appToken, media(type, start, end)).status()).isEqualTo(201);
        return id;
    }

    private Map<String, Object> body(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(IssuanceIT.invite(Fixtures.unique("live") + "@example.com"));
        body.putAll(extra);
        return body;
    }

    private Reply issue(String media, Map<String, Object> extra) {
        Reply reply = api.post("/media/" + media + "/invites", ownerToken, body(extra));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }
}
