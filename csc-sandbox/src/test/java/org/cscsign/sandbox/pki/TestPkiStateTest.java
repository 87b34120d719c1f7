package org.cscsign.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(SharedKeyMaterial.class)
class TestPkiStateTest {

    private static final URI OTHER_BASE = URI.create("http://127.0.0.1:29999");

    private static SharedKeyMaterial.Keys keys;
    private static TestPki pki;

    @BeforeAll
    static void openPki(SharedKeyMaterial.Keys shared, @TempDir Path dir) {
        keys = shared;
        pki = keys.open(dir, SharedKeyMaterial.BASE);
    }

    @Test
    void reopeningWithTheSameBaseUrlKeepsEveryCertificate() {
        TestPki reopened = TestPki.open(pki.stateDir(), SharedKeyMaterial.BASE, Clock.systemUTC());

        assertThat(reopened.rootCertificate()).isEqualTo(pki.rootCertificate());
        assertThat(reopened.issuingCaCertificate()).isEqualTo(pki.issuingCaCertificate());
        assertThat(reopened.ocspResponderCertificate()).isEqualTo(pki.ocspResponderCertificate());
        assertThat(reopened.tsaCertificate()).isEqualTo(pki.tsaCertificate());
        assertThat(reopened.credentials()).extracting(SandboxCredential::chain)
                .isEqualTo(pki.credentials().stream().map(SandboxCredential::chain).toList());
        assertThat(reopened.credentials()).extracting(SandboxCredential::privateKey)
                .isEqualTo(pki.credentials().stream().map(SandboxCredential::privateKey).toList());
        assertThat(reopened.baseUrl()).isEqualTo(SharedKeyMaterial.BASE);
    }

    @Test
    void trailingSlashOfTheBaseUrlIsIgnored() {
        TestPki reopened = TestPki.open(pki.stateDir(), URI.create(SharedKeyMaterial.BASE + "/"), Clock.systemUTC());

        assertThat(reopened.baseUrl()).isEqualTo(SharedKeyMaterial.BASE);
        assertThat(reopened.issuingCaCertificate()).isEqualTo(pki.issuingCaCertificate());
    }

    @Test
    void reopeningWithAnotherBaseUrlKeepsRootAndKeysButReissuesForTheNewUrl(@TempDir Path dir) throws Exception {
        TestPki first = keys.open(dir, SharedKeyMaterial.BASE);

        TestPki moved = TestPki.open(dir, OTHER_BASE, Clock.systemUTC());

        assertThat(moved.rootCertificate()).isEqualTo(first.rootCertificate());
        assertThat(moved.issuingCaCertificate()).isNotEqualTo(first.issuingCaCertificate());
        assertThat(moved.issuingCaCertificate().getPublicKey()).isEqualTo(first.issuingCaCertificate().getPublicKey());
        assertThat(TestPkiCertificatesTest.crlUrls(moved.issuingCaCertificate()))
                .containsExactly(OTHER_BASE + "/pki/root.crl");
        assertThat(moved.tsaCertificate().getPublicKey()).isEqualTo(first.tsaCertificate().getPublicKey());
        assertThat(moved.ocspResponderCertificate().getPublicKey())
                .isEqualTo(first.ocspResponderCertificate().getPublicKey());
        for (SandboxCredential credential : moved.credentials()) {
            X509Certificate before = first.credential(credential.id()).orElseThrow().certificate();
            X509Certificate after = credential.certificate();
            assertThat(after.getSerialNumber()).as(credential.id()).isNotEqualTo(before.getSerialNumber());
            assertThat(after.getPublicKey()).as(credential.id()).isEqualTo(before.getPublicKey());
            assertThat(TestPkiCertificatesTest.accessUrls(after, "1.3.6.1.5.5.7.48.1"))
                    .as(credential.id()).containsExactly(OTHER_BASE + "/ocsp");
            assertThat(TestPkiCertificatesTest.crlUrls(after)).containsExactly(OTHER_BASE + "/pki/ca.crl");
            after.verify(moved.issuingCaCertificate().getPublicKey());
        }
        assertThat(moved.status("revoked")).isEqualTo(CertificateStatus.REVOKED);
        assertThat(moved.status("expired")).isEqualTo(CertificateStatus.EXPIRED);

        TestPki movedAgain = TestPki.open(dir, OTHER_BASE, Clock.systemUTC());
        assertThat(movedAgain.credential("rsa2048").orElseThrow().certificate())
                .isEqualTo(moved.credential("rsa2048").orElseThrow().certificate());
    }

