package io.mediainvites.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class MailFailureTest {

    /** Stands in for Keycloak's EmailException wrapping Jakarta Mail's exceptions. */
    private static Exception keycloakWrapped(Throwable cause) {
        return new Exception("Error when attempting to send the email to the server. More information is available"
                + " in the server log.", new Exception("Couldn't connect to host, port: 127.0.0.1, 2525; timeout 10000",
                cause));
    }

    /** Named like Jakarta Mail's class: classification goes by simple class name. */
    static final class AuthenticationFailedException extends Exception {
        AuthenticationFailedException(String m) {
            super(m);
        }
    }

    @Test
    void connectionRefusedIsUnreachableWithTheCause() {
        MailFailure f = MailFailure.describe(keycloakWrapped(new ConnectException("Connection refused")), List.of());
        assertThat(f.code()).isEqualTo("smtp_unreachable");
        assertThat(f.reason()).isEqualTo(
                "smtp_unreachable: The realm's SMTP server could not be reached. (Connection refused)");
    }

    @Test
    void classifiesTheUsualFailures() {
        assertThat(MailFailure.describe(keycloakWrapped(new UnknownHostException("smtp.nowhere.example")), null).code())
                .isEqualTo("smtp_unknown_host");
        assertThat(MailFailure.describe(keycloakWrapped(new SocketTimeoutException("Connect timed out")), null).code())
                .isEqualTo("smtp_timeout");
        assertThat(MailFailure.describe(new Exception("x", new AuthenticationFailedException("535 5.7.8 nope")), null)
                .code()).isEqualTo("smtp_auth_failed");
        assertThat(MailFailure.describe(new Exception("x", new SSLHandshakeException("PKIX path")), null).code())
                .isEqualTo("smtp_tls_failed");
        assertThat(MailFailure.describe(new Exception("Invalid sender address 'null'. If the address …"), null).code())
                .isEqualTo("smtp_config_invalid");
        assertThat(MailFailure.describe(new Exception("Failed to template email", new RuntimeException("boom")), null)
                .code()).isEqualTo("template_error");
        assertThat(MailFailure.describe(new IllegalStateException(), null))
                .isEqualTo(new MailFailure("smtp_error", "smtp_error: The e-mail could not be sent."));
    }

    @Test
    void secretsLinksAndTokensNeverAppear() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiIxMjMifQ.c2lnbmF0dXJl";
        Exception e = new Exception("wrapper", new AuthenticationFailedException(
                "535 user mailer-bot password Sup3rSecret! rejected for http://kc/realms/x/login-actions/action-token?key="
                        + jwt + " and " + jwt + " code=123456 "
                        + "a".repeat(50)));
        MailFailure f = MailFailure.describe(e, List.of("mailer-bot", "Sup3rSecret!", "", "ab"));
        assertThat(f.reason()).doesNotContain("mailer-bot", "Sup3rSecret!", "http://", "eyJ", "123456", "a".repeat(40))
                .contains("[redacted]", "[link]", "[token]", "code=[redacted]");
        assertThat(f.code()).isEqualTo("smtp_auth_failed");
    }

    @Test
    void reasonsAreShortAndSingleLine() {
        MailFailure f = MailFailure.describe(new Exception("line one\nline two\t" + "word ".repeat(200)), List.of());
        assertThat(f.reason()).hasSizeLessThanOrEqualTo(MailFailure.MAX_LENGTH).doesNotContain("\n", "\t");
        assertThat(MailFailure.of("x", "y".repeat(400)).reason()).hasSize(MailFailure.MAX_LENGTH);
    }

    @Test
    void causeCyclesDoNotLoop() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertThat(MailFailure.describe(b, null).code()).isEqualTo("smtp_error");
        assertThat(MailFailure.sanitize(null, null)).isNull();
        assertThatThrownBy(() -> new MailFailure("", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
