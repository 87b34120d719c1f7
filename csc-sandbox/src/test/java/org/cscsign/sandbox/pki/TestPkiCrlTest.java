package org.cscsign.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedKeyMaterial.class)
class TestPkiCrlTest {

    private static TestPki pki;
    private static SharedKeyMaterial.Keys keys;

    @BeforeAll
    static void openPki(SharedKeyMaterial.Keys shared, @TempDir Path dir) {
        keys = shared;
        pki = keys.open(dir, SharedKeyMaterial.BASE);
    }

    @Test
    void caCrlIsSignedByTheIssuingCaAndListsOnlyTheRevokedLeaf() throws Exception {
        X509CRL crl = parse(pki.crl("ca"));

        crl.verify(pki.issuingCaCertificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(pki.issuingCaCertificate().getSubjectX500Principal());
        assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
        assertThat(crl.getRevokedCertificates()).hasSize(1);
        X509CRLEntry entry = crl.getRevokedCertificate(pki.credential("revoked").orElseThrow().certificate());
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(crl.isRevoked(pki.credential("rsa2048").orElseThrow().certificate())).isFalse();
        assertThat(crl.isRevoked(pki.tsaCertificate())).isFalse();
    }

    @Test
    void rootCrlIsSignedByTheRootAndLeavesTheIssuingCaUnrevoked() throws Exception {
        X509CRL crl = parse(pki.crl("root"));

        crl.verify(pki.rootCertificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(pki.rootCertificate().getSubjectX500Principal());
        assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
        assertThat(crl.isRevoked(pki.issuingCaCertificate())).isFalse();
        assertThat(crl.getRevokedCertificates()).isNull();
    }

    @Test
    void crlNumbersIncrease() throws Exception {
        long first = crlNumber(parse(pki.crl("ca")));
        long second = crlNumber(parse(pki.crl("ca")));
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void revocationAppearsInTheNextCaCrl(@TempDir Path dir) throws Exception {
        TestPki own = keys.open(dir, SharedKeyMaterial.BASE);
        assertThat(parse(own.crl("ca")).isRevoked(own.credential("rsa3072").orElseThrow().certificate())).isFalse();

        own.revoke("rsa3072");

        X509CRL crl = parse(own.crl("ca"));
        assertThat(crl.isRevoked(own.credential("rsa3072").orElseThrow().certificate())).isTrue();
        assertThat(crl.isRevoked(own.credential("revoked").orElseThrow().certificate())).isTrue();
        assertThat(crl.getRevokedCertificates()).hasSize(2);
    }

    @Test
    void unknownCrlNameIsRejected() {
        assertThatThrownBy(() -> pki.crl("tsa")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tsa");
    }

    private static long crlNumber(X509CRL crl) throws Exception {
        byte[] value = crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.cRLNumber.getId());
        assertThat(value).isNotNull();
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(
                org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(value)).getCRLNumber().longValueExact();
    }

    private static X509CRL parse(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }
}
