package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.CodeFlow.b64url;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authorization endpoint and its consent page (primesign profile): what is refused with a redirect,
 * what with a 400 page, and what the signer's answers lead to.
 */
class AuthorizationEndpointTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.primesign();

    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    private static String hashes(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(b64url(sha("SHA-256", new byte[] {(byte) i})));
        }
        return b.toString();
    }

    private static Map<String, String> error(Http.Response r) {
        return CodeFlow.redirectParams(r, CodeFlow.REDIRECT);
    }

    @Test
    void plainPkceIsRefusedWithARedirectCarryingTheState() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> back = error(flow.authorize(flow.base("scope", "service", "code_challenge_method", "plain",
                "code_challenge", flow.verifier)));
        assertThat(back.get("error")).isEqualTo("invalid_request");
        assertThat(back.get("error_description")).contains("S256");
        assertThat(back.get("state")).isEqualTo(flow.state);
        assertThat(back.get("iss")).isEqualTo(sandbox.get().issuerUrl().toString());
        assertThat(back).doesNotContainKey("code");
        assertThat(sandbox.get().stats().authorizeRequests()).extracting(Stats.AuthorizeRequest::outcome)
                .containsExactly("invalid_request");
    }

    @Test
    void missingCodeChallengeIsRefused() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> back = error(flow.authorize(flow.base("scope", "service", "code_challenge", null,
                "code_challenge_method", null)));
        assertThat(back.get("error")).isEqualTo("invalid_request");
        assertThat(back.get("error_description")).contains("PKCE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1/callback", "http://localhost:65000/callback", "http://[::1]:4711/callback",
            "https://app.cscsign.example/callback"})
    void loopbackRedirectMatchesWithAnyPortAndTheWebRedirectExactly(String redirect) {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> params = flow.base("scope", "service", "redirect_uri", redirect);
        Http.Response approved = flow.consent(flow.authorize(params), sandbox.get().pin(), "approve");
        assertThat(CodeFlow.redirectParams(approved, redirect)).containsKey("code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.cscsign.example:8443/callback", "https://app.cscsign.example/callback/x",
            "http://127.0.0.1:5000/other", "https://127.0.0.1:5000/callback", "http://192.168.1.2:5000/callback",
            "http://127.0.0.1:5000/callback?x=1", "not a uri"})
    void unregisteredRedirectGetsAPageAndNoRedirect(String redirect) {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Http.Response r = flow.authorize(flow.base("scope", "service", "redirect_uri", redirect));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(CodeFlow.body(r)).contains("redirect_uri is not registered");
    }

    @Test
    void unknownClientGetsAPageAndNoRedirect() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Http.Response r = flow.authorize(flow.base("scope", "service", "client_id", "someone-else"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(CodeFlow.body(r)).contains("unauthorized_client");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "response_type|token|unsupported_response_type",
            "scope|openid|invalid_scope",
            "scope||invalid_scope",
            "lang|<script>|invalid_request",
    })
    void badParameterIsRedirectedAsError(String name, String value, String expected) {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> params = flow.base("scope", "service", name, value);
        assertThat(error(flow.authorize(params)).get("error")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"type\":\"credential\",\"credentialID\":\"ecp256\"}]|invalid_request",
            "not json|invalid_authorization_details",
            "[]|invalid_authorization_details",
            "[{\"type\":\"payment\"}]|invalid_authorization_details",
            "[{\"type\":\"credential\",\"credentialID\":\"nope\",\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\",\"documentDigests\":[{\"hash\":\"AAAA\"}]}]|invalid_request",
            "[{\"type\":\"credential\",\"credentialID\":\"ecp256\",\"documentDigests\":[{\"hash\":\"AAAA\",\"label\":\"x\"}]}]|invalid_authorization_details",
    })
    void malformedAuthorizationDetailsAreRefused(String details, String expected) {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> back = error(flow.authorize(flow.base("authorization_details", details)));
        assertThat(back.get("error")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hashes|,,,",
            "hashes|%%%",
            "numSignatures|abc",
            "numSignatures|99999999999",
            "numSignatures|0",
            "hashAlgorithmOID|1.2.3",
            "credentialID|",
            "hash|AAAA",
    })
    void malformedCredentialParameterIsRedirectedAsInvalidRequest(String name, String value) {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> params = flow.base("scope", "credential", "credentialID", "ecp256", "hashes", hashes(1),
                "hashAlgorithmOID", SHA256, name, value == null ? "" : value);
        Map<String, String> back = error(flow.authorize(params));
        assertThat(back.get("error")).isEqualTo("invalid_request");
        assertThat(back.get("state")).isEqualTo(flow.state);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"type\":\"credential\",\"credentialID\":\"ecp256\",\"numSignatures\":1.5,\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\",\"documentDigests\":[{\"hash\":\"x\"}]}]",
            "[{\"type\":\"credential\",\"credentialID\":\"ecp256\",\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\",\"documentDigests\":[\"x\"]}]",
            "[{\"type\":\"credential\",\"credentialID\":\"ecp256\",\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\",\"documentDigests\":[{\"hash\":\"AAAA\",\"label\":7}]}]",
            "[{\"type\":\"credential\",\"credentialID\":[\"ecp256\"]}]",
            "[{\"type\":\"credential\",\"credentialID\":\"ecp256\",\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\",\"documentDigests\":{}}]",
            "[{\"type\":\"credential\",\"credentialID\":\"ecp256\"},{\"type\":\"credential\",\"credentialID\":\"ecp384\"}]",
            "{\"type\":\"credential\"}",
            "null",
    })
    void oddlyTypedAuthorizationDetailsAreRefusedByRedirect(String details) {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> back = error(flow.authorize(flow.base("authorization_details", details)));
        assertThat(back.get("error")).isIn("invalid_request", "invalid_authorization_details");
        assertThat(sandbox.get().stats().count("oauth:codes:issued")).isZero();
    }

    @Test
    void credentialScopeNeedsHashesAtScalTwoAndTheirCountMustMatch() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> noHashes = flow.base("scope", "credential", "credentialID", "ecp256", "numSignatures", "1");
        assertThat(error(flow.authorize(noHashes)).get("error_description")).contains("hashes");
        Map<String, String> mismatch = flow.base("scope", "credential", "credentialID", "ecp256", "numSignatures", "3",
                "hashes", hashes(2), "hashAlgorithmOID", SHA256);
        assertThat(error(flow.authorize(mismatch)).get("error_description")).contains("numSignatures");
        Map<String, String> wrongLength = flow.base("scope", "credential", "credentialID", "ecp256",
                "hashes", hashes(1), "hashAlgorithmOID", "2.16.840.1.101.3.4.2.3");
        assertThat(error(flow.authorize(wrongLength)).get("error_description")).contains("64 bytes");
    }

    @Test
    void consentPageShowsTheHashCountWhenThereAreNoLabels() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Http.Response page = flow.authorize(flow.base("scope", "credential", "credentialID", "ecp256",
                "hashes", hashes(3), "hashAlgorithmOID", SHA256, "clientData", "{\"clientTransactionId\":\"tx-42\"}"));
        String html = CodeFlow.body(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("3 documents", "<ol id=\"documents\">", "ecp256")
                .doesNotContain("<script");
        assertThat(html.split("<li>", -1)).hasSize(4);
        assertThat(sandbox.get().stats().authorizeRequests().get(0).clientData()).isEqualTo("{\"clientTransactionId\":\"tx-42\"}");
        JsonNode stats = Http.get(URI.create(sandbox.get().baseUrl() + "/sandbox/stats")).json();
        assertThat(stats.at("/oauth/authorizeRequests/0/clientData").asText()).isEqualTo("{\"clientTransactionId\":\"tx-42\"}");
        assertThat(stats.get("oauth:authorize").asLong()).isEqualTo(1);
    }

    @Test
    void richRequestForFiftyLabelledDocumentsFitsInTheUrl() throws Exception {
        java.util.List<Map<String, String>> digests = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            digests.add(Map.of("hash", b64url(sha("SHA-256", new byte[] {(byte) i})), "label",
                    "Quarterly report of the regional office number " + i + " (final, signed copy).pdf"));
        }
        String details = Http.JSON.writeValueAsString(java.util.List.of(Map.of("type", "credential", "credentialID", "ecp256",
                "hashAlgorithmOID", SHA256, "documentDigests", digests)));
        CodeFlow flow = new CodeFlow(sandbox.get());
        Map<String, String> params = flow.base("authorization_details", details);
        assertThat(CodeFlow.query(params).length()).isGreaterThan(8 * 1024);
        Http.Response page = flow.authorize(params);
        assertThat(CodeFlow.body(page)).contains("50 documents", "regional office number 49");
    }

    @Test
    void denialRedirectsWithAccessDeniedAndTheState() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Http.Response page = flow.authorize(flow.base("scope", "service"));
        Map<String, String> back = error(flow.consent(page, null, "deny"));
        assertThat(back.get("error")).isEqualTo("access_denied");
        assertThat(back.get("state")).isEqualTo(flow.state);
        assertThat(back).doesNotContainKey("code");
        assertThat(sandbox.get().stats().count("oauth:consent:denied")).isEqualTo(1);
        assertThat(sandbox.get().stats().count("oauth:codes:issued")).isZero();
        // the page cannot be answered twice
        assertThat(flow.consent(page, sandbox.get().pin(), "approve").status()).isEqualTo(400);
    }

    @Test
    void wrongPinShowsThePageAgainAndTheThirdEndsInAccessDenied() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Http.Response page = flow.authorize(flow.base("scope", "service"));
        Http.Response again = flow.consent(page, "000000", "approve");
        assertThat(again.status()).isEqualTo(200);
        assertThat(CodeFlow.body(again)).contains("id=\"error\"", "Wrong PIN", "2 attempts left", "id=\"pin\"");
        Http.Response third = flow.consent(flow.consent(again, "111111", "approve"), "222222", "approve");
        Map<String, String> back = error(third);
        assertThat(back.get("error")).isEqualTo("access_denied");
        assertThat(sandbox.get().stats().count("oauth:consent:wrong-pin")).isEqualTo(3);
        assertThat(sandbox.get().stats().count("oauth:codes:issued")).isZero();
    }

    @Test
    void rightPinAfterAWrongOneStillApproves() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        Http.Response again = flow.consent(flow.authorize(flow.base("scope", "service")), "999999", "approve");
        assertThat(error(flow.consent(again, sandbox.get().pin(), "approve"))).containsKey("code");
    }

    @Test
    void malformedInputGetsA400PageOrJsonNeverA500() throws Exception {
        Sandbox s = sandbox.get();
        assertThat(rawStatusLine(s, s.authorizeUrl().getRawPath() + "?client_id=%zz&redirect_uri=x")).contains(" 400 ");
        Http.Response repeated = Http.get(URI.create(s.authorizeUrl() + "?client_id=a&client_id=b"));
        assertThat(repeated.status()).isEqualTo(400);
        Http.Response staleSession = Http.postForm(URI.create(s.baseUrl() + "/realms/sandbox/login-actions/consent"),
                Http.form("session", "nope", "pin", s.pin(), "action", "approve"));
        assertThat(staleSession.status()).isEqualTo(400);
        assertThat(CodeFlow.body(staleSession)).contains("expired or was already answered");
        Http.Response jsonConsent = Http.postJson(URI.create(s.baseUrl() + "/realms/sandbox/login-actions/consent"), null, "{}");
        assertThat(jsonConsent.status()).isEqualTo(400);
        Http.Response wrongVerb = Http.postForm(s.authorizeUrl(), Http.form("client_id", s.clientId()));
        assertThat(wrongVerb.status()).isEqualTo(405);
        byte[] huge = new byte[SandboxServer.MAX_FORM_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        Http.Response tooLarge = Http.send(java.net.http.HttpRequest.newBuilder(s.parUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).isEqualTo("invalid_request");
        CodeFlow flow = new CodeFlow(s);
        String longData = "x".repeat(5000);
        assertThat(error(flow.authorize(flow.base("scope", "service", "clientData", longData))).get("error"))
                .isEqualTo("invalid_request");
    }

    /** java.net.URI refuses a bad percent escape, so this request goes over a plain socket. */
    private static String rawStatusLine(Sandbox s, String target) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(s.baseUrl().getHost(), s.baseUrl().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + s.baseUrl().getAuthority()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void serviceScopeRefusesCredentialParameters() {
        CodeFlow flow = new CodeFlow(sandbox.get());
        assertThat(error(flow.authorize(flow.base("scope", "service", "credentialID", "ecp256"))).get("error"))
                .isEqualTo("invalid_request");
    }
}
