package io.mediainvites.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
        "application/json;charset=\"UTF-8\"", "application/merge-patch+json", " application/json "})
    void oneJsonMediaTypeIsAccepted(String value) {
        assertThat(ContentTypes.isJson(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json, text/plain", "text/plain", "application/xml", "application/json;",
        "application/json; charset=iso-8859-1", "application/json; charset", "application/+json", "json",
        "application//json", "application/json/x", "*/*", "application/json\u0000", "", " ",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
    void listsOtherTypesAndGarbageAreRefused(String value) {
        assertThat(ContentTypes.isJson(value)).isFalse();
    }

    @Test
    void exactlyOneHeaderIsNeeded() {
        assertThat(ContentTypes.isJson(List.of("application/json"))).isTrue();
        assertThat(ContentTypes.isJson(List.of("application/json", "application/json"))).isFalse();
        assertThat(ContentTypes.isJson(List.of())).isFalse();
        assertThat(ContentTypes.isJson((List<String>) null)).isFalse();
        assertThat(ContentTypes.isJson((String) null)).isFalse();
    }

    @Test
    void wellFormedIsOneMediaTypeOfAnyKind() {
        assertThat(ContentTypes.isWellFormed(List.of("text/plain; charset=latin1"))).isTrue();
        assertThat(ContentTypes.isWellFormed(List.of("application/x-www-form-urlencoded"))).isTrue();
        assertThat(ContentTypes.isWellFormed(List.of("application/json, text/plain"))).isFalse();
        assertThat(ContentTypes.isWellFormed(List.of("text/plain", "text/plain"))).isFalse();
        assertThat(ContentTypes.isWellFormed(List.of(""))).isFalse();
        assertThat(ContentTypes.isWellFormed(List.of(";;;"))).isFalse();
    }
}
