package org.cscsign.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(SharedKeyMaterial.class)
class TestPkiCertificatesTest {

    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    private static final String OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";

    private static TestPki pki;

    @BeforeAll
    static void openPki(SharedKeyMaterial.Keys keys, @TempDir Path dir) {
        pki = keys.open(dir, SharedKeyMaterial.BASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa2048", "rsa3072", "ecp256", "ecp384", "revoked"})
    void signerChainValidatesToTheRootWithPkix(String id) throws Exception {
        List<X509Certificate> chain = pki.credential(id).orElseThrow().chain();
        assertThat(chain).hasSize(3);
        assertThat(chain.get(2)).isEqualTo(pki.rootCertificate());
        assertThat(chain.get(1)).isEqualTo(pki.issuingCaCertificate());

        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain.subList(0, 2)), parameters);
    }

    @Test
    void ocspResponderAndTsaChainsValidateToTheRoot() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)));
        parameters.setRevocationEnabled(false);
        for (X509Certificate certificate : List.of(pki.ocspResponderCertificate(), pki.tsaCertificate())) {
            CertPathValidator.getInstance("PKIX").validate(
                    factory.generateCertPath(List.of(certificate, pki.issuingCaCertificate())), parameters);
        }
    }

    @Test
    void expiredCredentialCertificateIsNoLongerValidButChainsToTheCa() throws Exception {
        X509Certificate expired = pki.credential("expired").orElseThrow().certificate();
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        expired.verify(pki.issuingCaCertificate().getPublicKey());
    }

    @Test
    void rootIsSelfSignedCaForCertificatesAndCrls() throws Exception {
        X509Certificate root = pki.rootCertificate();
        root.verify(root.getPublicKey());
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(root.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
        boolean[] usage = root.getKeyUsage();
        assertThat(usage[5]).as("keyCertSign").isTrue();
        assertThat(usage[6]).as("cRLSign").isTrue();
        assertThat(root.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
    }

    @Test
    void issuingCaHasPathLengthZeroAndPointsAtRootCrlAndCertificate() throws Exception {
        X509Certificate ca = pki.issuingCaCertificate();
        ca.verify(pki.rootCertificate().getPublicKey());
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(crlUrls(ca)).containsExactly(SharedKeyMaterial.BASE + "/pki/root.crl");
        assertThat(accessUrls(ca, AccessDescription.id_ad_caIssuers.getId()))
                .containsExactly(SharedKeyMaterial.BASE + "/pki/root.crt");
        assertThat(authorityKeyId(ca)).isEqualTo(subjectKeyId(pki.rootCertificate()));
    }

    @Test
    void ocspResponderCertificateCarriesOcspSigningAndNoCheck() throws Exception {
        X509Certificate responder = pki.ocspResponderCertificate();
        assertThat(responder.getExtendedKeyUsage()).containsExactly(OCSP_SIGNING);
        assertThat(responder.getExtensionValue(OCSP_NOCHECK)).isNotNull();
        assertThat(responder.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(responder.getBasicConstraints()).isEqualTo(-1);
        assertThat(authorityKeyId(responder)).isEqualTo(subjectKeyId(pki.issuingCaCertificate()));
    }

    @Test
    void tsaCertificateHasOnlyCriticalTimeStampingUsageAndRevocationPointers() throws Exception {
        X509Certificate tsa = pki.tsaCertificate();
        assertThat(tsa.getExtendedKeyUsage()).containsExactly(TIME_STAMPING);
        assertThat(tsa.getCriticalExtensionOIDs()).contains(EXTENDED_KEY_USAGE);
        assertThat(tsa.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(accessUrls(tsa, AccessDescription.id_ad_ocsp.getId()))
                .containsExactly(SharedKeyMaterial.BASE + "/ocsp");
        assertThat(accessUrls(tsa, AccessDescription.id_ad_caIssuers.getId()))
                .containsExactly(SharedKeyMaterial.BASE + "/pki/ca.crt");
        assertThat(crlUrls(tsa)).containsExactly(SharedKeyMaterial.BASE + "/pki/ca.crl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa2048", "rsa3072", "ecp256", "ecp384", "revoked", "expired"})
    void signerCertificatesAreForNonRepudiationAndPointAtOcspCaAndCrl(String id) throws Exception {
        X509Certificate leaf = pki.credential(id).orElseThrow().certificate();
        assertThat(leaf.getCriticalExtensionOIDs()).contains(KEY_USAGE);
        boolean[] usage = leaf.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[1]).as("nonRepudiation").isTrue();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(accessUrls(leaf, AccessDescription.id_ad_ocsp.getId()))
                .containsExactly(SharedKeyMaterial.BASE + "/ocsp");
        assertThat(accessUrls(leaf, AccessDescription.id_ad_caIssuers.getId()))
                .containsExactly(SharedKeyMaterial.BASE + "/pki/ca.crt");
        assertThat(crlUrls(leaf)).containsExactly(SharedKeyMaterial.BASE + "/pki/ca.crl");
        assertThat(authorityKeyId(leaf)).isEqualTo(subjectKeyId(pki.issuingCaCertificate()));
        assertThat(subjectKeyId(leaf)).isNotEmpty();
        CertificatePolicies policies = CertificatePolicies.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(leaf.getExtensionValue(Extension.certificatePolicies.getId())));
        assertThat(policies.getPolicyInformation()).hasSize(1);
        assertThat(leaf.getSubjectX500Principal().getName()).contains("O=cscsign sandbox", "C=EU");
    }

    @Test
    void credentialsComeInFixedOrderWithTheAdvertisedKeys() throws Exception {
        assertThat(pki.credentials()).extracting(SandboxCredential::id)
                .containsExactly("rsa2048", "rsa3072", "ecp256", "ecp384", "revoked", "expired");
        for (SandboxCredential credential : pki.credentials()) {
            PublicKey publicKey = credential.certificate().getPublicKey();
            assertThat(publicKey.getAlgorithm()).as(credential.id()).isEqualTo(credential.keyAlgorithm());
            int size = publicKey instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength()
                    : ((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize();
            assertThat(size).as(credential.id()).isEqualTo(credential.keyLength());
            String algorithm = credential.keyAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(credential.privateKey());
            signer.update(new byte[] {1, 2, 3});
            byte[] value = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(credential.certificate());
            verifier.update(new byte[] {1, 2, 3});
            assertThat(verifier.verify(value)).as(credential.id()).isTrue();
        }
        assertThat(pki.credential("ecp384").orElseThrow().curve()).isEqualTo("P-384");
        assertThat(pki.credential("rsa2048").orElseThrow().curve()).isNull();
        assertThat(pki.credential("nope")).isEmpty();
    }

    @Test
    void statusReportsRevokedAndExpiredCredentials() {
        assertThat(pki.status("rsa2048")).isEqualTo(CertificateStatus.VALID);
        assertThat(pki.status("revoked")).isEqualTo(CertificateStatus.REVOKED);
        assertThat(pki.status("expired")).isEqualTo(CertificateStatus.EXPIRED);
        assertThatThrownBy(() -> pki.status("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void trustAnchorPemHoldsTheRootCertificate() throws Exception {
        Path pem = pki.trustAnchorPem();
        assertThat(pem).isEqualTo(pki.stateDir().resolve("root.pem"));
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
        try (InputStream in = Files.newInputStream(pem)) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in)).isEqualTo(pki.rootCertificate());
        }
    }

    static List<String> accessUrls(X509Certificate certificate, String method) throws Exception {
        AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(parse(certificate,
                Extension.authorityInfoAccess));
        return java.util.Arrays.stream(access.getAccessDescriptions())
                .filter(description -> description.getAccessMethod().getId().equals(method))
                .map(description -> uri(description.getAccessLocation()))
                .toList();
    }

    static List<String> crlUrls(X509Certificate certificate) throws Exception {
        CRLDistPoint points = CRLDistPoint.getInstance(parse(certificate, Extension.cRLDistributionPoints));
        return java.util.Arrays.stream(points.getDistributionPoints())
                .map(DistributionPoint::getDistributionPoint)
                .flatMap(name -> java.util.Arrays.stream(GeneralNames.getInstance(name.getName()).getNames()))
                .map(TestPkiCertificatesTest::uri)
                .toList();
    }

    private static byte[] authorityKeyId(X509Certificate certificate) throws Exception {
        return AuthorityKeyIdentifier.getInstance(parse(certificate, Extension.authorityKeyIdentifier))
                .getKeyIdentifier();
    }

    private static byte[] subjectKeyId(X509Certificate certificate) throws Exception {
        return SubjectKeyIdentifier.getInstance(parse(certificate, Extension.subjectKeyIdentifier)).getKeyIdentifier();
    }

    private static ASN1Primitive parse(X509Certificate certificate,
            org.bouncycastle.asn1.ASN1ObjectIdentifier extension) throws Exception {
        byte[] value = certificate.getExtensionValue(extension.getId());
        assertThat(value).as(extension.getId() + " in " + certificate.getSubjectX500Principal()).isNotNull();
        return JcaX509ExtensionUtils.parseExtensionValue(value);
    }

    private static String uri(GeneralName name) {
        assertThat(name.getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
        return name.getName().toString();
    }
}
