package org.cscsign.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedKeyMaterial.class)
class TestPkiOcspTest {

    private static TestPki pki;
    private static SharedKeyMaterial.Keys keys;
    private static DigestCalculatorProvider digests;

    @BeforeAll
    static void openPki(SharedKeyMaterial.Keys shared, @TempDir Path dir) throws Exception {
        keys = shared;
        pki = keys.open(dir, SharedKeyMaterial.BASE);
        digests = new JcaDigestCalculatorProviderBuilder().build();
    }

    @Test
    void basicOnlyResponseIsABasicOcspResponseSignedByTheResponder() throws Exception {
        X509Certificate leaf = leaf("rsa2048");
        BasicOCSPResp basic = new BasicOCSPResp(BasicOCSPResponse.getInstance(pki.ocspFor(leaf, true)));

        assertSignedByResponder(basic);
        assertThat(basic.getResponses()).hasSize(1);
        SingleResp single = basic.getResponses()[0];
        assertThat(single.getCertID()).isEqualTo(sha1CertId(leaf));
        assertThat(single.getCertStatus()).isNull(); // good
        assertThat(single.getNextUpdate()).isAfter(single.getThisUpdate());
    }

    @Test
    void fullResponseWrapsASuccessfulBasicResponse() throws Exception {
        X509Certificate leaf = leaf("ecp256");
        OCSPResp response = new OCSPResp(pki.ocspFor(leaf, false));

        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertSignedByResponder(basic);
        assertThat(basic.getResponses()[0].getCertID()).isEqualTo(sha1CertId(leaf));
        assertThat(basic.getResponses()[0].getCertStatus()).isNull();
    }

    @Test
    void responderIsNamedByKeyHashAndShipsItsCertificateWithTheIssuingCa() throws Exception {
        BasicOCSPResp basic = new BasicOCSPResp(BasicOCSPResponse.getInstance(pki.ocspFor(leaf("rsa2048"), true)));

        byte[] spkiKey = SubjectPublicKeyInfo.getInstance(pki.ocspResponderCertificate().getPublicKey().getEncoded())
                .getPublicKeyData().getBytes();
        ResponderID responderId = basic.getResponderId().toASN1Primitive();
        assertThat(responderId.getKeyHash()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(spkiKey));
        assertThat(basic.getCerts()).containsExactly(new JcaX509CertificateHolder(pki.ocspResponderCertificate()),
                new JcaX509CertificateHolder(pki.issuingCaCertificate()));
    }

    @Test
    void revokedCredentialIsReportedRevokedForKeyCompromise() throws Exception {
        BasicOCSPResp basic = new BasicOCSPResp(BasicOCSPResponse.getInstance(pki.ocspFor(leaf("revoked"), true)));

        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
        RevokedStatus status = (RevokedStatus) basic.getResponses()[0].getCertStatus();
        assertThat(status.hasRevocationReason()).isTrue();
        assertThat(status.getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
    }

    @Test
    void revokingACredentialFlipsOcspStatusAndIsPersisted(@TempDir Path dir) throws Exception {
        TestPki own = keys.open(dir, SharedKeyMaterial.BASE);
        X509Certificate leaf = own.credential("ecp256").orElseThrow().certificate();
        assertThat(firstStatus(own.ocspFor(leaf, true))).isNull();
        assertThat(own.status("ecp256")).isEqualTo(CertificateStatus.VALID);

        own.revoke("ecp256");

        assertThat(own.status("ecp256")).isEqualTo(CertificateStatus.REVOKED);
        assertThat(firstStatus(own.ocspFor(leaf, true))).isInstanceOf(RevokedStatus.class);
        TestPki reopened = TestPki.open(dir, SharedKeyMaterial.BASE, java.time.Clock.systemUTC());
        assertThat(reopened.status("ecp256")).isEqualTo(CertificateStatus.REVOKED);
        assertThat(reopened.status("rsa2048")).isEqualTo(CertificateStatus.VALID);
        assertThat(firstStatus(reopened.ocspFor(leaf, true))).isInstanceOf(RevokedStatus.class);
        // the shared PKI of this class is untouched
        assertThat(pki.status("ecp256")).isEqualTo(CertificateStatus.VALID);
    }

    @Test
    void ocspRequestIsAnsweredWithTheNonceEchoed() throws Exception {
        X509Certificate leaf = leaf("rsa3072");
        byte[] nonce = new BigInteger(64, new java.security.SecureRandom()).toByteArray();
        Extension nonceExtension = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                new DEROctetString(nonce));
        byte[] request = new OCSPReqBuilder().addRequest(sha1CertId(leaf))
                .setRequestExtensions(new Extensions(nonceExtension)).build().getEncoded();

        OCSPResp response = new OCSPResp(pki.ocspResponse(request));

        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertSignedByResponder(basic);
        assertThat(basic.getResponses()[0].getCertID()).isEqualTo(sha1CertId(leaf));
        assertThat(basic.getResponses()[0].getCertStatus()).isNull();
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertThat(echoed).isNotNull();
        assertThat(echoed.getExtnValue()).isEqualTo(nonceExtension.getExtnValue());
    }

