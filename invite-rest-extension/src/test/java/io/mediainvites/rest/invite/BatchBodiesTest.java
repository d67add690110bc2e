package io.mediainvites.rest.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchBodiesTest {

    @Test
    void csvRowsKeepTheirOrderQuotesAndDefaults() {
        BatchRequest batch = BatchBodies.csv(in("""
                \uFEFFEmail,firstName,LASTNAME,role,useLimit,sendEmail
                ina@example.org,Ina,"Invitee, Jr.",speaker,2,yes

                "bo@example.org",Bo,"multi
                line",,,
                """), true, "owner", "http://app/x");
        assertThat(batch.dryRun()).isTrue();
        assertThat(batch.rows()).hasSize(2);
        InviteRequest first = batch.rows().get(0).request();
        assertThat(first.email).isEqualTo("ina@example.org");
        assertThat(first.lastName).isEqualTo("Invitee, Jr.");
        assertThat(first.role).isEqualTo("speaker");
        assertThat(first.useLimit).isEqualTo(2);
        assertThat(first.sendEmail).isTrue();
        assertThat(first.inviter).isEqualTo("owner");
        assertThat(first.redirectUri).isEqualTo("http://app/x");
        InviteRequest second = batch.rows().get(1).request();
        assertThat(second.lastName).isEqualTo("multi\nline");
        assertThat(second.role).isNull();
        assertThat(second.useLimit).isNull();
    }

    @Test
    void aValueThatIsNoNumberFailsOnlyItsRow() {
        BatchRequest batch = BatchBodies.csv(in("email,firstName,lastName,lifetimeSeconds\n"
                + "a@example.org,A,A,soon\nb@example.org,B,B,600\nc@example.org,C\n"), false, null, null);
        assertThat(batch.rows().get(0).unreadable().field()).isEqualTo("lifetimeSeconds");
        assertThat(batch.rows().get(1).request().lifetimeSeconds).isEqualTo(600L);
        assertThat(batch.rows().get(2).unreadable().code()).isEqualTo(ErrorCode.INVALID_CSV);
    }

    @Test
    void aBadHeaderRefusesTheWholeBody() {
        assertCode(() -> BatchBodies.csv(in("email,firstName,lastName,colour\na@x.org,A,A,red\n"), false, null, null),
                ErrorCode.INVALID_CSV, "colour");
        assertCode(() -> BatchBodies.csv(in("email,firstName\na@x.org,A\n"), false, null, null),
                ErrorCode.INVALID_CSV, "lastName");
        assertCode(() -> BatchBodies.csv(in("email,firstName,lastName,email\n"), false, null, null),
                ErrorCode.INVALID_CSV, "twice");
        assertCode(() -> BatchBodies.csv(in(""), false, null, null), ErrorCode.INVALID_CSV, "header");
        assertCode(() -> BatchBodies.csv(in("email,firstName,lastName\n"), false, null, null),
                ErrorCode.INVALID_REQUEST, "no invite rows");
        assertCode(() -> BatchBodies.csv(in("email,firstName,lastName\n\"a@x.org,A,A\n"), false, null, null),
                ErrorCode.INVALID_CSV, "not valid CSV");
    }

    @Test
    void moreThanAHundredRowsOrTooManyBytesAreRefused() {
        StringBuilder csv = new StringBuilder("email,firstName,lastName\n");
        StringBuilder json = new StringBuilder("{\"invites\":[");
        for (int i = 0; i < 101; i++) {
            csv.append("p").append(i).append("@example.org,P,Q\n");
            json.append(i == 0 ? "" : ",").append("{\"email\":\"p").append(i).append("@example.org\"}");
        }
        json.append("]}");
        assertCode(() -> BatchBodies.csv(in(csv.toString()), false, null, null), ErrorCode.BATCH_TOO_LARGE, "at most 100");
        assertCode(() -> BatchBodies.json(in(json.toString())), ErrorCode.BATCH_TOO_LARGE, "at most 100");
        String big = "email,firstName,lastName\n" + "x".repeat(BatchBodies.MAX_BODY_BYTES);
        assertCode(() -> BatchBodies.csv(in(big), false, null, null), ErrorCode.BATCH_TOO_LARGE, "KiB");
    }

    @Test
    void jsonTakesTheBatchDefaultsAndDryRun() {
        BatchRequest batch = BatchBodies.json(in("{\"dryRun\":true,\"inviter\":\"owner\",\"invites\":["
                + "{\"email\":\"a@example.org\",\"firstName\":\"A\",\"lastName\":\"A\",\"inviter\":\"other\"},"
                + "{\"email\":\"b@example.org\",\"firstName\":\"B\",\"lastName\":\"B\",\"lifetimeSeconds\":600}]}"));
        assertThat(batch.dryRun()).isTrue();
        assertThat(batch.rows().get(0).request().inviter).isEqualTo("other");
        assertThat(batch.rows().get(1).request().inviter).isEqualTo("owner");
        assertThat(batch.rows().get(1).request().lifetimeSeconds).isEqualTo(600L);
        assertCode(() -> BatchBodies.json(in("{\"invites\":[]}")), ErrorCode.INVALID_REQUEST, "at least one");
        assertCode(() -> BatchBodies.json(in("[1,2")), ErrorCode.INVALID_JSON, "");
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code, String text) {
        assertThatThrownBy(call).isInstanceOf(InviteRuleException.class)
                .satisfies(e -> assertThat(((InviteRuleException) e).code()).isEqualTo(code))
                .satisfies(e -> assertThat(((InviteRuleException) e).description()).contains(text));
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
