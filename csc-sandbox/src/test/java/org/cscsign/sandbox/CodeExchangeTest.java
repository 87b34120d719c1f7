package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.CodeFlow.b64url;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token endpoint's authorization_code and refresh_token grants, revocation, and the credential-scope
 * token as SAD: everything a code or token must not do.
 */
class CodeExchangeTest {
    static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN).clock(CLOCK));

    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final byte[] H1 = sha("SHA-256", new byte[] {11});
    private static final byte[] H2 = sha("SHA-256", new byte[] {12});
    private static final byte[] OTHER = sha("SHA-256", new byte[] {13});

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    private static Sandbox s() {
        return sandbox.get();
    }

    private static String service() {
        return Http.bearer(s());
    }

    private static String credentialToken(byte[]... hashes) {
        StringBuilder list = new StringBuilder();
        for (byte[] h : hashes) {
            list.append(list.length() == 0 ? "" : ",").append(b64url(h));
        }
        CodeFlow flow = new CodeFlow(s());
        return flow.token(flow.base("scope", "credential", "credentialID", "ecp256", "hashes", list.toString(),
                "hashAlgorithmOID", SHA256)).get("access_token").asText();
    }

    private static ObjectNode sign(String sad, byte[]... hashes) {
        List<String> encoded = java.util.Arrays.stream(hashes).map(Http::b64).toList();
        ObjectNode body = obj("credentialID", "ecp256", "hashes", encoded, "hashAlgorithmOID", SHA256, "signAlgo", ECDSA_SHA256);
        if (sad != null) {
            body.put("SAD", sad);
        }
        return body;
    }

    private static Http.Response signHash(String bearer, ObjectNode body) {
        return postJson(URI.create(s().cscUrl() + "/signatures/signHash"), bearer, body);
    }

    @Test
    void wrongVerifierIsInvalidGrantAndBurnsTheCode() {
        CodeFlow flow = new CodeFlow(s());
        String code = flow.approve(flow.base("scope", "service"));
        Http.Response bad = flow.exchange(code, new CodeFlow(s()).verifier, CodeFlow.REDIRECT);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("invalid_grant");
        assertThat(flow.exchange(code).error()).isEqualTo("invalid_grant");
        assertThat(s().stats().count("oauth:codes:redeemed")).isZero();
    }

    @Test
    void replayedCodeIsRefusedAndRevokesTheTokenItGave() {
        CodeFlow flow = new CodeFlow(s());
        String code = flow.approve(flow.base("scope", "service"));
        Http.Response first = flow.exchange(code);
        assertThat(first.status()).isEqualTo(200);
        String token = "Bearer " + first.json().get("access_token").asText();
        URI list = URI.create(s().cscUrl() + "/credentials/list");
        assertThat(postJson(list, token, "{}").status()).isEqualTo(200);
        Http.Response replay = flow.exchange(code);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.error()).isEqualTo("invalid_grant");
        Http.Response after = postJson(list, token, "{}");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.error()).isEqualTo("invalid_token");
        Http.Response refresh = Http.postForm(s().tokenUrl(), Http.form("grant_type", "refresh_token",
                "refresh_token", first.json().get("refresh_token").asText()), "Authorization", Http.basic(s()));
        assertThat(refresh.error()).isEqualTo("invalid_grant");
        assertThat(s().stats().count("oauth:codes:replayed")).isEqualTo(1);
    }

    @Test
    void redirectUriMustBeTheOneOfTheAuthorizationRequest() {
        CodeFlow flow = new CodeFlow(s());
        String code = flow.approve(flow.base("scope", "service"));
        Http.Response r = flow.exchange(code, flow.verifier, "http://127.0.0.1:53118/callback");
        assertThat(r.error()).isEqualTo("invalid_grant");
        assertThat(r.json().get("error_description").asText()).contains("redirect_uri");
    }

    @Test
    void codeExpiresAfterSixtySeconds() {
        CodeFlow flow = new CodeFlow(s());
        String code = flow.approve(flow.base("scope", "service"));
        CLOCK.advance(Duration.ofSeconds(61));
        Http.Response r = flow.exchange(code);
        assertThat(r.error()).isEqualTo("invalid_grant");
        assertThat(r.json().get("error_description").asText()).contains("expired");
    }

    @Test
    void consentPageLeftOpenTooLongCannotApprove() {
        CodeFlow flow = new CodeFlow(s());
        Http.Response page = flow.authorize(flow.base("scope", "service"));
        CLOCK.advance(Duration.ofMinutes(11));
        Http.Response late = flow.consent(page, s().pin(), "approve");
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.header("Location")).isNull();
        assertThat(s().stats().count("oauth:codes:issued")).isZero();
    }

    @Test
    void codeExchangeNeedsClientAuthenticationAndEachMethodIsRecorded() throws Exception {
        CodeFlow flow = new CodeFlow(s());
        String code = flow.approve(flow.base("scope", "service"));
        Http.Response anonymous = Http.postForm(s().tokenUrl(), Http.form("grant_type", "authorization_code", "code", code,
                "code_verifier", flow.verifier, "redirect_uri", CodeFlow.REDIRECT, "client_id", s().clientId()));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error()).isEqualTo("invalid_client");
        // the code survives a request that never authenticated
        String assertion = OAuthTest.assertion(s(), com.nimbusds.jose.JWSAlgorithm.ES256, new com.nimbusds.jose.crypto.ECDSASigner(
                (java.security.interfaces.ECPrivateKey) OAuthTest.readKey(s().clientKeyPem(), "EC")),
                s().issuerUrl().toString(), java.util.UUID.randomUUID().toString());
        Http.Response jwt = Http.postForm(s().tokenUrl(), Http.form("grant_type", "authorization_code", "code", code,
                "code_verifier", flow.verifier, "redirect_uri", CodeFlow.REDIRECT, "client_id", s().clientId(),
                "client_assertion_type", OAuthServer.JWT_BEARER, "client_assertion", assertion));
        assertThat(jwt.status()).as(jwt.toString()).isEqualTo(200);
        assertThat(s().stats().tokenRequests()).extracting(Stats.TokenRequest::clientAuthentication, Stats.TokenRequest::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("none", "invalid_client"),
                        org.assertj.core.groups.Tuple.tuple("private_key_jwt", "ok"));
        assertThat(s().stats().count("oauth:token:auth:private_key_jwt")).isEqualTo(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "grant_type=authorization_code|invalid_request",
            "grant_type=authorization_code&code=x&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback|invalid_request",
            "grant_type=authorization_code&code=x&redirect_uri=y&code_verifier=z|invalid_grant",
            "grant_type=refresh_token|invalid_request",
            "grant_type=refresh_token&refresh_token=nope|invalid_grant",
            "grant_type=password&username=a&password=b|unsupported_grant_type",
            "grant_type=authorization_code&code=%zz|invalid_request",
            "grant_type=authorization_code&code=a&code=b|invalid_request",
    })
    void malformedTokenRequestIsAJsonErrorNamingTheProblem(String body, String expected) {
        Http.Response r = Http.send(java.net.http.HttpRequest.newBuilder(s().tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", Http.basic(s()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo(expected);
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void dpopProofBindsTheCodeFlowToken() {
        CodeFlow flow = new CodeFlow(s());
        String code = flow.approve(flow.base("scope", "service"));
        Http.DpopKey key = new Http.DpopKey();
        Http.Response t = Http.postForm(s().tokenUrl(), Http.form("grant_type", "authorization_code", "code", code,
                "code_verifier", flow.verifier, "redirect_uri", CodeFlow.REDIRECT), "Authorization", Http.basic(s()),
                "DPoP", key.proof("POST", s().tokenUrl(), null, null));
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        assertThat(t.json().get("token_type").asText()).isEqualTo("DPoP");
        String token = t.json().get("access_token").asText();
        URI list = URI.create(s().cscUrl() + "/credentials/list");
        assertThat(postJson(list, "Bearer " + token, "{}").status()).isEqualTo(401);
        assertThat(postJson(list, "DPoP " + token, "{}", "DPoP", key.proof("POST", list, token, null)).status()).isEqualTo(200);
        assertThat(s().stats().tokenRequests().get(0).dpop()).isTrue();
    }

    @Test
    void credentialTokenRefusesOtherHashes() {
        String sad = credentialToken(H1, H2);
        Http.Response r = signHash(service(), sign(sad, OTHER));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_request");
        assertThat(r.json().get("error_description").asText()).contains("SAD").contains("hashes[0]");
        assertThat(signHash(service(), sign(sad, H1, H2)).status()).isEqualTo(200);
    }

    @Test
    void credentialTokenIsSingleUseWithinItsCount() {
        String sad = credentialToken(H1, H2);
        assertThat(signHash(service(), sign(sad, H1)).status()).isEqualTo(200);
        Http.Response again = signHash(service(), sign(sad, H1));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error_description").asText()).contains("SAD");
        assertThat(signHash(service(), sign(sad, H2)).status()).isEqualTo(200);
        Http.Response beyond = signHash("Bearer " + sad, sign(null, H2));
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().get("error_description").asText()).contains("SAD").contains("exhausted");
        assertThat(s().stats().signHashPerSad()).containsExactly(java.util.Map.entry("sad-1", 2L));
    }

    @Test
    void credentialTokenExpires() {
        String sad = credentialToken(H1);
        CLOCK.advance(Duration.ofMinutes(6));
        Http.Response asSad = signHash(service(), sign(sad, H1));
        assertThat(asSad.status()).isEqualTo(400);
        assertThat(asSad.error()).isEqualTo("invalid_request");
        assertThat(asSad.json().get("error_description").asText()).contains("SAD");
        Http.Response asBearer = signHash("Bearer " + sad, sign(null, H1));
        assertThat(asBearer.status()).isEqualTo(401);
    }

    @Test
    void revokedCredentialTokenIsRefusedAndTheRevocationCounted() {
        String sad = credentialToken(H1);
        Http.Response revoke = Http.postForm(s().revocationUrl(), Http.form("token", sad, "token_type_hint", "access_token"),
                "Authorization", Http.basic(s()));
        assertThat(revoke.status()).isEqualTo(200);
        Http.Response r = signHash(service(), sign(sad, H1));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_description").asText()).contains("SAD");
        assertThat(s().stats().count("oauth:revoke")).isEqualTo(1);
        assertThat(s().stats().count("oauth:revoke:revoked")).isEqualTo(1);
        assertThat(s().stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
    }

    @Test
    void revokingARefreshTokenRevokesItsAccessTokens() {
        CodeFlow flow = new CodeFlow(s());
        JsonNode t = flow.token(flow.base("scope", "service"));
        String access = "Bearer " + t.get("access_token").asText();
        Http.Response revoke = Http.postForm(s().revocationUrl(), Http.form("token", t.get("refresh_token").asText(),
                "client_id", s().clientId(), "client_secret", s().clientSecret()));
        assertThat(revoke.status()).isEqualTo(200);
        assertThat(postJson(URI.create(s().cscUrl() + "/credentials/list"), access, "{}").status()).isEqualTo(401);
        assertThat(s().stats().count("oauth:revoke:revoked")).isEqualTo(2);
    }

    @Test
    void revocationNeedsClientAuthenticationAndATokenButAcceptsUnknownTokens() {
        Http.Response anonymous = Http.postForm(s().revocationUrl(), Http.form("token", "x"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error()).isEqualTo("invalid_client");
        Http.Response missing = Http.postForm(s().revocationUrl(), Http.form(), "Authorization", Http.basic(s()));
        assertThat(missing.error()).isEqualTo("invalid_request");
        // RFC 7009 §2.2: an unknown token is not an error
        assertThat(Http.postForm(s().revocationUrl(), Http.form("token", "unknown"), "Authorization", Http.basic(s())).status())
                .isEqualTo(200);
        assertThat(s().stats().count("oauth:revoke:revoked")).isZero();
    }

    @Test
    void refreshTokenExpiresAndCredentialTokensHaveNone() {
        CodeFlow flow = new CodeFlow(s());
        JsonNode t = flow.token(flow.base("scope", "service"));
        CLOCK.advance(Duration.ofMinutes(31));
        Http.Response r = Http.postForm(s().tokenUrl(), Http.form("grant_type", "refresh_token",
                "refresh_token", t.get("refresh_token").asText()), "Authorization", Http.basic(s()));
        assertThat(r.error()).isEqualTo("invalid_grant");
        CLOCK.reset();
        CodeFlow second = new CodeFlow(s());
        JsonNode credential = second.token(second.base("scope", "credential", "credentialID", "ecp256",
                "hashes", b64url(H1), "hashAlgorithmOID", SHA256));
        assertThat(credential.has("refresh_token")).isFalse();
    }
}
