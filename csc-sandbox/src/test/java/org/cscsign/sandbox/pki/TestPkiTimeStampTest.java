package org.cscsign.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedKeyMaterial.class)
class TestPkiTimeStampTest {

    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String TSA_POLICY = "1.3.6.1.4.1.99999.1.1";

    private static TestPki pki;
    private static SignerInformationVerifier tsaVerifier;

    @BeforeAll
    static void openPki(SharedKeyMaterial.Keys keys, @TempDir Path dir) throws Exception {
        pki = keys.open(dir, SharedKeyMaterial.BASE);
        tsaVerifier = new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsaCertificate());
    }

    @Test
    void responseValidatesAgainstTheRequestAndEchoesTheNonce() throws Exception {
        byte[] digest = sha256("document");
        BigInteger nonce = BigInteger.valueOf(0x5eed_cafeL);
        TimeStampRequest request = request(NISTObjectIdentifiers.id_sha256, digest, nonce, true);

        TimeStampResponse response = new TimeStampResponse(pki.timeStampResponse(request.getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        response.validate(request);
        TimeStampToken token = response.getTimeStampToken();
        token.validate(tsaVerifier);
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(nonce);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo(TSA_POLICY);
        assertThat(token.getTimeStampInfo().getGenTimeAccuracy()).isNotNull();
        assertThat(token.getTimeStampInfo().getGenTimeAccuracy().getSeconds()).isEqualTo(1);
    }

    @Test
    void certReqIncludesTheTsaCertificateAndItsChain() throws Exception {
        TimeStampRequest request = request(NISTObjectIdentifiers.id_sha256, sha256("a"), null, true);

        TimeStampToken token = new TimeStampResponse(pki.timeStampResponse(request.getEncoded())).getTimeStampToken();

        assertThat(token.getCertificates().getMatches(null)).containsExactlyInAnyOrder(
                new JcaX509CertificateHolder(pki.tsaCertificate()),
                new JcaX509CertificateHolder(pki.issuingCaCertificate()),
                new JcaX509CertificateHolder(pki.rootCertificate()));
    }

    @Test
    void withoutCertReqTheTokenCarriesNoCertificates() throws Exception {
        TimeStampRequest request = request(NISTObjectIdentifiers.id_sha256, sha256("b"), null, false);

        TimeStampToken token = new TimeStampResponse(pki.timeStampResponse(request.getEncoded())).getTimeStampToken();

        token.validate(tsaVerifier);
        assertThat(token.getCertificates().getMatches(null)).isEmpty();
    }

    @Test
    void tokenIdentifiesTheTsaCertificateWithEssCertIdV2UsingSha256() throws Exception {
        TimeStampRequest request = request(NISTObjectIdentifiers.id_sha256, sha256("c"), null, true);

        TimeStampToken token = new TimeStampResponse(pki.timeStampResponse(request.getEncoded())).getTimeStampToken();

        var attribute = token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        assertThat(attribute).isNotNull();
        SigningCertificateV2 signingCertificate = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0));
        var certId = signingCertificate.getCerts()[0];
        // SHA-256 is ESSCertIDv2's default hash: the algorithm field is then omitted
        assertThat(certId.getHashAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(certId.getCertHash())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(pki.tsaCertificate().getEncoded()));
    }

    @Test
    void serialNumbersAreUnique() throws Exception {
        TimeStampRequest request = request(NISTObjectIdentifiers.id_sha256, sha256("d"), null, false);
        BigInteger first = new TimeStampResponse(pki.timeStampResponse(request.getEncoded()))
                .getTimeStampToken().getTimeStampInfo().getSerialNumber();
        BigInteger second = new TimeStampResponse(pki.timeStampResponse(request.getEncoded()))
                .getTimeStampToken().getTimeStampInfo().getSerialNumber();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void sha384AndSha512ImprintsAreAccepted() throws Exception {
        for (ASN1ObjectIdentifier algorithm : new ASN1ObjectIdentifier[] {
            NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512}) {
            int length = algorithm.equals(NISTObjectIdentifiers.id_sha384) ? 48 : 64;
            TimeStampRequest request = request(algorithm, new byte[length], BigInteger.ONE, true);
            TimeStampResponse response = new TimeStampResponse(pki.timeStampResponse(request.getEncoded()));
            assertThat(response.getStatus()).as(algorithm.getId()).isEqualTo(PKIStatus.GRANTED);
            response.validate(request);
        }
    }

    @Test
    void garbageRequestIsRejectedAsBadDataFormat() throws Exception {
        TimeStampResponse response = new TimeStampResponse(pki.timeStampResponse(new byte[] {1, 2, 3, 4}));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getTimeStampToken()).isNull();
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    }

    @Test
    void sha1ImprintIsRejectedAsBadAlgorithm() throws Exception {
        TimeStampRequest request = request(OIWObjectIdentifiers.idSHA1, new byte[20], null, true);

        TimeStampResponse response = new TimeStampResponse(pki.timeStampResponse(request.getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
    }

    @Test
    void imprintOfTheWrongLengthIsRejected() throws Exception {
        TimeStampRequest request = request(NISTObjectIdentifiers.id_sha256, new byte[31], null, true);

        TimeStampResponse response = new TimeStampResponse(pki.timeStampResponse(request.getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    }

    @Test
    void foreignPolicyIsRejected() throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.4"));
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, sha256("e"));

        TimeStampResponse response = new TimeStampResponse(pki.timeStampResponse(request.getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);
    }

    @Test
    void timeStampTokenCoversTheDigestAndCarriesTheNonceAndChain() throws Exception {
        byte[] digest = sha256("csc signatures/timestamp");
        BigInteger nonce = BigInteger.valueOf(42);

        TimeStampToken token = new TimeStampToken(new CMSSignedData(pki.timeStampToken(digest, SHA256, nonce)));

        token.validate(tsaVerifier);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(token.getTimeStampInfo().getMessageImprintAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(nonce);
        assertThat(token.getCertificates().getMatches(null))
                .contains(new JcaX509CertificateHolder(pki.tsaCertificate()));
    }

    @Test
    void timeStampTokenWithoutNonceHasNone() throws Exception {
        TimeStampToken token = new TimeStampToken(new CMSSignedData(
                pki.timeStampToken(new byte[48], "2.16.840.1.101.3.4.2.2", null)));

        token.validate(tsaVerifier);
        assertThat(token.getTimeStampInfo().getNonce()).isNull();
    }

    @Test
    void timeStampTokenRejectsADigestThatDoesNotFitTheHash() {
        assertThatThrownBy(() -> pki.timeStampToken(new byte[20], SHA256, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pki.timeStampToken(new byte[32], "1.3.14.3.2.26", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.3.14.3.2.26");
        assertThatThrownBy(() -> pki.timeStampToken(new byte[32], "not-an-oid", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TimeStampRequest request(ASN1ObjectIdentifier algorithm, byte[] digest, BigInteger nonce,
            boolean certReq) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        return nonce == null ? generator.generate(algorithm, digest) : generator.generate(algorithm, digest, nonce);
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
