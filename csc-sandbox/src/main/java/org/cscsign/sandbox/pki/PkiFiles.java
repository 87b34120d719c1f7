package org.cscsign.sandbox.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** PEM and properties files of the state directory, written atomically so a crash never leaves half a file. */
final class PkiFiles {

    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final String CERTIFICATE = "CERTIFICATE";

    private PkiFiles() {
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] fromPem(String text, String type, Path source) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new PkiException("no " + type + " PEM block in " + source, null);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new PkiException("bad Base64 in " + source, e);
        }
    }

    static void writeKeyPair(Path keysDir, String name, KeyPair keyPair) {
        // The public key is stored beside the PKCS#8 key: JDK EC PKCS#8 encodings may omit it.
        writeAtomically(keysDir.resolve(name + ".pub.pem"), pem(PUBLIC_KEY, keyPair.getPublic().getEncoded()));
        writeAtomically(keysDir.resolve(name + ".key.pem"), pem(PRIVATE_KEY, keyPair.getPrivate().getEncoded()));
    }

    /** Returns the key pair stored under name, or null when either file is missing. */
    static KeyPair readKeyPair(Path keysDir, String name) {
        Path priv = keysDir.resolve(name + ".key.pem");
        Path pub = keysDir.resolve(name + ".pub.pem");
        if (!Files.isRegularFile(priv) || !Files.isRegularFile(pub)) {
            return null;
        }
        byte[] pkcs8 = fromPem(read(priv), PRIVATE_KEY, priv);
        byte[] spki = fromPem(read(pub), PUBLIC_KEY, pub);
        try {
            String algorithm = keyAlgorithm(pkcs8, priv);
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(spki));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PkiException("cannot read key pair " + name + " in " + keysDir, e);
        }
    }

    private static String keyAlgorithm(byte[] pkcs8, Path source) {
        var oid = PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        throw new PkiException("unsupported key algorithm " + oid + " in " + source, null);
    }

    static void writeCertificate(Path file, X509Certificate certificate) {
        try {
            writeAtomically(file, pem(CERTIFICATE, certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot encode certificate for " + file, e);
        }
    }

    /** Returns the certificate in file, or null when the file is missing. */
    static X509Certificate readCertificate(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] der = fromPem(read(file), CERTIFICATE, file);
        try (InputStream in = new java.io.ByteArrayInputStream(der)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot read certificate " + file, e);
        }
    }

    static Properties readProperties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                properties.load(new StringReader(read(file)));
            } catch (IOException e) {
                throw new PkiException("cannot read " + file, e);
            }
        }
        return properties;
    }

    static void writeProperties(Path file, Properties properties, String comment) {
        StringWriter out = new StringWriter();
        try {
            properties.store(out, comment);
        } catch (IOException e) {
            throw new PkiException("cannot encode " + file, e);
        }
        writeAtomically(file, out.toString());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PkiException("cannot read " + file, e);
        }
    }

    static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    out.write(content.getBytes(StandardCharsets.US_ASCII));
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new PkiException("cannot write " + file, e);
        }
    }
}
