package org.cscsign.csc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscApiVersion;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.ServiceInfo;
import org.cscsign.csc.SignHashRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parser tables: every malformed response gives a {@link CscResponseException} naming the field. */
class WireMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMapper v2 = new WireMapper(CscApiVersion.V2);
    private final WireMapper v1 = new WireMapper(CscApiVersion.V1);

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = WireMapperTest.class.getResourceAsStream("/wire/" + name)) {
            return JSON.readTree(in);
        }
    }

    static Stream<Arguments> malformed() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : resource("malformed-responses.json")) {
            out.add(Arguments.of(c.get("name").asText(), c.get("method").asText(), c.get("body"), c.get("field").asText(),
                    c.get("problem").asText()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedResponseIsRejectedNamingTheField(String name, String method, JsonNode body, String field, String problem) {
        assertThatThrownBy(() -> parse(method, body))
                .isInstanceOfSatisfying(CscResponseException.class, e -> {
                    assertThat(e.method()).isEqualTo(method);
                    assertThat(e.getMessage()).contains("field '" + field + "'").contains(problem);
                });
    }

    private Object parse(String method, JsonNode body) {
        return switch (method) {
            case "info" -> v2.serviceInfo(body);
            case "credentials/list" -> v2.credentialList(body);
            case "credentials/info" -> v2.credentialInfo(CredentialId.of("c"), body);
            case "credentials/authorize" -> v2.sad(body, method);
            case "signatures/signHash" -> v2.signHash(body);
            case "signatures/timestamp" -> v2.timestamp(body);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @Test
    void infoV2IsMapped() throws IOException {
        ServiceInfo info = v2.serviceInfo(resource("info-v2.json"));
        assertThat(info.specs()).isEqualTo("2.0.0.2");
        assertThat(info.supports("credentials/authorize")).isTrue();
        assertThat(info.supports("credentials/sendOTP")).isFalse();
        assertThat(info.signAlgorithms()).contains("1.2.840.113549.1.1.11");
        assertThat(info.oauth2BaseUri()).contains("https://example.com/");
        assertThat(info.validationInfo()).isTrue();
    }

    @Test
    void credentialInfoV1IsMappedToTheCommonShape() throws IOException {
        CredentialInfo info = v1.credentialInfo(CredentialId.of("c"), resource("credential-info-v1.json"));
        assertThat(info.scal()).isEqualTo(2);
        assertThat(info.multisign()).isEqualTo(5);
        assertThat(info.key().length()).isEqualTo(2048);
        assertThat(info.cert().validTo()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        CredentialInfo.Auth auth = info.authInfo().orElseThrow();
        assertThat(auth.expression()).isEqualTo("PIN AND OTP");
        assertThat(auth.requiresOtp()).isTrue();
        assertThat(auth.object("OTP").orElseThrow().online()).isTrue();
    }

    @Test
    void v2SignHashRequestUsesV2FieldNames() {
        SignHashRequest r = new SignHashRequest(CredentialId.of("c"), List.of(new byte[32]), HashAlgorithm.SHA256,
                "1.2.840.113549.1.1.1", null, null);
        ObjectNode n = v2.signHashRequest(r, true, "{\"clientTransactionId\":\"1\"}");
        assertThat(n.has("hashes")).isTrue();
        assertThat(n.get("hashAlgorithmOID").asText()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(n.get("operationMode").asText()).isEqualTo("S");
        assertThat(n.get("returnValidationInfo").asBoolean()).isTrue();
        assertThat(n.get("clientData").asText()).contains("clientTransactionId");
        assertThat(n.has("SAD")).isFalse();
    }

    @Test
    void v1RequestsUseV1FieldNames() {
        SignHashRequest r = new SignHashRequest(CredentialId.of("c"), List.of(new byte[48]), HashAlgorithm.SHA384,
                "1.2.840.10045.4.3.3", null, null);
        ObjectNode sign = v1.signHashRequest(r, true, null);
        assertThat(sign.has("hash")).isTrue();
        assertThat(sign.get("hashAlgo").asText()).isEqualTo("2.16.840.1.101.3.4.2.2");
        assertThat(sign.has("hashes")).isFalse();
        assertThat(sign.has("returnValidationInfo")).isFalse();
        ObjectNode auth = v1.authorizeRequest(CredentialId.of("c"), 1, List.of(new byte[48]), HashAlgorithm.SHA384,
                Map.of("PIN", "1234"), null, null);
        assertThat(auth.get("PIN").asText()).isEqualTo("1234");
        assertThat(auth.has("hash")).isTrue();
        assertThat(auth.has("authData")).isFalse();
        ObjectNode auth2 = v2.authorizeRequest(CredentialId.of("c"), 1, List.of(new byte[48]), HashAlgorithm.SHA384,
                Map.of("PIN", "1234"), null, null);
        assertThat(auth2.get("authData").get(0).get("id").asText()).isEqualTo("PIN");
        assertThat(auth2.has("hashes")).isTrue();
    }

    @Test
    void unpaddedBase64UrlSignatureIsAccepted() {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("signatures").add("_-8");
        assertThat(v2.signHash(n).signatures().get(0)).containsExactly(0xff, 0xef);
    }
}
