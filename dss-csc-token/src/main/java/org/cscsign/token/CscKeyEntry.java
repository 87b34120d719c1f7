package org.cscsign.token;

import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * A DSS key entry for a CSC credential: the credential's certificate chain (leaf first, as
 * {@code credentials/info} returned it with {@code certificates=chain}) plus what signing needs to
 * know: the credential id, {@code multisign} and {@code SCAL}. The private key stays at the service.
 */
public final class CscKeyEntry implements DSSPrivateKeyEntry {

    private final CredentialInfo info;
    private final CertificateToken[] chain;
    private final EncryptionAlgorithm encryptionAlgorithm;

    /**
     * @param info the credential info, with at least the leaf certificate
     * @throws IllegalArgumentException if the info has no certificate or an unsupported key type
     */
    public CscKeyEntry(CredentialInfo info) {
        this.info = Objects.requireNonNull(info, "info");
        if (info.cert().certificates().isEmpty()) {
            throw new IllegalArgumentException("credential " + info.id() + " has no certificate");
        }
        this.chain = info.cert().certificates().stream().map(CertificateToken::new).toArray(CertificateToken[]::new);
        PublicKey key = chain[0].getPublicKey();
        if (key instanceof RSAPublicKey) {
            encryptionAlgorithm = EncryptionAlgorithm.RSA;
        } else if (key instanceof ECPublicKey) {
            encryptionAlgorithm = EncryptionAlgorithm.ECDSA;
        } else {
            throw new IllegalArgumentException("credential " + info.id() + " has an unsupported key type " + key.getAlgorithm());
        }
    }

    /** @return the credential id ({@code credentialID}) */
    public CredentialId credentialId() {
        return info.id();
    }

    /** @return the most hashes per {@code signatures/signHash} call and per SAD */
    public int multisign() {
        return info.multisign();
    }

    /** @return the sole control assurance level, 1 or 2 (at 2, a SAD is bound to the hashes) */
    public int scal() {
        return info.scal();
    }

    /** @return everything the service said about the credential */
    public CredentialInfo credentialInfo() {
        return info;
    }

    /** @return the leaf's public key */
    public PublicKey publicKey() {
        return chain[0].getPublicKey();
    }

    @Override
    public CertificateToken getCertificate() {
        return chain[0];
    }

    @Override
    public CertificateToken[] getCertificateChain() {
        return chain.clone();
    }

    @Override
    public EncryptionAlgorithm getEncryptionAlgorithm() {
        return encryptionAlgorithm;
    }

    @Override
    public String toString() {
        return "CscKeyEntry[" + info.id() + ", " + encryptionAlgorithm + ", " + chain[0].getSubject().getPrettyPrintRFC2253()
                + ", SCAL " + info.scal() + ", multisign " + info.multisign() + "]";
    }
}
