package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.csc;
import static org.cscsign.sandbox.Http.form;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postForm;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The BANKID profile: DPoP (RFC 9449) on the token request and every API call, no SAD, BasicOCSPResponse. */
class BankIdDpopTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.bankid();

    /** A DPoP-bound token and the key it is bound to, obtained after the nonce challenge. */
    record Session(Http.DpopKey key, String token, String nonce) {
    }

    static Session session(Sandbox s) {
        Http.DpopKey key = new Http.DpopKey();
        Http.Response challenge = postForm(s.tokenUrl(), form("grant_type", "client_credentials", "scope", "esign/b2b"),
                "Authorization", Http.basic(s), "DPoP", key.proof("POST", s.tokenUrl(), null, null));
        assertThat(challenge.status()).isEqualTo(400);
        assertThat(challenge.error()).isEqualTo("use_dpop_nonce");
        String nonce = challenge.header("DPoP-Nonce");
        assertThat(nonce).isNotBlank();
        Http.Response ok = postForm(s.tokenUrl(), form("grant_type", "client_credentials", "scope", "esign/b2b"),
                "Authorization", Http.basic(s), "DPoP", key.proof("POST", s.tokenUrl(), null, nonce));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("DPoP");
        assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
        return new Session(key, ok.json().get("access_token").asText(), nonce);
    }

    private static Http.Response call(Sandbox s, Session session, String method, JsonNode body) {
        URI uri = csc(s, method);
        return postJson(uri, "DPoP " + session.token(), body, "DPoP", session.key().proof("POST", uri, session.token(), session.nonce()));
    }

    private static JsonNode signBody(String hash) {
        return obj("credentialID", "rsa2048", "hashes", List.of(hash), "hashAlgorithmOID", StandardApiTest.SHA256,
                "signAlgo", "1.2.840.113549.1.1.1");
    }

    @Test
    void onlyTheBankIdMethodsAreServed() {
        Sandbox s = sandbox.get();
        assertThat(Http.get(csc(s, "info")).json().get("methods")).extracting(JsonNode::asText)
                .containsExactly("info", "credentials/list", "signatures/signHash");
        assertThat(postJson(csc(s, "credentials/info"), null, "{}").status()).isEqualTo(404);
        assertThat(postJson(csc(s, "credentials/authorize"), null, "{}").status()).isEqualTo(404);
        assertThat(Http.get(URI.create(s.baseUrl() + "/csc/v2/info")).status()).isEqualTo(404);
        assertThat(s.cscUrl().toString()).endsWith("/v0/b2b/csc/v2");
    }

    @Test
    void signHashWithDpopReturnsVerifiedSignatureAndBasicOcsp() throws Exception {
        Sandbox s = sandbox.get();
        Session session = session(s);
        Http.Response list = call(s, session, "credentials/list", obj("credentialInfo", true, "certificates", "chain"));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.header("DPoP-Nonce")).isNotBlank();
        X509Certificate leaf = StandardApiTest.cert(list.json().at("/credentialInfos/0/cert/certificates/0").asText());
        X509Certificate ca = StandardApiTest.cert(list.json().at("/credentialInfos/0/cert/certificates/1").asText());
        byte[] doc = "bankid".getBytes(StandardCharsets.UTF_8);
        Http.Response r = call(s, session, "signatures/signHash", signBody(b64(sha("SHA-256", doc))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(leaf);
        v.update(doc);
        assertThat(v.verify(Base64.getDecoder().decode(r.json().at("/signatures/0").asText()))).isTrue();

        BasicOCSPResp basic = new BasicOCSPResp(org.bouncycastle.asn1.ocsp.BasicOCSPResponse.getInstance(
                Base64.getDecoder().decode(r.json().at("/validationInfo/ocsp/0").asText())));
        X509CertificateHolder responder = basic.getCerts()[0];
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))).isTrue();
        CertificateID expected = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca), leaf.getSerialNumber());
        assertThat(basic.getResponses()[0].getCertID()).isEqualTo(expected);
        assertThat(basic.getResponses()[0].getCertStatus()).isNull();
    }

    @Test
    void apiRefusesProofWithoutNonceThenAcceptsWithIt() {
        Sandbox s = sandbox.get();
        Session session = session(s);
        URI uri = csc(s, "credentials/list");
        Http.Response r = postJson(uri, "DPoP " + session.token(), "{}", "DPoP", session.key().proof("POST", uri, session.token(), null));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("use_dpop_nonce");
        assertThat(r.header("WWW-Authenticate")).contains("use_dpop_nonce");
        String nonce = r.header("DPoP-Nonce");
        assertThat(nonce).isNotBlank();
        Http.Response ok = postJson(uri, "DPoP " + session.token(), "{}", "DPoP", session.key().proof("POST", uri, session.token(), nonce));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }

    @Test
    void tokenRequestWithoutDpopIsRefused() {
        Sandbox s = sandbox.get();
        Http.Response r = postForm(s.tokenUrl(), form("grant_type", "client_credentials", "scope", "esign/b2b"),
                "Authorization", Http.basic(s));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void tokenRequestWithOtherScopeIsRefused() {
        Sandbox s = sandbox.get();
        Http.DpopKey key = new Http.DpopKey();
        String nonce = session(s).nonce();
        Http.Response r = postForm(s.tokenUrl(), form("grant_type", "client_credentials", "scope", "service"),
                "Authorization", Http.basic(s), "DPoP", key.proof("POST", s.tokenUrl(), null, nonce));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_scope");
    }

    @Test
    void replayedProofIsRefused() {
        Sandbox s = sandbox.get();
        Session session = session(s);
        URI uri = csc(s, "credentials/list");
        String proof = session.key().proof("POST", uri, session.token(), session.nonce());
        assertThat(postJson(uri, "DPoP " + session.token(), "{}", "DPoP", proof).status()).isEqualTo(200);
        Http.Response replay = postJson(uri, "DPoP " + session.token(), "{}", "DPoP", proof);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.error()).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void proofDefectsAreRefused() {
        Sandbox s = sandbox.get();
        Session session = session(s);
        URI uri = csc(s, "credentials/list");
        String t = session.token();
        String n = session.nonce();
        Http.DpopKey key = session.key();
        List<String> badProofs = List.of(
                key.proof("POST", csc(s, "signatures/signHash").toString(), t, n, new Date(), UUID.randomUUID().toString()), // wrong htu
                key.proof("PUT", uri.toString(), t, n, new Date(), UUID.randomUUID().toString()), // wrong htm
                key.proof("POST", uri.toString(), t + "x", n, new Date(), UUID.randomUUID().toString()), // wrong ath
                key.proof("POST", uri.toString(), t, n, new Date(System.currentTimeMillis() - 600_000), UUID.randomUUID().toString()), // stale iat
                new Http.DpopKey().proof("POST", uri, t, n), // another key than the token's
                handMade(key, "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"jwk\":" + key.key.toPublicJWK().toJSONString() + "}", uri, t, n), // wrong typ
                handMade(key, "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + key.key.toJSONString() + "}", uri, t, n), // private jwk
                handMade(key, "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\"}", uri, t, n), // no jwk
                "not-a-jwt");
        for (String proof : badProofs) {
            Http.Response r = postJson(uri, "DPoP " + t, "{}", "DPoP", proof);
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.error()).isEqualTo("invalid_dpop_proof");
            assertThat(r.header("WWW-Authenticate")).startsWith("DPoP");
        }
    }

    private static String handMade(Http.DpopKey key, String header, URI htu, String token, String nonce) {
        String claims = "{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"POST\",\"htu\":\"" + htu + "\",\"iat\":"
                + (System.currentTimeMillis() / 1000) + ",\"ath\":\"" + Dpop.ath(token) + "\",\"nonce\":\"" + nonce + "\"}";
        return Http.rawEs256Jwt(key.key, header, claims);
    }

    @Test
    void handMadeProofWithGoodHeaderIsAccepted() {
        Sandbox s = sandbox.get();
        Session session = session(s);
        URI uri = csc(s, "credentials/list");
        String proof = handMade(session.key(), "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":"
                + session.key().key.toPublicJWK().toJSONString() + "}", uri, session.token(), session.nonce());
        Http.Response r = postJson(uri, "DPoP " + session.token(), "{}", "DPoP", proof);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void dpopTokenSentAsBearerIsRefused() {
        Sandbox s = sandbox.get();
        Session session = session(s);
        URI uri = csc(s, "credentials/list");
        Http.Response r = postJson(uri, "Bearer " + session.token(), "{}", "DPoP", session.key().proof("POST", uri, session.token(), session.nonce()));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("invalid_token");
    }

    @Test
    void signHashWithSadIsRefused() {
        Sandbox s = sandbox.get();
        Session session = session(s);
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) signBody(b64(sha("SHA-256", new byte[1])));
        body.put("SAD", "anything");
        Http.Response r = call(s, session, "signatures/signHash", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_request");
    }
}
