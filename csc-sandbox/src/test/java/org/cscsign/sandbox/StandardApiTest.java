package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.csc;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Happy paths of the STANDARD profile (CSC v2 and v1) over real HTTP, with every signature verified. */
class StandardApiTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    static final String SHA512 = "2.16.840.1.101.3.4.2.3";

    private static String token() {
        return Http.bearer(sandbox.get());
    }

    static X509Certificate leaf(Sandbox s, String token, String credentialId) {
        Http.Response r = postJson(csc(s, "credentials/info"), token, obj("credentialID", credentialId));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return cert(r.json().at("/cert/certificates/0").asText());
    }

    static X509Certificate cert(String b64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        } catch (java.security.cert.CertificateException e) {
            throw new AssertionError(e);
        }
    }

    static String sad(Sandbox s, String token, String credentialId, int n) {
        Http.Response r = postJson(csc(s, "credentials/authorize"), token, obj("credentialID", credentialId,
                "numSignatures", n, "authData", List.of(Map.of("id", "PIN", "value", s.pin()))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("SAD").asText();
    }

    @Test
    void infoServedByGetAndPostWithoutToken() {
        Sandbox s = sandbox.get();
        JsonNode get = Http.get(csc(s, "info")).json();
        Http.Response post = postJson(csc(s, "info"), null, "{}");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.json()).isEqualTo(get);
        assertThat(get.get("specs").asText()).isEqualTo("2.0.0.2");
        assertThat(get.get("oauth2").asText()).isEqualTo(s.baseUrl().toString());
        Http.Response logo = Http.get(java.net.URI.create(get.get("logo").asText()));
        assertThat(logo.status()).isEqualTo(200);
        assertThat(logo.header("Content-Type")).isEqualTo("image/png");
        assertThat(get.get("authType").get(0).asText()).isEqualTo("oauth2client");
        assertThat(get.get("methods")).extracting(JsonNode::asText)
                .contains("credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash", "signatures/timestamp");
        assertThat(get.at("/signAlgorithms/algos")).extracting(JsonNode::asText)
                .contains("1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10", "1.2.840.10045.4.3.2");
    }

    @Test
    void listReturnsEveryCredentialAndInfosOnRequest() {
        Sandbox s = sandbox.get();
        Http.Response r = postJson(csc(s, "credentials/list"), token(), obj("credentialInfo", true, "certificates", "chain", "certInfo", true));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("credentialIDs")).extracting(JsonNode::asText).containsExactlyElementsOf(s.credentialIds());
        JsonNode infos = r.json().get("credentialInfos");
        assertThat(infos).hasSize(s.credentialIds().size());
        assertThat(infos.get(0).get("credentialID").asText()).isEqualTo(s.credentialIds().get(0));
        assertThat(infos.get(0).at("/cert/certificates")).hasSize(3);
    }

    @Test
    void listWithOnlyValidOmitsRevokedAndExpired() {
        Sandbox s = sandbox.get();
        Http.Response r = postJson(csc(s, "credentials/list"), token(), obj("onlyValid", true));
        assertThat(r.json().get("credentialIDs")).extracting(JsonNode::asText)
                .contains("rsa2048", "ecp256").doesNotContain("revoked", "expired");
        assertThat(r.json().get("onlyValid").asBoolean()).isTrue();
    }

    @Test
    void credentialInfoDescribesKeyCertAndAuth() {
        Sandbox s = sandbox.get();
        Http.Response r = postJson(csc(s, "credentials/info"), token(),
                obj("credentialID", "ecp384", "certificates", "chain", "certInfo", true, "authInfo", true));
        JsonNode j = r.json();
        assertThat(j.at("/key/status").asText()).isEqualTo("enabled");
        assertThat(j.at("/key/algo")).extracting(JsonNode::asText).contains("1.2.840.10045.2.1", "1.2.840.10045.4.3.3");
        assertThat(j.at("/key/curve").asText()).isEqualTo("1.3.132.0.34");
        assertThat(j.at("/key/len").asInt()).isEqualTo(384);
        assertThat(j.at("/cert/status").asText()).isEqualTo("valid");
        assertThat(j.at("/cert/certificates")).hasSize(3);
        X509Certificate leaf = cert(j.at("/cert/certificates/0").asText());
        assertThat(j.at("/cert/serialNumber").asText()).isEqualToIgnoringCase(leaf.getSerialNumber().toString(16));
        assertThat(j.at("/cert/validTo").asText()).matches("\\d{14}Z");
        assertThat(j.at("/auth/mode").asText()).isEqualTo("explicit");
        assertThat(j.at("/auth/expression").asText()).isEqualTo("PIN");
        assertThat(j.get("SCAL").asText()).isEqualTo("1");
        assertThat(j.get("multisign").asInt()).isEqualTo(50);
    }

    @Test
    void credentialInfoReportsRevokedAndExpiredCertificates() {
        Sandbox s = sandbox.get();
        String t = token();
        assertThat(postJson(csc(s, "credentials/info"), t, obj("credentialID", "revoked")).json().at("/cert/status").asText())
                .isEqualTo("revoked");
        assertThat(postJson(csc(s, "credentials/info"), t, obj("credentialID", "expired")).json().at("/cert/status").asText())
                .isEqualTo("expired");
    }

    @ParameterizedTest
    @CsvSource({
        "rsa2048, 1.2.840.113549.1.1.1, 2.16.840.1.101.3.4.2.1, SHA-256, SHA256withRSA",
        "rsa2048, 1.2.840.113549.1.1.1, 2.16.840.1.101.3.4.2.2, SHA-384, SHA384withRSA",
        "rsa3072, 1.2.840.113549.1.1.1, 2.16.840.1.101.3.4.2.3, SHA-512, SHA512withRSA",
        "rsa2048, 1.2.840.113549.1.1.11, , SHA-256, SHA256withRSA",
        "rsa3072, 1.2.840.113549.1.1.12, 2.16.840.1.101.3.4.2.2, SHA-384, SHA384withRSA",
        "rsa2048, 1.2.840.113549.1.1.13, , SHA-512, SHA512withRSA",
        "ecp256, 1.2.840.10045.4.3.2, 2.16.840.1.101.3.4.2.1, SHA-256, SHA256withECDSA",
        "ecp384, 1.2.840.10045.4.3.3, , SHA-384, SHA384withECDSA",
        "ecp384, 1.2.840.10045.4.3.4, , SHA-512, SHA512withECDSA",
    })
    void signHashSignaturesVerifyAgainstTheLeafInHashOrder(String credential, String signAlgo, String hashOid,
            String digestAlg, String jcaAlg) throws Exception {
        Sandbox s = sandbox.get();
        String t = token();
        X509Certificate leaf = leaf(s, t, credential);
        List<byte[]> docs = List.of("first".getBytes(StandardCharsets.UTF_8), "second".getBytes(StandardCharsets.UTF_8),
                "third".getBytes(StandardCharsets.UTF_8));
        List<String> hashes = new ArrayList<>();
        docs.forEach(d -> hashes.add(b64(sha(digestAlg, d))));
        var body = obj("credentialID", credential, "SAD", sad(s, t, credential, 3), "hashes", hashes, "signAlgo", signAlgo);
        if (hashOid != null) {
            body.put("hashAlgorithmOID", hashOid);
        }
        Http.Response r = postJson(csc(s, "signatures/signHash"), t, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode sigs = r.json().get("signatures");
        assertThat(sigs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Signature v = Signature.getInstance(jcaAlg);
            v.initVerify(leaf);
            v.update(docs.get(i));
            assertThat(v.verify(Base64.getDecoder().decode(sigs.get(i).asText()))).as("signature %d", i).isTrue();
        }
        assertThat(r.json().has("validationInfo")).isFalse();
    }

    static String pssParams(String hash, int salt) throws Exception {
        AlgorithmParameters p = AlgorithmParameters.getInstance("RSASSA-PSS");
        p.init(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), salt, 1));
        return b64(p.getEncoded());
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, SHA-256, 2.16.840.1.101.3.4.2.1, 32", "rsa3072, SHA-512, 2.16.840.1.101.3.4.2.3, 64"})
    void signHashRsaPssVerifiesWithJdkPss(String credential, String hash, String hashOid, int salt) throws Exception {
        Sandbox s = sandbox.get();
        String t = token();
        X509Certificate leaf = leaf(s, t, credential);
        byte[] doc = "pss document".getBytes(StandardCharsets.UTF_8);
        Http.Response r = postJson(csc(s, "signatures/signHash"), t, obj("credentialID", credential,
                "SAD", sad(s, t, credential, 1), "hashes", List.of(b64(sha(hash, doc))), "hashAlgorithmOID", hashOid,
                "signAlgo", "1.2.840.113549.1.1.10", "signAlgoParams", pssParams(hash, salt)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Signature v = Signature.getInstance("RSASSA-PSS");
        v.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), salt, 1));
        v.initVerify(leaf);
        v.update(doc);
        assertThat(v.verify(Base64.getDecoder().decode(r.json().at("/signatures/0").asText()))).isTrue();
    }

    @Test
    void signHashReturnsFullOcspResponseWhenAsked() throws Exception {
        Sandbox s = sandbox.get();
        String t = token();
        X509Certificate leaf = leaf(s, t, "rsa2048");
        Http.Response r = postJson(csc(s, "signatures/signHash"), t, obj("credentialID", "rsa2048",
                "SAD", sad(s, t, "rsa2048", 1), "hashes", List.of(b64(sha("SHA-256", new byte[1]))),
                "hashAlgorithmOID", SHA256, "signAlgo", "1.2.840.113549.1.1.1", "returnValidationInfo", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        OCSPResp resp = new OCSPResp(Base64.getDecoder().decode(r.json().at("/validationInfo/ocsp/0").asText()));
        assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        assertThat(basic.getResponses()[0].getCertID().getSerialNumber()).isEqualTo(leaf.getSerialNumber());
        assertThat(basic.getResponses()[0].getCertStatus()).isNull(); // null = good
    }

    @Test
    void sadCoversItsCountAndNoMore() {
        Sandbox s = sandbox.get();
        String t = token();
        String sad = sad(s, t, "ecp256", 2);
        var sign = obj("credentialID", "ecp256", "SAD", sad, "hashes", List.of(b64(sha("SHA-256", new byte[] {1}))),
                "signAlgo", "1.2.840.10045.4.3.2");
        assertThat(postJson(csc(s, "signatures/signHash"), t, sign).status()).isEqualTo(200);
        assertThat(postJson(csc(s, "signatures/signHash"), t, sign).status()).isEqualTo(200);
        Http.Response third = postJson(csc(s, "signatures/signHash"), t, sign);
        assertThat(third.status()).isEqualTo(400);
        assertThat(third.error()).isEqualTo("invalid_request");
        assertThat(third.json().get("error_description").asText()).contains("SAD exhausted");
    }

    @Test
    void sadIsBoundToItsCredential() {
        Sandbox s = sandbox.get();
        String t = token();
        Http.Response r = postJson(csc(s, "signatures/signHash"), t, obj("credentialID", "ecp256",
                "SAD", sad(s, t, "rsa2048", 1), "hashes", List.of(b64(sha("SHA-256", new byte[1]))), "signAlgo", "1.2.840.10045.4.3.2"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_request");
    }

    @Test
    void extendTransactionGivesANewSadForTheRest() {
        Sandbox s = sandbox.get();
        String t = token();
        String sad = sad(s, t, "ecp256", 2);
        Http.Response ext = postJson(csc(s, "credentials/extendTransaction"), t, obj("credentialID", "ecp256", "SAD", sad));
        assertThat(ext.status()).as(ext.toString()).isEqualTo(200);
        String next = ext.json().get("SAD").asText();
        var sign = obj("credentialID", "ecp256", "hashes", List.of(b64(sha("SHA-256", new byte[] {2}))), "signAlgo", "1.2.840.10045.4.3.2");
        assertThat(postJson(csc(s, "signatures/signHash"), t, sign.deepCopy().put("SAD", sad)).status()).isEqualTo(400);
        assertThat(postJson(csc(s, "signatures/signHash"), t, sign.deepCopy().put("SAD", next)).status()).isEqualTo(200);
    }

    @Test
    void wrongPinIsRefusedAndFiveLockTheCredential() {
        Sandbox s = sandbox.get();
        String t = token();
        var wrong = obj("credentialID", "rsa3072", "numSignatures", 1, "authData", List.of(Map.of("id", "PIN", "value", "000000")));
        for (int i = 0; i < 4; i++) {
            Http.Response r = postJson(csc(s, "credentials/authorize"), t, wrong);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error()).isEqualTo("invalid_pin");
        }
        assertThat(postJson(csc(s, "credentials/authorize"), t, wrong).error()).isEqualTo("access_denied");
        Http.Response right = postJson(csc(s, "credentials/authorize"), t, obj("credentialID", "rsa3072", "numSignatures", 1,
                "authData", List.of(Map.of("id", "PIN", "value", s.pin()))));
        assertThat(right.status()).isEqualTo(400);
        assertThat(right.error()).isEqualTo("access_denied");
    }

    @Test
    void v1MethodsUseV1FieldNames() throws Exception {
        Sandbox s = sandbox.get();
        String t = token();
        JsonNode info = Http.get(Http.cscV1(s, "info")).json();
        assertThat(info.get("specs").asText()).isEqualTo("1.0.4.0");
        Http.Response list = postJson(Http.cscV1(s, "credentials/list"), t, obj("maxResults", 2));
        assertThat(list.json().get("credentialIDs")).hasSize(2);
        Http.Response page2 = postJson(Http.cscV1(s, "credentials/list"), t, obj("maxResults", 2,
                "pageToken", list.json().get("nextPageToken").asText()));
        assertThat(page2.json().get("credentialIDs").get(0).asText()).isEqualTo(s.credentialIds().get(2));
        JsonNode ci = postJson(Http.cscV1(s, "credentials/info"), t, obj("credentialID", "rsa2048", "authInfo", true)).json();
        assertThat(ci.get("authMode").asText()).isEqualTo("explicit");
        assertThat(ci.at("/PIN/presence").asText()).isEqualTo("true");
        assertThat(ci.at("/OTP/presence").asText()).isEqualTo("false");
        Http.Response auth = postJson(Http.cscV1(s, "credentials/authorize"), t, obj("credentialID", "rsa2048",
                "numSignatures", 1, "PIN", s.pin()));
        assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
        byte[] doc = "v1".getBytes(StandardCharsets.UTF_8);
        Http.Response sig = postJson(Http.cscV1(s, "signatures/signHash"), t, obj("credentialID", "rsa2048",
                "SAD", auth.json().get("SAD").asText(), "hash", List.of(b64(sha("SHA-256", doc))),
                "hashAlgo", SHA256, "signAlgo", "1.2.840.113549.1.1.1"));
        assertThat(sig.status()).as(sig.toString()).isEqualTo(200);
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(leaf(s, t, "rsa2048"));
        v.update(doc);
        assertThat(v.verify(Base64.getDecoder().decode(sig.json().at("/signatures/0").asText()))).isTrue();
    }

    @Test
    void concurrentSignHashCallsEachGetTheirOwnValidSignatures() throws Exception {
        Sandbox s = sandbox.get();
        String t = token();
        X509Certificate leaf = leaf(s, t, "rsa2048");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                byte[] doc = ("concurrent " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    Http.Response r = postJson(csc(s, "signatures/signHash"), t, obj("credentialID", "rsa2048",
                            "SAD", sad(s, t, "rsa2048", 1), "hashes", List.of(b64(sha("SHA-256", doc))),
                            "signAlgo", "1.2.840.113549.1.1.11"));
                    Signature v = Signature.getInstance("SHA256withRSA");
                    v.initVerify(leaf);
                    v.update(doc);
                    return r.status() == 200 && v.verify(Base64.getDecoder().decode(r.json().at("/signatures/0").asText()));
                }));
            }
            for (var f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isEqualTo(24);
    }
}
