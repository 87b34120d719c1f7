package org.cscsign.sandbox.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One signer credential of the sandbox test PKI: what a CSC {@code credentials/info} describes and what
 * {@code signatures/signHash} signs with.
 *
 * @param id the CSC {@code credentialID} (e.g. {@code rsa2048})
 * @param description a human-readable description ({@code credentials/info} {@code description})
 * @param keyAlgorithm {@code "RSA"} or {@code "EC"}
 * @param keyLength the key length in bits (RSA modulus or EC field size)
 * @param curve {@code "P-256"} or {@code "P-384"} for EC keys, {@code null} for RSA
 * @param privateKey the signing key; never printed by {@link #toString()}
 * @param chain leaf, issuing CA, root
 */
public record SandboxCredential(String id, String description, String keyAlgorithm, int keyLength,
        String curve, PrivateKey privateKey, List<X509Certificate> chain) {

    /** Validates the fields and freezes the chain. */
    public SandboxCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(chain, "chain");
        if (!keyAlgorithm.equals("RSA") && !keyAlgorithm.equals("EC")) {
            throw new IllegalArgumentException("keyAlgorithm must be RSA or EC, was " + keyAlgorithm);
        }
        if (keyAlgorithm.equals("EC") == (curve == null)) {
            throw new IllegalArgumentException("curve must be set exactly for EC keys (id " + id + ")");
        }
        if (keyLength <= 0) {
            throw new IllegalArgumentException("keyLength must be positive (id " + id + ")");
        }
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the leaf certificate (id " + id + ")");
        }
    }

    /**
     * The credential's end-entity (signer) certificate.
     *
     * @return {@code chain().get(0)}
     */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Describes the credential without the private key. */
    @Override
    public String toString() {
        return "SandboxCredential[id=" + id + ", description=" + description + ", keyAlgorithm=" + keyAlgorithm
                + ", keyLength=" + keyLength + ", curve=" + curve
                + ", subject=" + certificate().getSubjectX500Principal().getName()
                + ", serial=" + certificate().getSerialNumber().toString(16) + "]";
    }
}
