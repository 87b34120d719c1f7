package org.cscsign.csc.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import okhttp3.OkHttpClient;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CscApiVersion;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.OAuth2Endpoints;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The authorization request and the callback handling, without any server (nothing is sent). */
class AuthorizationRequestUrlTest {

    /** Nothing listens there: every test here must decide before any request would leave. */
    private static final OAuth2Endpoints NO_PAR = OAuth2Endpoints.of(URI.create("http://127.0.0.1:9/oauth2/authorize"),
            URI.create("http://127.0.0.1:9/oauth2/token"), null, URI.create("http://127.0.0.1:9/oauth2/revoke"));
    private static final URI REDIRECT = URI.create("http://127.0.0.1:54321/callback");
    private static final byte[] H1 = sha("one");
    private static final byte[] H2 = sha("two");

    private static byte[] sha(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthorizationCodeFlow flow(CscApiVersion version, AuthorizationCodeSettings settings) {
        return AuthorizationCodeFlow.builder().endpoints(NO_PAR)
                .client(OAuth2ClientSettings.of(new OkHttpClient(), "client-1", ClientAuthentication.clientSecretBasic("s3cret")))
                .apiVersion(version).settings(settings)
                .clientData("{\"clientTransactionId\":\"tx-1\"}").lang("de").build();
    }

    private static Map<String, String> query(PendingAuthorization p) {
        return AuthorizationCodeFlow.parseQuery(p.authorizationUri().getRawQuery());
    }

    @Test
    void credentialRequestCarriesPkceStateExactRedirectAndTheHashesBase64urlJoined() {
        PendingAuthorization p = flow(CscApiVersion.V2, AuthorizationCodeSettings.DEFAULT).start(
                AuthorizationRequest.credential(CredentialId.of("cred-1"), List.of(H1, H2), HashAlgorithm.SHA256), REDIRECT);
        Map<String, String> q = query(p);
        assertThat(p.authorizationUri().toString()).startsWith("http://127.0.0.1:9/oauth2/authorize?");
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", "client-1")
                .containsEntry("redirect_uri", REDIRECT.toString()).containsEntry("scope", "credential")
                .containsEntry("credentialID", "cred-1").containsEntry("numSignatures", "2")
                .containsEntry("hashAlgorithmOID", "2.16.840.1.101.3.4.2.1")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", Pkce.challengeOf(p.pkce().verifier()))
                .containsEntry("state", p.state()).containsEntry("lang", "de")
                .containsEntry("clientData", "{\"clientTransactionId\":\"tx-1\"}");
        assertThat(q.get("hashes")).isEqualTo(Base64.getUrlEncoder().encodeToString(H1) + ","
                + Base64.getUrlEncoder().encodeToString(H2));
        assertThat(q).doesNotContainKey("code_verifier");
        assertThat(p.authorizationUri().toString()).doesNotContain(p.pkce().verifier());
        assertThat(p.state()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void eachRequestHasItsOwnStateAndVerifier() {
        AuthorizationCodeFlow f = flow(CscApiVersion.V2, AuthorizationCodeSettings.DEFAULT);
        PendingAuthorization a = f.start(AuthorizationRequest.service(), REDIRECT);
        PendingAuthorization b = f.start(AuthorizationRequest.service(), REDIRECT);
        assertThat(a.state()).isNotEqualTo(b.state());
        assertThat(a.pkce().verifier()).isNotEqualTo(b.pkce().verifier());
        assertThat(query(a)).containsEntry("scope", "service").doesNotContainKey("credentialID");
    }

    @Test
    void v1ServiceGetsTheHashAsHash() {
        PendingAuthorization p = flow(CscApiVersion.V1, AuthorizationCodeSettings.DEFAULT).start(
                AuthorizationRequest.credential(CredentialId.of("cred-1"), List.of(H1), HashAlgorithm.SHA256), REDIRECT);
        assertThat(query(p)).containsEntry("hash", Base64.getUrlEncoder().encodeToString(H1))
                .doesNotContainKey("hashes").doesNotContainKey("hashAlgorithmOID");
    }

    @Test
    void rarSendsAuthorizationDetailsWithOneLabelledDigestPerDocument() throws Exception {
        PendingAuthorization p = flow(CscApiVersion.V2, AuthorizationCodeSettings.DEFAULT).start(
                AuthorizationRequest.credential(CredentialId.of("cred-1"), List.of(H1, H2), HashAlgorithm.SHA256)
                        .withRar(List.of("a.pdf", "b.pdf")), REDIRECT);
        Map<String, String> q = query(p);
        assertThat(q).doesNotContainKey("scope").doesNotContainKey("hashes");
        JsonNode details = new ObjectMapper().readTree(q.get("authorization_details"));
        assertThat(details.size()).isEqualTo(1);
        JsonNode d = details.get(0);
        assertThat(d.get("type").asText()).isEqualTo("credential");
        assertThat(d.get("credentialID").asText()).isEqualTo("cred-1");
        assertThat(d.get("numSignatures").asInt()).isEqualTo(2);
        assertThat(d.get("hashAlgorithmOID").asText()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(d.get("documentDigests").get(1).get("label").asText()).isEqualTo("b.pdf");
        assertThat(Base64.getUrlDecoder().decode(d.get("documentDigests").get(0).get("hash").asText())).isEqualTo(H1);
    }

    @Test
    void accountTokenIsAFreshHs256JwtKeyedWithTheSha256OfTheClientSecret() throws Exception {
        AuthorizationCodeFlow f = flow(CscApiVersion.V2, AuthorizationCodeSettings.DEFAULT.withAccountId("acct-7"));
        String first = query(f.start(AuthorizationRequest.service(), REDIRECT)).get("account_token");
        String second = query(f.start(AuthorizationRequest.service(), REDIRECT)).get("account_token");
        SignedJWT jwt = SignedJWT.parse(first);
        byte[] key = MessageDigest.getInstance("SHA-256").digest("s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(jwt.verify(new MACVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("acct-7");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("azp")).isEqualTo("client-1");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("cscsign");
        assertThat(jwt.getJWTClaimsSet().getIssueTime()).isNotNull();
        assertThat(SignedJWT.parse(second).getJWTClaimsSet().getJWTID()).isNotEqualTo(jwt.getJWTClaimsSet().getJWTID());
    }

    @Test
    void parRequiredWithoutParEndpointIsATypedErrorNotAFallback() {
        AuthorizationCodeFlow f = flow(CscApiVersion.V2, AuthorizationCodeSettings.DEFAULT.withParMode(ParMode.REQUIRED));
        assertThatThrownBy(() -> f.start(AuthorizationRequest.service(), REDIRECT))
                .isInstanceOfSatisfying(AuthorizationFlowException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.PAR_UNAVAILABLE));
    }

    @Test
    void serverWithoutS256IsRefused() {
        OAuth2Endpoints plainOnly = new OAuth2Endpoints(null, NO_PAR.authorization(), NO_PAR.token(), null, null, false,
                List.of("plain"));
        AuthorizationCodeFlow f = AuthorizationCodeFlow.builder().endpoints(plainOnly)
                .client(OAuth2ClientSettings.of(new OkHttpClient(), "client-1", null)).build();
        assertThatThrownBy(() -> f.start(AuthorizationRequest.service(), REDIRECT))
                .isInstanceOfSatisfying(AuthorizationFlowException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.PKCE_UNSUPPORTED));
    }

    @Test
    void wrongOrMissingStateIsRefusedBeforeAnyExchange() {
        AuthorizationCodeFlow f = flow(CscApiVersion.V2, AuthorizationCodeSettings.DEFAULT);
        PendingAuthorization p = f.start(AuthorizationRequest.service(), REDIRECT);
        assertThatThrownBy(() -> f.complete(p, URI.create(REDIRECT + "?code=c0de&state=forged")))
                .isInstanceOfSatisfying(AuthorizationFlowException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.STATE_MISMATCH);
                    assertThat(e.getMessage()).doesNotContain("c0de").doesNotContain(p.state());
                });
        assertThatThrownBy(() -> f.complete(p, URI.create(REDIRECT + "?code=c0de")))
                .isInstanceOfSatisfying(AuthorizationFlowException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.STATE_MISMATCH));
        assertThatThrownBy(() -> f.complete(p, "c0de", null)).isInstanceOf(AuthorizationFlowException.class);
    }

