package org.cscsign.dss;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustAnchorsTest {

    private static X509Certificate first;
    private static X509Certificate second;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        first = selfSigned("CN=First Root");
        second = selfSigned("CN=Second Root");
    }

    @Test
    void readsEveryCertificateOfAPemFile() throws Exception {
        Path pem = dir.resolve("roots.pem");
        Files.writeString(pem, pem(first) + pem(second));

        assertThat(TrustAnchors.fromFile(pem)).containsExactly(first, second);
    }

    @Test
    void readsADerFile() throws Exception {
        Path der = dir.resolve("root.cer");
        Files.write(der, first.getEncoded());

        assertThat(TrustAnchors.fromFile(der)).containsExactly(first);
    }

    @Test
    void aFileWithoutCertificateIsRefusedNamingTheField() throws Exception {
        Path text = dir.resolve("notes.pem");
        Files.writeString(text, "not a certificate");

        assertThatThrownBy(() -> TrustAnchors.fromFile(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("trustAnchorFile: ")
                .hasMessageContaining(text.toString());
        assertThatThrownBy(() -> TrustAnchors.fromFile(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("trustAnchorFile: cannot read");
    }

    @Test
    void readsPkcs12AndJksStores() throws Exception {
        for (String type : List.of("PKCS12", "JKS")) {
            Path store = store(type, "secret-pass".toCharArray());

            assertThat(TrustAnchors.fromKeyStore(store, type, "secret-pass".toCharArray()))
                    .containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void aWrongStorePasswordIsRefusedWithoutShowingIt() throws Exception {
        Path store = store("PKCS12", "secret-pass".toCharArray());

        assertThatThrownBy(() -> TrustAnchors.fromKeyStore(store, "PKCS12", "wrong-pass".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("trustStore: ")
                .hasMessageNotContaining("wrong-pass");
    }

    private Path store(String type, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        ks.setCertificateEntry("first", first);
        ks.setCertificateEntry("second", second);
        Path file = dir.resolve("store." + type.toLowerCase());
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        return file;
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static X509Certificate selfSigned(String dn) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(dn);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
