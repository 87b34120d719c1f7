package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.csc;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PKI services over HTTP (certificates, CRLs, OCSP, TSA, signatures/timestamp), fault switches and stats. */
class PkiRoutesAndFaultsTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    private static OCSPReq ocspRequest(Sandbox s, String credentialId) throws Exception {
        X509Certificate leaf = s.pki().credential(credentialId).orElseThrow().certificate();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(s.pki().issuingCaCertificate()), leaf.getSerialNumber());
        return new OCSPReqBuilder().addRequest(id).build();
    }

    private static Http.Response postOcsp(Sandbox s, byte[] der) {
        return Http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/ocsp"))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(der)));
    }

    @Test
    void certificatesAndCrlsAreServedAtTheirUrls() throws Exception {
        Sandbox s = sandbox.get();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Http.Response root = Http.get(URI.create(s.baseUrl() + "/pki/root.crt"));
        assertThat(root.header("Content-Type")).startsWith("application/pkix-cert");
        X509Certificate rootCert = (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(root.bytes()));
        assertThat(rootCert).isEqualTo(s.pki().rootCertificate());
        Http.Response crl = Http.get(URI.create(s.baseUrl() + "/pki/ca.crl"));
        assertThat(crl.header("Content-Type")).startsWith("application/pkix-crl");
        X509CRL caCrl = (X509CRL) cf.generateCRL(new java.io.ByteArrayInputStream(crl.bytes()));
        caCrl.verify(s.pki().issuingCaCertificate().getPublicKey());
        assertThat(caCrl.isRevoked(s.pki().credential("revoked").orElseThrow().certificate())).isTrue();
        assertThat(Http.get(URI.create(s.baseUrl() + "/pki/root.crl")).status()).isEqualTo(200);
        assertThat(Http.get(URI.create(s.baseUrl() + "/pki/ca.crt")).status()).isEqualTo(200);
    }

    @Test
    void ocspByPostAndGetAnswersAndIsCountedPerCredential() throws Exception {
        Sandbox s = sandbox.get();
        byte[] req = ocspRequest(s, "rsa2048").getEncoded();
        Http.Response post = postOcsp(s, req);
        assertThat(post.header("Content-Type")).startsWith("application/ocsp-response");
        OCSPResp resp = new OCSPResp(post.bytes());
        assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        assertThat(((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus()).isNull();
        String b64 = URLEncoder.encode(Base64.getEncoder().encodeToString(req), StandardCharsets.UTF_8);
        Http.Response get = Http.get(URI.create(s.baseUrl() + "/ocsp/" + b64));
        assertThat(new OCSPResp(get.bytes()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        assertThat(s.stats().ocspRequestsFor("rsa2048")).isEqualTo(2);
        assertThat(s.stats().ocspRequestsFor("ecp256")).isZero();
        assertThat(s.stats().count("/ocsp")).isEqualTo(2);
        JsonNode stats = Http.get(URI.create(s.baseUrl() + "/sandbox/stats")).json();
        assertThat(stats.get("/ocsp").asLong()).isEqualTo(2);
    }

    @Test
    void ocspGetAcceptsRawAndPercentEncodedBase64WithSlashAndPlus() throws Exception {
        Sandbox s = sandbox.get();
        X509Certificate leaf = s.pki().credential("ecp256").orElseThrow().certificate();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(s.pki().issuingCaCertificate()), leaf.getSerialNumber());
        String b64 = null;
        for (int nonce = 1; b64 == null || !(b64.contains("/") && b64.contains("+")); nonce++) {
            var ext = new org.bouncycastle.asn1.x509.Extension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false, new org.bouncycastle.asn1.DEROctetString(BigInteger.valueOf(nonce * 7919L).toByteArray()).getEncoded());
            b64 = Base64.getEncoder().encodeToString(new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(ext)).build().getEncoded());
        }
        for (String path : List.of(b64, URLEncoder.encode(b64, StandardCharsets.UTF_8))) {
            Http.Response r = Http.get(URI.create(s.baseUrl() + "/ocsp/" + path));
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(new OCSPResp(r.bytes()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        }
        assertThat(s.stats().ocspRequestsFor("ecp256")).isEqualTo(2);
    }

    @Test
    void revokeFaultMakesOcspSayRevoked() throws Exception {
        Sandbox s = sandbox.get();
        s.faults().revoke("ecp384");
        OCSPResp resp = new OCSPResp(postOcsp(s, ocspRequest(s, "ecp384").getEncoded()).bytes());
        assertThat(((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
        var info = postJson(csc(s, "credentials/info"), Http.bearer(s), obj("credentialID", "ecp384")).json();
        assertThat(info.at("/cert/status").asText()).isEqualTo("revoked");
    }

    @Test
    void tsaAnswersAnRfc3161RequestWithAVerifiableToken() throws Exception {
        Sandbox s = sandbox.get();
        TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
        gen.setCertReq(true);
        TimeStampRequest req = gen.generate(NISTObjectIdentifiers.id_sha256, sha("SHA-256", new byte[] {9}), BigInteger.valueOf(77));
        Http.Response r = Http.send(HttpRequest.newBuilder(s.tsaUrl()).header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(req.getEncoded())));
        assertThat(r.header("Content-Type")).startsWith("application/timestamp-reply");
        TimeStampResponse resp = new TimeStampResponse(r.bytes());
        resp.validate(req);
        resp.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(s.pki().tsaCertificate()));
        assertThat(s.stats().count("/tsa")).isEqualTo(1);
    }

    @Test
    void signaturesTimestampReturnsATokenOverTheHash() throws Exception {
        Sandbox s = sandbox.get();
        byte[] digest = sha("SHA-256", new byte[] {10});
        Http.Response r = postJson(csc(s, "signatures/timestamp"), Http.bearer(s), obj("hash", b64(digest),
                "hashAlgorithmOID", SHA256, "nonce", "1234567"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        TimeStampToken token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(
                Base64.getDecoder().decode(r.json().get("timestamp").asText())));
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(s.pki().tsaCertificate()));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(new BigInteger("1234567", 16));
    }

    private static Http.Response signEc(Sandbox s, String token, List<String> hashes) {
        return postJson(csc(s, "signatures/signHash"), token, obj("credentialID", "ecp256",
                "SAD", StandardApiTest.sad(s, token, "ecp256", hashes.size()), "hashes", hashes, "signAlgo", "1.2.840.10045.4.3.2"));
    }

    @Test
    void everyNthSignHashFailsWith503AndRetryAfter() {
        Sandbox s = sandbox.get();
        String t = Http.bearer(s);
        s.faults().failEveryNthSignHash(2, 7);
        List<String> h = List.of(b64(sha("SHA-256", new byte[] {1})));
        assertThat(signEc(s, t, h).status()).isEqualTo(200);
        Http.Response failed = signEc(s, t, h);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.error()).isEqualTo("temporarily_unavailable");
        assertThat(failed.header("Retry-After")).isEqualTo("7");
        assertThat(signEc(s, t, h).status()).isEqualTo(200);
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isEqualTo(3);
        assertThat(s.stats().count("/csc/v2/credentials/authorize")).isEqualTo(3);
    }

    @Test
    void wrongKeyFaultGivesSignaturesThatDoNotVerify() throws Exception {
        Sandbox s = sandbox.get();
        String t = Http.bearer(s);
        s.faults().signWithWrongKey(true);
        byte[] doc = "doc".getBytes(StandardCharsets.UTF_8);
        Http.Response r = signEc(s, t, List.of(b64(sha("SHA-256", doc))));
        assertThat(r.status()).isEqualTo(200);
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(s.pki().credential("ecp256").orElseThrow().certificate());
        v.update(doc);
        assertThat(v.verify(Base64.getDecoder().decode(r.json().at("/signatures/0").asText()))).isFalse();
    }

    @Test
    void dropLastFaultReturnsOneSignatureFewer() {
        Sandbox s = sandbox.get();
        s.faults().dropLastSignature(true);
        Http.Response r = signEc(s, Http.bearer(s), List.of(b64(sha("SHA-256", new byte[] {1})), b64(sha("SHA-256", new byte[] {2}))));
        assertThat(r.json().get("signatures")).hasSize(1);
    }

    @Test
    void corruptFaultReturnsAValueThatIsNotBase64() {
        Sandbox s = sandbox.get();
        s.faults().corruptSignatureBase64(true);
        Http.Response r = signEc(s, Http.bearer(s), List.of(b64(sha("SHA-256", new byte[] {1}))));
        String value = r.json().at("/signatures/0").asText();
        assertThatThrownBy(() -> Base64.getDecoder().decode(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otpInboxIs404BeforeAnyOtpWasSent() {
        Sandbox s = sandbox.get();
        assertThat(Http.get(URI.create(s.baseUrl() + "/sandbox/otp/rsa3072")).status()).isEqualTo(404);
        assertThat(s.lastOtp("rsa3072")).isEmpty();
    }
}