    @Test
    void deniedConsentIsItsOwnException() {
        AuthorizationCodeFlow f = flow(CscApiVersion.V2, AuthorizationCodeSettings.DEFAULT);
        PendingAuthorization p = f.start(AuthorizationRequest.service(), REDIRECT);
        assertThatThrownBy(() -> f.complete(p, URI.create(REDIRECT + "?error=access_denied&error_description=User%20said%20no&state="
                + p.state()))).isInstanceOf(AuthorizationDeniedException.class).hasMessageContaining("User said no");
    }

    @Test
    void otherErrorsAndCallbacksWithoutCodeAreTyped() {
        AuthorizationCodeFlow f = flow(CscApiVersion.V2, AuthorizationCodeSettings.DEFAULT);
        PendingAuthorization p = f.start(AuthorizationRequest.service(), REDIRECT);
        assertThatThrownBy(() -> f.complete(p, URI.create(REDIRECT + "?error=invalid_scope&state=" + p.state())))
                .isInstanceOfSatisfying(AuthorizationFlowException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.ERROR_RESPONSE);
                    assertThat(e.error()).hasValue("invalid_scope");
                });
        PendingAuthorization q = f.start(AuthorizationRequest.service(), REDIRECT);
        assertThatThrownBy(() -> f.complete(q, URI.create(REDIRECT + "?state=" + q.state())))
                .isInstanceOfSatisfying(AuthorizationFlowException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.MALFORMED_CALLBACK));
    }
}
