package org.cscsign.dss;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Reads trust anchors (the roots a signer's or validator's chains must end in) from files: PEM (one or
 * several certificates), DER, and PKCS#12 or JKS key stores. Shared by the signer and the validator so
 * that both accept the same files with the same messages.
 *
 * <p>Errors are {@link IllegalArgumentException}s whose message starts with the builder field the file
 * was given to ({@code trustAnchorFile: …}, {@code trustStore: …}) and never contains a password.
 */
public final class TrustAnchors {

    private TrustAnchors() {
    }

    /**
     * Reads the certificates of a PEM file (one or more certificates) or a DER certificate file.
     *
     * @param file the certificate file
     * @return its certificates, at least one
     * @throws IllegalArgumentException starting with {@code trustAnchorFile: } when the file cannot be read,
     *         holds no certificate or is neither PEM nor DER
     * @throws NullPointerException when {@code file} is null
     */
    public static List<X509Certificate> fromFile(Path file) {
        Objects.requireNonNull(file, "trustAnchorFile");
        String field = "trustAnchorFile";
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (read.isEmpty()) {
                throw new IllegalArgumentException(field + ": no certificate in " + file);
            }
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : read) {
                out.add((X509Certificate) c);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalArgumentException(field + ": cannot read " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(field + ": " + file + " is not a PEM or DER certificate file", e);
        }
    }

    /**
     * Reads every certificate of a key store: its trusted-certificate entries and the certificates of its
     * key entries.
     *
     * @param file the key store file
     * @param type {@code PKCS12} or {@code JKS}
     * @param password the key store password, or null; not kept, not wiped (the caller owns it)
     * @return its certificates, at least one
     * @throws IllegalArgumentException starting with {@code trustStore: } when the store cannot be opened
     *         (wrong type or password, unreadable) or holds no certificate
     * @throws NullPointerException when {@code file} or {@code type} is null
     */
    public static List<X509Certificate> fromKeyStore(Path file, String type, char[] password) {
        Objects.requireNonNull(file, "trustStore");
        Objects.requireNonNull(type, "trustStore type");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance(type);
            keyStore.load(in, password);
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.getCertificate(alias) instanceof X509Certificate x509) {
                    out.add(x509);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("trustStore: no certificate in " + file);
            }
            return List.copyOf(out);
        } catch (IOException | GeneralSecurityException e) {
            // the message of a wrong password never contains the password itself
            throw new IllegalArgumentException("trustStore: cannot open " + type + " key store " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The DSS trusted-certificate source of a set of anchors.
     *
     * @param anchors the trust anchors (may be empty)
     * @return a new source holding them
     * @throws NullPointerException when {@code anchors} is null
     */
    public static CommonTrustedCertificateSource source(Collection<X509Certificate> anchors) {
        CommonTrustedCertificateSource source = new CommonTrustedCertificateSource();
        Objects.requireNonNull(anchors, "anchors").forEach(a -> source.addCertificate(new CertificateToken(a)));
        return source;
    }
}
