package org.cscsign.signer.internal;

import eu.europa.esig.dss.model.InMemoryDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which documents skip DSS's whole-document JWS check: JSON that is not a JWS, and nothing else. */
class PlainPayloadJAdESServiceTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"orders\":[{\"id\":1,\"signature\":\"nested, not top-level\"}]} | true",
            "[1,2,{\"signatures\":[]}]                                        | true",
            "{\"payload\":\"e30\",\"signatures\":[{\"protected\":\"e30\",\"signature\":\"AA\"}]} | false",
            "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\"}  | false",
            "eyJhbGciOiJSUzI1NiJ9.e30.AAAA                                    | false",
            "{\"truncated\":                                                  | false",
            "{\"a\":1} trailing                                               | false",
            "plain text                                                       | false"})
    void onlyJsonThatIsNotAJwsSkipsTheCheck(String content, boolean skips) {
        InMemoryDocument document = new InMemoryDocument(content.strip().getBytes(StandardCharsets.UTF_8), "in.json");

        assertThat(PlainPayloadJAdESService.isJsonButNotJws(document)).isEqualTo(skips);
    }
}
