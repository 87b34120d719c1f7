package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.csc;
import static org.cscsign.sandbox.Http.form;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postForm;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token endpoint: client authentication methods, private_key_jwt, scope credential, optional DPoP. */
class OAuthTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    static PrivateKey readKey(Path pem, String algorithm) throws Exception {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(ClientKeys.readPem(pem)));
    }

    static String assertion(Sandbox s, JWSAlgorithm alg, JWSSigner signer, String audience, String jti) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(s.clientId()).subject(s.clientId()).audience(audience)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000)).jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static Http.Response tokenByAssertion(Sandbox s, String assertion) {
        return postForm(s.tokenUrl(), form("grant_type", "client_credentials", "client_id", s.clientId(),
                "client_assertion_type", OAuthServer.JWT_BEARER, "client_assertion", assertion));
    }

    @Test
    void privateKeyJwtWithEs256IsAcceptedOnceOnly() throws Exception {
        Sandbox s = sandbox.get();
        ECPrivateKey key = (ECPrivateKey) readKey(s.clientKeyPem(), "EC");
        String a = assertion(s, JWSAlgorithm.ES256, new ECDSASigner(key), s.tokenUrl().toString(), UUID.randomUUID().toString());
        Http.Response ok = tokenByAssertion(s, a);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(ok.json().get("scope").asText()).isEqualTo("service");
        assertThat(postJson(csc(s, "credentials/list"), "Bearer " + ok.json().get("access_token").asText(), "{}").status()).isEqualTo(200);
        Http.Response replay = tokenByAssertion(s, a);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.error()).isEqualTo("invalid_client");
    }

    @Test
    void privateKeyJwtWithRs256AndBaseUrlAudienceIsAccepted() throws Exception {
        Sandbox s = sandbox.get();
        String a = assertion(s, JWSAlgorithm.RS256, new RSASSASigner(readKey(s.clientRsaKeyPem(), "RSA")),
                s.baseUrl().toString(), UUID.randomUUID().toString());
        assertThat(tokenByAssertion(s, a).status()).isEqualTo(200);
    }

    @Test
    void privateKeyJwtSignedByAnotherKeyOrForAnotherAudienceIsRefused() throws Exception {
        Sandbox s = sandbox.get();
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        String foreign = assertion(s, JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) g.generateKeyPair().getPrivate()),
                s.tokenUrl().toString(), UUID.randomUUID().toString());
        assertThat(tokenByAssertion(s, foreign).error()).isEqualTo("invalid_client");
        String otherAud = assertion(s, JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) readKey(s.clientKeyPem(), "EC")),
                "https://elsewhere.example/token", UUID.randomUUID().toString());
        assertThat(tokenByAssertion(s, otherAud).error()).isEqualTo("invalid_client");
    }

    @Test
    void clientSecretPostIsAccepted() {
        Sandbox s = sandbox.get();
        Http.Response r = postForm(s.tokenUrl(), form("grant_type", "client_credentials", "client_id", s.clientId(),
                "client_secret", s.clientSecret(), "scope", "service"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(300);
    }

    @Test
    void credentialScopeTokenActsAsSadForItsCountOnly() throws Exception {
        Sandbox s = sandbox.get();
        String details = Http.JSON.writeValueAsString(List.of(Map.of("type", "credential", "credentialID", "ecp256", "numSignatures", 1)));
        Http.Response t = postForm(s.tokenUrl(), form("grant_type", "client_credentials", "scope", "credential",
                "authorization_details", details), "Authorization", Http.basic(s));
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        String token = "Bearer " + t.json().get("access_token").asText();
        var sign = obj("credentialID", "ecp256", "hashes", List.of(b64(sha("SHA-256", new byte[] {3}))), "signAlgo", "1.2.840.10045.4.3.2");
        assertThat(postJson(csc(s, "signatures/signHash"), token, sign).status()).isEqualTo(200);
        Http.Response second = postJson(csc(s, "signatures/signHash"), token, sign);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("error_description").asText()).contains("exhausted");
        Http.Response other = postJson(csc(s, "signatures/signHash"), token, obj("credentialID", "rsa2048",
                "hashes", List.of(b64(sha("SHA-256", new byte[] {3}))), "signAlgo", "1.2.840.113549.1.1.11"));
        assertThat(other.status()).isEqualTo(400);
    }

    @Test
    void dpopProofOnStandardTokenRequestYieldsBoundToken() {
        Sandbox s = sandbox.get();
        Http.DpopKey key = new Http.DpopKey();
        Http.Response t = postForm(s.tokenUrl(), form("grant_type", "client_credentials"), "Authorization", Http.basic(s),
                "DPoP", key.proof("POST", s.tokenUrl(), null, null));
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        assertThat(t.json().get("token_type").asText()).isEqualTo("DPoP");
        String token = t.json().get("access_token").asText();
        java.net.URI uri = csc(s, "credentials/list");
        assertThat(postJson(uri, "Bearer " + token, "{}").error()).isEqualTo("invalid_token");
        assertThat(postJson(uri, "DPoP " + token, "{}", "DPoP", key.proof("POST", uri, token, null)).status()).isEqualTo(200);
    }
}
