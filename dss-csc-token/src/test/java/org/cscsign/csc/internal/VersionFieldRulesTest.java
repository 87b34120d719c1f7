package org.cscsign.csc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cscsign.csc.AuthMode;
import org.cscsign.csc.CertificatesMode;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscApiVersion;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.ServiceInfo;
import org.cscsign.csc.SignHashRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CSC v1 and v2 field-name rules of {@link WireMapper}, method by method: each request body is
 * built in both dialects and its exact field set compared, and the new response fields (v1
 * {@code presence}, auth modes, asynchronous handles, {@code authType}) are parsed from tables.
 */
class VersionFieldRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CredentialId ID = CredentialId.of("c1");
    private static final byte[] H = new byte[32];
    private static final SignHashRequest SIGN = new SignHashRequest(ID, List.of(H), HashAlgorithm.SHA256,
            "1.2.840.113549.1.1.11", null, null);

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    static Stream<Arguments> requests() {
        ListRequest list = new ListRequest(null, true, CertificatesMode.CHAIN, true, true, true, 10, "p2");
        return Stream.of(
                Arguments.of("credentials/list", (Function<WireMapper, JsonNode>) w -> w.listRequest(list, "cd"),
                        List.of("maxResults", "pageToken", "clientData"),
                        List.of("maxResults", "pageToken", "credentialInfo", "certificates", "certInfo", "authInfo",
                                "onlyValid", "clientData")),
                Arguments.of("credentials/info", (Function<WireMapper, JsonNode>) w -> w.infoRequest(ID,
                                CertificatesMode.CHAIN, false, true, null),
                        List.of("credentialID", "certificates", "certInfo", "authInfo"),
                        List.of("credentialID", "certificates", "certInfo", "authInfo")),
                Arguments.of("credentials/authorize", (Function<WireMapper, JsonNode>) w -> w.authorizeRequest(ID, 1,
                                List.of(H), HashAlgorithm.SHA256, Map.of("PIN", "1234"), null, null),
                        List.of("credentialID", "numSignatures", "hash", "PIN"),
                        List.of("credentialID", "numSignatures", "hashes", "hashAlgorithmOID", "authData")),
                Arguments.of("credentials/authorize implicit", (Function<WireMapper, JsonNode>) w -> w.authorizeRequest(ID,
                                1, List.of(H), HashAlgorithm.SHA256, Map.of(), null, null),
                        List.of("credentialID", "numSignatures", "hash"),
                        List.of("credentialID", "numSignatures", "hashes", "hashAlgorithmOID")),
                Arguments.of("credentials/extendTransaction", (Function<WireMapper, JsonNode>) w -> w.extendRequest(ID,
                                "sad", List.of(H), HashAlgorithm.SHA256, null),
                        List.of("credentialID", "SAD", "hash"),
                        List.of("credentialID", "SAD", "hashes", "hashAlgorithmOID")),
                Arguments.of("signatures/signHash", (Function<WireMapper, JsonNode>) w -> w.signHashRequest(SIGN, true,
                                true, null),
                        List.of("credentialID", "hash", "hashAlgo", "signAlgo"),
                        List.of("credentialID", "hashes", "hashAlgorithmOID", "signAlgo", "operationMode",
                                "returnValidationInfo")),
                Arguments.of("signatures/timestamp", (Function<WireMapper, JsonNode>) w -> w.timestampRequest(H,
                                HashAlgorithm.SHA256, BigInteger.valueOf(255), null),
                        List.of("hash", "hashAlgo", "nonce"),
                        List.of("hash", "hashAlgorithmOID", "nonce")),
                Arguments.of("signatures/signPolling", (Function<WireMapper, JsonNode>) w -> w.signPollingRequest("r1",
                                null),
                        List.of("responseID"), List.of("responseID")),
                Arguments.of("credentials/authorizeCheck", (Function<WireMapper, JsonNode>) w ->
                                w.authorizeCheckRequest("h1", null),
                        List.of("handle"), List.of("handle")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void eachMethodSendsExactlyTheFieldsOfItsVersion(String method, Function<WireMapper, JsonNode> build,
                                                     List<String> v1Fields, List<String> v2Fields) {
        assertThat(fields(build.apply(new WireMapper(CscApiVersion.V1)))).as("v1 " + method)
                .containsExactlyInAnyOrderElementsOf(v1Fields);
        assertThat(fields(build.apply(new WireMapper(CscApiVersion.V2)))).as("v2 " + method)
                .containsExactlyInAnyOrderElementsOf(v2Fields);
    }

    @Test
    void signHashSaysOperationModeAOnlyWhenAsynchronous() {
        WireMapper v2 = new WireMapper(CscApiVersion.V2);
        assertThat(v2.signHashRequest(SIGN, false, true, null).get("operationMode").asText()).isEqualTo("A");
        assertThat(v2.signHashRequest(SIGN, false, false, null).get("operationMode").asText()).isEqualTo("S");
    }

    @Test
    void timestampNonceIsAHexadecimalString() {
        JsonNode n = new WireMapper(CscApiVersion.V1).timestampRequest(H, HashAlgorithm.SHA256,
                new BigInteger("123456789abcdef", 16), null);
        assertThat(n.get("nonce").asText()).isEqualTo("123456789abcdef");
        assertThat(n.get("hashAlgo").asText()).isEqualTo(HashAlgorithm.SHA256.oid());
    }

    @ParameterizedTest(name = "PIN presence {0}, OTP presence {1}")
    @CsvSource({
            "'\"true\"',     '\"false\"',    PIN,    false, false",
            "'\"optional\"', '\"false\"',    PIN,    true,  false",
            "'true',         'true',         PIN OTP, false, true",
            "'\"false\"',    '\"false\"',    '',     false, false",
            "'\"false\"',    '\"optional\"', OTP,    true,  false",
    })
    void v1PresenceTrueFalseAndOptionalAreUnderstood(String pin, String otp, String objects, boolean optional,
                                                     boolean otpRequired) throws Exception {
        JsonNode n = JSON.readTree("{\"key\":{\"status\":\"enabled\",\"algo\":[\"1.2.840.113549.1.1.1\"],\"len\":2048},"
                + "\"authMode\":\"explicit\",\"PIN\":{\"presence\":" + pin + "},\"OTP\":{\"presence\":" + otp
                + ",\"type\":\"online\"},\"SCAL\":\"1\"}");
        CredentialInfo.Auth auth = new WireMapper(CscApiVersion.V1).credentialInfo(ID, n).authInfo().orElseThrow();
        assertThat(auth.objects().stream().map(CredentialInfo.AuthObject::id).toList())
                .containsExactlyElementsOf(objects.isBlank() ? List.of() : List.of(objects.split(" ")));
        assertThat(auth.objects().stream().anyMatch(CredentialInfo.AuthObject::optional)).isEqualTo(optional);
        assertThat(auth.requiresOtp()).isEqualTo(otpRequired);
    }

    @Test
    void v1PresenceOfAnotherValueIsRejectedNamingTheField() throws Exception {
        JsonNode n = JSON.readTree("{\"key\":{\"algo\":[\"1.2.840.113549.1.1.1\"]},\"authMode\":\"explicit\","
                + "\"PIN\":{\"presence\":\"sometimes\"}}");
        assertThatThrownBy(() -> new WireMapper(CscApiVersion.V1).credentialInfo(ID, n))
                .isInstanceOf(CscResponseException.class).hasMessageContaining("PIN.presence");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"explicit, EXPLICIT", "implicit, IMPLICIT", "oauth2code, OAUTH2CODE", "Implicit, IMPLICIT"})
    void authModesAreParsed(String wire, AuthMode mode) {
        assertThat(new CredentialInfo.Auth(wire, null, List.of()).authMode()).isEqualTo(mode);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"pin", "oauth2implicit", "''"})
    void anUnknownAuthModeIsAClearError(String wire) {
        assertThatThrownBy(() -> new CredentialInfo.Auth(wire, null, List.of()).authMode())
                .isInstanceOf(CscResponseException.class).hasMessageContaining("unknown auth mode");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'{\"handle\":\"h1\"}',                    h1",
            "'{\"SAD\":\"s\",\"handle\":\"h1\"}',      ''",
            "'{\"SAD\":\"s\"}',                        ''",
    })
    void anAuthorizeAnswerWithAHandleAndNoSadIsAsynchronous(String body, String handle) throws Exception {
        assertThat(new WireMapper(CscApiVersion.V2).authorizeHandle(JSON.readTree(body)).orElse(""))
                .isEqualTo(handle);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'{\"responseID\":\"r1\"}',                       r1",
            "'{\"signatures\":[\"AA==\"],\"responseID\":\"r1\"}', ''",
            "'{\"error\":\"accepted_request\"}',               ''",
    })
    void aSignHashAnswerWithAResponseIdAndNoSignaturesIsAsynchronous(String body, String id) throws Exception {
        assertThat(new WireMapper(CscApiVersion.V2).signHashResponseId(JSON.readTree(body)).orElse("")).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'[]',                              false",
            "'[\"external\"]',                  false",
            "'[\"oauth2client\"]',              true",
            "'[\"basic\",\"external\"]',        false",
            "'[\"basic\",\"weird\"]',           true",
            "'[\"TLS\"]',                       true",
    })
    void authTypeTellsWhetherALoginIsNeeded(String authTypes, boolean needsLogin) throws Exception {
        assertThat(info(authTypes).needsLogin()).isEqualTo(needsLogin);
    }

    @Test
    void anAuthTypeNoCscVersionDefinesIsAClearError() throws Exception {
        assertThatThrownBy(() -> info("[\"kerberos\"]").needsLogin()).isInstanceOf(CscResponseException.class)
                .hasMessageContaining("authType [kerberos]");
    }

    private static ServiceInfo info(String authTypes) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree("{\"specs\":\"1.0.4.0\",\"name\":\"x\",\"methods\":[],\"authType\":"
                + authTypes + "}");
        return new WireMapper(CscApiVersion.V1).serviceInfo(n);
    }
}
