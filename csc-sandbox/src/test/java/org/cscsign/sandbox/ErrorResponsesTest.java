package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.csc;
import static org.cscsign.sandbox.Http.form;
import static org.cscsign.sandbox.Http.postForm;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.stream.Stream;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables of malformed, unauthorized and unsupported requests: each gets its status and CSC error code, never a 500. */
class ErrorResponsesTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static final String H32 = b64(sha("SHA-256", new byte[] {7}));
    private static final String H48 = b64(sha("SHA-384", new byte[] {7}));
    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    /** Body placeholders: SAD is replaced by a fresh SAD for rsa2048 (or ecp256 when marked). */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", "credentials/list", "{\"credentialInfo\": tru", 400, "invalid_request"),
                Arguments.of("JSON array body", "credentials/list", "[1,2]", 400, "invalid_request"),
                Arguments.of("trailing garbage", "credentials/list", "{} {}", 400, "invalid_request"),
                Arguments.of("duplicate field", "credentials/info", "{\"credentialID\":\"rsa2048\",\"credentialID\":\"ecp256\"}", 400, "invalid_request"),
                Arguments.of("wrong type credentialInfo", "credentials/list", "{\"credentialInfo\":\"yes\"}", 400, "invalid_request"),
                Arguments.of("bad certificates option", "credentials/info", "{\"credentialID\":\"rsa2048\",\"certificates\":\"all\"}", 400, "invalid_request"),
                Arguments.of("missing credentialID", "credentials/info", "{}", 400, "invalid_request"),
                Arguments.of("credentialID not a string", "credentials/info", "{\"credentialID\":42}", 400, "invalid_request"),
                Arguments.of("unknown credential", "credentials/info", "{\"credentialID\":\"nope\"}", 400, "invalid_request"),
                Arguments.of("authorize without numSignatures", "credentials/authorize", "{\"credentialID\":\"rsa2048\",\"authData\":[{\"id\":\"PIN\",\"value\":\"PIN\"}]}", 400, "invalid_request"),
                Arguments.of("authorize too many", "credentials/authorize", "{\"credentialID\":\"rsa2048\",\"numSignatures\":51,\"authData\":[{\"id\":\"PIN\",\"value\":\"PIN\"}]}", 400, "invalid_request"),
                Arguments.of("authorize numSignatures as string", "credentials/authorize", "{\"credentialID\":\"rsa2048\",\"numSignatures\":\"1\"}", 400, "invalid_request"),
                Arguments.of("authorize wrong PIN", "credentials/authorize", "{\"credentialID\":\"ecp384\",\"numSignatures\":1,\"authData\":[{\"id\":\"PIN\",\"value\":\"999\"}]}", 400, "invalid_pin"),
                Arguments.of("authorize no PIN", "credentials/authorize", "{\"credentialID\":\"ecp384\",\"numSignatures\":1}", 400, "invalid_pin"),
                Arguments.of("signHash without hashes", "signatures/signHash", "{\"credentialID\":\"rsa2048\",\"SAD\":\"SAD\",\"hashAlgorithmOID\":\"" + SHA256 + "\",\"signAlgo\":\"" + RSA + "\"}", 400, "invalid_request"),
                Arguments.of("signHash empty hashes", "signatures/signHash", sign("[]", SHA256, RSA), 400, "invalid_request"),
                Arguments.of("signHash hashes not an array", "signatures/signHash", sign("\"" + H32 + "\"", SHA256, RSA), 400, "invalid_request"),
                Arguments.of("signHash bad Base64", "signatures/signHash", sign("[\"***\"]", SHA256, RSA), 400, "invalid_request"),
                Arguments.of("signHash wrong hash length", "signatures/signHash", sign("[\"" + H48 + "\"]", SHA256, RSA), 400, "invalid_request"),
                Arguments.of("signHash too many hashes", "signatures/signHash", sign(manyHashes(51), SHA256, RSA), 400, "invalid_request"),
                Arguments.of("signHash rsaEncryption without hash OID", "signatures/signHash",
                        "{\"credentialID\":\"rsa2048\",\"SAD\":\"SAD\",\"hashes\":[\"" + H32 + "\"],\"signAlgo\":\"" + RSA + "\"}", 400, "invalid_request"),
                Arguments.of("signHash ECDSA on RSA key", "signatures/signHash", sign("[\"" + H32 + "\"]", SHA256, "1.2.840.10045.4.3.2"), 400, "invalid_request"),
                Arguments.of("signHash RSA on EC key", "signatures/signHash",
                        "{\"credentialID\":\"ecp256\",\"SAD\":\"SAD\",\"hashes\":[\"" + H32 + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\",\"signAlgo\":\"" + RSA + "\"}", 400, "invalid_request"),
                Arguments.of("signHash PSS without params", "signatures/signHash", sign("[\"" + H32 + "\"]", SHA256, "1.2.840.113549.1.1.10"), 400, "invalid_request"),
                Arguments.of("signHash conflicting hash OID", "signatures/signHash", sign("[\"" + H32 + "\"]", SHA256, "1.2.840.113549.1.1.12"), 400, "invalid_request"),
                Arguments.of("signHash unknown signAlgo", "signatures/signHash", sign("[\"" + H32 + "\"]", SHA256, "1.2.3.4"), 400, "invalid_request"),
                Arguments.of("signHash unknown hash OID", "signatures/signHash", sign("[\"" + H32 + "\"]", "1.3.14.3.2.26", RSA), 400, "invalid_request"),
                Arguments.of("signHash async mode", "signatures/signHash",
                        "{\"credentialID\":\"rsa2048\",\"SAD\":\"SAD\",\"operationMode\":\"A\",\"hashes\":[\"" + H32 + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\",\"signAlgo\":\"" + RSA + "\"}", 400, "invalid_request"),
                Arguments.of("signHash without SAD", "signatures/signHash",
                        "{\"credentialID\":\"rsa2048\",\"hashes\":[\"" + H32 + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\",\"signAlgo\":\"" + RSA + "\"}", 400, "invalid_request"),
                Arguments.of("signHash unknown SAD", "signatures/signHash",
                        "{\"credentialID\":\"rsa2048\",\"SAD\":\"made-up\",\"hashes\":[\"" + H32 + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\",\"signAlgo\":\"" + RSA + "\"}", 400, "invalid_request"),
                Arguments.of("timestamp wrong hash length", "signatures/timestamp", "{\"hash\":\"" + H48 + "\",\"hashAlgorithmOID\":\"" + SHA256 + "\"}", 400, "invalid_request"),
                Arguments.of("timestamp bad nonce", "signatures/timestamp", "{\"hash\":\"" + H32 + "\",\"hashAlgorithmOID\":\"" + SHA256 + "\",\"nonce\":\"xyz\"}", 400, "invalid_request"),
                Arguments.of("unknown method", "signatures/signDoc", "{}", 404, null),
                Arguments.of("unknown nested method", "credentials/list/more", "{}", 404, null));
    }

    private static String sign(String hashes, String hashOid, String signAlgo) {
        return "{\"credentialID\":\"rsa2048\",\"SAD\":\"SAD\",\"hashes\":" + hashes + ",\"hashAlgorithmOID\":\"" + hashOid
                + "\",\"signAlgo\":\"" + signAlgo + "\"}";
    }

    private static String manyHashes(int n) {
        return "[" + String.join(",", java.util.Collections.nCopies(n, "\"" + H32 + "\"")) + "]";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestGetsItsStatusAndErrorCode(String name, String method, String body, int status, String error) {
        Sandbox s = sandbox.get();
        String token = Http.bearer(s);
        String sad = StandardApiTest.sad(s, token, body.contains("ecp256") ? "ecp256" : "rsa2048", 50);
        Http.Response r = postJson(csc(s, method), token, body.replace("\"SAD\":\"SAD\"", "\"SAD\":\"" + sad + "\"")
                .replace("\"value\":\"PIN\"", "\"value\":\"" + s.pin() + "\""));
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("error_description").asText()).isNotBlank();
        if (error != null) {
            assertThat(r.error()).isEqualTo(error);
        }
    }

    @Test
    void errorDescriptionNamesTheBadHashIndex() {
        Sandbox s = sandbox.get();
        String token = Http.bearer(s);
        String sad = StandardApiTest.sad(s, token, "rsa2048", 2);
        Http.Response r = postJson(csc(s, "signatures/signHash"), token, "{\"credentialID\":\"rsa2048\",\"SAD\":\"" + sad
                + "\",\"hashes\":[\"" + H32 + "\",\"" + H48 + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\",\"signAlgo\":\"" + RSA + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_description").asText()).contains("hashes[1]");
    }

    @Test
    void wrongVerbIs405AndUnknownPathIs404() {
        Sandbox s = sandbox.get();
        Http.Response get = Http.get(csc(s, "signatures/signHash"));
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.error()).isEqualTo("invalid_request");
        Http.Response put = Http.send(HttpRequest.newBuilder(csc(s, "info")).PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.status()).isEqualTo(405);
        assertThat(Http.get(URI.create(s.baseUrl() + "/nothing/here")).status()).isEqualTo(404);
        assertThat(Http.get(URI.create(s.baseUrl() + "/oauth2/token")).status()).isEqualTo(405);
    }

    @Test
    void nonJsonContentTypeIsRefused() {
        Sandbox s = sandbox.get();
        Http.Response r = Http.send(HttpRequest.newBuilder(csc(s, "credentials/list"))
                .header("Authorization", Http.bearer(s)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.error()).isEqualTo("invalid_request");
    }

    static Stream<Arguments> unauthorized() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("unknown token", "Bearer not-a-token"),
                Arguments.of("empty bearer", "Bearer "),
                Arguments.of("basic scheme", "Basic Zm9vOmJhcg=="),
                Arguments.of("dpop scheme for a bearer token", "DPoP-TOKEN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthorized")
    void requestWithoutValidTokenIs401InvalidToken(String name, String authorization) {
        Sandbox s = sandbox.get();
        if ("DPoP-TOKEN".equals(authorization)) {
            authorization = "DPoP " + Http.bearer(s).substring("Bearer ".length());
        }
        for (String method : List.of("credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash",
                "signatures/timestamp", "credentials/sendOTP")) {
            Http.Response r = postJson(csc(s, method), authorization, "{}");
            assertThat(r.status()).as(method + " " + r).isEqualTo(401);
            assertThat(r.error()).isEqualTo("invalid_token");
            assertThat(r.header("WWW-Authenticate")).isNotNull();
        }
    }

    @Test
    void expiredTokensAreRefusedAndNewOnesWork() {
        Sandbox s = sandbox.get();
        String token = Http.bearer(s);
        assertThat(postJson(csc(s, "credentials/list"), token, "{}").status()).isEqualTo(200);
        s.expireAllTokens();
        Http.Response r = postJson(csc(s, "credentials/list"), token, "{}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("invalid_token");
        assertThat(postJson(csc(s, "credentials/list"), Http.bearer(s), "{}").status()).isEqualTo(200);
    }

    static Stream<Arguments> badTokenRequests() {
        return Stream.of(
                Arguments.of("unsupported grant", form("grant_type", "password", "username", "a", "password", "b"), true, 400, "unsupported_grant_type"),
                Arguments.of("missing grant", form("scope", "service"), true, 400, "invalid_request"),
                Arguments.of("invalid scope", form("grant_type", "client_credentials", "scope", "admin"), true, 400, "invalid_scope"),
                Arguments.of("bankid scope on standard", form("grant_type", "client_credentials", "scope", "esign/b2b"), true, 400, "invalid_scope"),
                Arguments.of("credential scope without details", form("grant_type", "client_credentials", "scope", "credential"), true, 400, "invalid_request"),
                Arguments.of("no client authentication", form("grant_type", "client_credentials"), false, 401, "invalid_client"),
                Arguments.of("wrong secret by post", form("grant_type", "client_credentials", "client_id", "cscsign-sandbox-client",
                        "client_secret", "wrong"), false, 401, "invalid_client"),
                Arguments.of("two client auth methods", form("grant_type", "client_credentials", "client_id", "cscsign-sandbox-client",
                        "client_secret", "x"), true, 400, "invalid_request"),
                Arguments.of("bad assertion type", form("grant_type", "client_credentials", "client_assertion_type", "jwt",
                        "client_assertion", "a.b.c"), false, 401, "invalid_client"),
                Arguments.of("garbage assertion", form("grant_type", "client_credentials", "client_assertion_type", OAuthServer.JWT_BEARER,
                        "client_assertion", "a.b.c"), false, 401, "invalid_client"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokenRequests")
    void badTokenRequestGetsItsOAuthError(String name, java.util.Map<String, String> form, boolean basic, int status, String error) {
        Sandbox s = sandbox.get();
        Http.Response r = basic ? postForm(s.tokenUrl(), form, "Authorization", Http.basic(s)) : postForm(s.tokenUrl(), form);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(error);
    }

    @Test
    void wrongBasicSecretIs401WithBasicChallenge() {
        Sandbox s = sandbox.get();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((s.clientId() + ":nope").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Http.Response r = postForm(s.tokenUrl(), form("grant_type", "client_credentials"), "Authorization", auth);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void tokenEndpointRefusesJsonBody() {
        Sandbox s = sandbox.get();
        Http.Response r = postJson(s.tokenUrl(), Http.basic(s), "{\"grant_type\":\"client_credentials\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_request");
    }

    @Test
    void noMalformedBodyEverGivesA500() {
        Sandbox s = sandbox.get();
        String token = Http.bearer(s);
        List<String> bodies = List.of("", "null", "true", "1", "\"x\"", "{", "{\"a\":}", "{\"hashes\":null}",
                "{\"credentialID\":null}", "{\"credentialID\":[]}", "{\"credentialID\":{}}", "{\"credentialID\":\"rsa2048\",\"hashes\":[1]}",
                "{\"credentialID\":\"rsa2048\",\"hashes\":[null]}", "{\"credentialID\":\"rsa2048\",\"numSignatures\":1e99}",
                "{\"credentialID\":\"rsa2048\",\"numSignatures\":-1}", "{\"credentialID\":\"rsa2048\",\"authData\":{}}",
                "{\"credentialID\":\"rsa2048\",\"authData\":[1]}", "{\"credentialID\":\"rsa2048\",\"signAlgo\":\"1.2.840.113549.1.1.10\",\"signAlgoParams\":\"AAAA\",\"hashes\":[\"" + H32 + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\"}",
                "{\"hash\":[],\"hashAlgorithmOID\":1}", "{\"credentialID\":\"rsa2048\",\"SAD\":5}", "{\"maxResults\":\"x\"}",
                "\u0000\u0001binary");
        for (String method : List.of("info", "credentials/list", "credentials/info", "credentials/authorize",
                "credentials/extendTransaction", "credentials/sendOTP", "signatures/signHash", "signatures/timestamp")) {
            for (String body : bodies) {
                for (URI uri : List.of(csc(s, method), Http.cscV1(s, method))) {
                    Http.Response r = postJson(uri, token, body);
                    assertThat(r.status()).as(uri + " " + body + " -> " + r).isLessThan(500);
                }
            }
        }
    }

    @Test
    void noMalformedTokenRequestEverGivesA500() {
        Sandbox s = sandbox.get();
        List<String> bodies = List.of("", "%zz", "grant_type", "grant_type=client_credentials&grant_type=client_credentials",
                "grant_type=client_credentials&client_assertion_type=" + OAuthServer.JWT_BEARER + "&client_assertion=eyJhbGciOiJub25lIn0.e30.",
                "grant_type=client_credentials&client_assertion_type=" + OAuthServer.JWT_BEARER + "&client_assertion=eyJhbGciOiJIUzI1NiJ9.e30.c2ln",
                "grant_type=client_credentials&scope=credential&authorization_details=%5B1%5D",
                "grant_type=client_credentials&scope=credential&authorization_details=%7B",
                "grant_type=client_credentials&scope=credential&authorization_details=%5B%7B%22type%22%3A%22credential%22%2C%22credentialID%22%3A%22rsa2048%22%2C%22numSignatures%22%3A%22x%22%7D%5D");
        List<String[]> headers = List.of(new String[] {"Authorization", Http.basic(s)}, new String[] {"Authorization", "Basic !!!"},
                new String[] {"Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes(java.nio.charset.StandardCharsets.UTF_8))},
                new String[] {"DPoP", "e30.e30.e30"}, new String[] {"X-None", "1"});
        for (String body : bodies) {
            for (String[] h : headers) {
                Http.Response r = Http.send(HttpRequest.newBuilder(s.tokenUrl()).header("Content-Type", "application/x-www-form-urlencoded")
                        .header(h[0], h[1]).POST(HttpRequest.BodyPublishers.ofString(body)));
                assertThat(r.status()).as(body + " " + h[0] + " -> " + r).isBetween(400, 499);
                assertThat(r.error()).isNotBlank();
            }
        }
    }
}