    @Test
    void copiedKeyMaterialKeepsKeysAndRootButNeitherCertificatesNorRevocations(@TempDir Path source,
            @TempDir Path target) {
        TestPki original = keys.open(source, SharedKeyMaterial.BASE);
        original.revoke("ecp384");

        TestPki.copyKeyMaterial(source, target);
        TestPki copy = TestPki.open(target, SharedKeyMaterial.BASE, Clock.systemUTC());

        assertThat(copy.rootCertificate()).isEqualTo(original.rootCertificate());
        assertThat(copy.credential("ecp384").orElseThrow().privateKey())
                .isEqualTo(original.credential("ecp384").orElseThrow().privateKey());
        assertThat(copy.credential("ecp384").orElseThrow().certificate())
                .isNotEqualTo(original.credential("ecp384").orElseThrow().certificate());
        assertThat(copy.status("ecp384")).isEqualTo(CertificateStatus.VALID);
        assertThat(copy.status("revoked")).isEqualTo(CertificateStatus.REVOKED);
        assertThat(Files.exists(target.resolve("certs").resolve("ecp384.pem"))).isTrue();
    }

    @Test
    void copyingFromADirectoryWithoutKeysFails(@TempDir Path empty, @TempDir Path target) {
        assertThatThrownBy(() -> TestPki.copyKeyMaterial(empty, target)).isInstanceOf(PkiException.class)
                .hasMessageContaining(empty.toString());
    }

    @Test
    void stateDirectoryHoldsPkcs8KeysPemCertificatesAndTheBaseUrl() throws Exception {
        Path dir = pki.stateDir();
        assertThat(Files.readString(dir.resolve("keys").resolve("rsa2048.key.pem")))
                .startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("certs").resolve("rsa2048.pem")))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(dir.resolve("pki.properties")))
                .contains("baseUrl=" + SharedKeyMaterial.BASE.toString().replace(":", "\\:"));
    }

    @Test
    void revokingAnUnknownCredentialFails() {
        assertThatThrownBy(() -> pki.revoke("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void baseUrlMustBeAnAbsoluteHttpUrl(@TempDir Path dir) {
        assertThatThrownBy(() -> TestPki.open(dir, URI.create("ftp://127.0.0.1:8080"), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> TestPki.open(dir, null, Clock.systemUTC()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("baseUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa2048", "ecp256", "ecp384"})
    void pkcs12KeyStoreRoundTripsAKeyThatSignsForTheLeaf(String id) throws Exception {
        char[] password = "changeit".toCharArray();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pki.toPkcs12(id, password).store(bytes, password);

        KeyStore loaded = KeyStore.getInstance("PKCS12");
        loaded.load(new ByteArrayInputStream(bytes.toByteArray()), password);

        assertThat(loaded.isKeyEntry(id)).isTrue();
        Certificate[] chain = loaded.getCertificateChain(id);
        assertThat(List.of(chain)).isEqualTo(pki.credential(id).orElseThrow().chain());
        PrivateKey key = (PrivateKey) loaded.getKey(id, password);
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update("pkcs12".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] value = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(chain[0]);
        verifier.update("pkcs12".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(verifier.verify(value)).isTrue();
    }

    @Test
    void credentialToStringNeverShowsTheKey() {
        for (SandboxCredential credential : pki.credentials()) {
            String text = credential.toString();
            PrivateKey key = credential.privateKey();
            assertThat(text).contains(credential.id());
            assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 40));
            BigInteger secret = key instanceof RSAPrivateKey rsa ? rsa.getPrivateExponent() : ((ECPrivateKey) key).getS();
            assertThat(text).doesNotContain(secret.toString(16)).doesNotContain(secret.toString(10));
            assertThat(text).doesNotContainIgnoringCase("private exponent");
        }
    }
}
