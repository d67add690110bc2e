package io.mediainvites.model.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormBodyTest {

    @Test
    void readsFieldsAsTheBrowserSendsThem() {
        var form = FormBody.parse("nonce=a%2Bb&email=ina%40example.org&action=send&flag&nonce=second");
        assertThat(form.getFirst("nonce")).isEqualTo("a+b");
        assertThat(form.get("nonce")).containsExactly("a+b", "second");
        assertThat(form.getFirst("email")).isEqualTo("ina@example.org");
        assertThat(form.getFirst("flag")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "nonce=%zz", "a=%", "%E0%A4%A=1"})
    void malformedBodiesAreAnEmptyForm(String body) {
        assertThat(FormBody.parse(body)).isEmpty();
    }

    @Test
    void missingOrHugeBodiesAreAnEmptyForm() {
        assertThat(FormBody.parse(null)).isEmpty();
        assertThat(FormBody.parse("a=" + "x".repeat(FormBody.MAX_LENGTH))).isEmpty();
    }
}