    @Test
    void sha256CertIdIsAnsweredWithTheSameCertId() throws Exception {
        X509Certificate leaf = leaf("revoked");
        CertificateID sha256Id = new CertificateID(
                digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), issuer(), leaf.getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(sha256Id).build().getEncoded();

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(pki.ocspResponse(request)).getResponseObject();

        assertThat(basic.getResponses()[0].getCertID()).isEqualTo(sha256Id);
        assertThat(basic.getResponses()[0].getCertID().getHashAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
    }

    @Test
    void everyCertIdOfAMultiRequestIsAnsweredInOrder() throws Exception {
        CertificateID good = sha1CertId(leaf("ecp384"));
        CertificateID revoked = sha1CertId(leaf("revoked"));
        byte[] request = new OCSPReqBuilder().addRequest(good).addRequest(revoked).build().getEncoded();

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(pki.ocspResponse(request)).getResponseObject();

        assertThat(basic.getResponses()).extracting(SingleResp::getCertID).containsExactly(good, revoked);
        assertThat(basic.getResponses()[0].getCertStatus()).isNull();
        assertThat(basic.getResponses()[1].getCertStatus()).isInstanceOf(RevokedStatus.class);
    }

    @Test
    void unknownSerialGetsStatusUnknown() throws Exception {
        CertificateID unknown = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuer(), BigInteger.TEN);
        byte[] request = new OCSPReqBuilder().addRequest(unknown).build().getEncoded();

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(pki.ocspResponse(request)).getResponseObject();

        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void certificateOfAnotherIssuerGetsStatusUnknown() throws Exception {
        // The issuing CA itself is issued by the root, which this responder does not answer for.
        X509Certificate ca = pki.issuingCaCertificate();
        CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(pki.rootCertificate()), ca.getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(pki.ocspResponse(request)).getResponseObject();

        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThatThrownBy(() -> pki.ocspFor(ca, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedRequestGetsMalformedRequestStatus() throws Exception {
        assertThat(new OCSPResp(pki.ocspResponse(new byte[] {0x30, 0x03, 0x01, 0x02})).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(pki.ocspResponse("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(pki.ocspResponse(new byte[0])).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    private static void assertSignedByResponder(BasicOCSPResp basic) throws Exception {
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(pki.ocspResponderCertificate().getPublicKey()))).isTrue();
    }

    private static Object firstStatus(byte[] basicDer) throws Exception {
        return new BasicOCSPResp(BasicOCSPResponse.getInstance(basicDer)).getResponses()[0].getCertStatus();
    }

    private static X509Certificate leaf(String id) {
        return pki.credential(id).orElseThrow().certificate();
    }

    private static X509CertificateHolder issuer() throws Exception {
        return new JcaX509CertificateHolder(pki.issuingCaCertificate());
    }

    private static CertificateID sha1CertId(X509Certificate leaf) throws Exception {
        return new CertificateID(digests.get(CertificateID.HASH_SHA1), issuer(), leaf.getSerialNumber());
    }
}
