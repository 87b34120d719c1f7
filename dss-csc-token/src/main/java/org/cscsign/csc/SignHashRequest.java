package org.cscsign.csc;

import java.util.List;
import java.util.Objects;

/**
 * The parameters of {@code signatures/signHash}.
 *
 * @param credentialId the {@code credentialID}
 * @param hashes the raw digests to sign (not DigestInfo-encoded)
 * @param hashAlgorithm the hash algorithm of every digest ({@code hashAlgorithmOID}, v1 {@code hashAlgo})
 * @param signAlgo the {@code signAlgo} OID, e.g. {@code 1.2.840.113549.1.1.1}
 * @param signAlgoParams DER {@code signAlgoParams} (e.g. RSASSA-PSS-params), may be null
 * @param sad the SAD, null when none is sent (BankID, or a token with scope {@code credential})
 */
public record SignHashRequest(CredentialId credentialId, List<byte[]> hashes, HashAlgorithm hashAlgorithm,
                              String signAlgo, byte[] signAlgoParams, Sad sad) {

    /**
     * Checks the fields: every hash has the length of the hash algorithm.
     *
     * @param credentialId the {@code credentialID}
     * @param hashes the raw digests to sign (not DigestInfo-encoded)
     * @param hashAlgorithm the hash algorithm of every digest ({@code hashAlgorithmOID}, v1 {@code hashAlgo})
     * @param signAlgo the {@code signAlgo} OID, e.g. {@code 1.2.840.113549.1.1.1}
     * @param signAlgoParams DER {@code signAlgoParams} (e.g. RSASSA-PSS-params), may be null
     * @param sad the SAD, null when none is sent (BankID, or a token with scope {@code credential})
     */
    public SignHashRequest {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        Objects.requireNonNull(signAlgo, "signAlgo");
        hashes = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("hashes must not be empty");
        }
        for (int i = 0; i < hashes.size(); i++) {
            if (hashes.get(i).length != hashAlgorithm.length()) {
                throw new IllegalArgumentException("hashes[" + i + "] has " + hashes.get(i).length + " bytes, "
                        + hashAlgorithm + " needs " + hashAlgorithm.length());
            }
        }
        signAlgoParams = signAlgoParams == null ? null : signAlgoParams.clone();
    }

    /**
     * @param hashes other hashes
     * @param sad another SAD, may be null
     * @return this request for other hashes with another SAD
     */
    public SignHashRequest with(List<byte[]> hashes, Sad sad) {
        return new SignHashRequest(credentialId, hashes, hashAlgorithm, signAlgo, signAlgoParams, sad);
    }

    /** @return a copy of the DER {@code signAlgoParams}, or null */
    @Override
    public byte[] signAlgoParams() {
        return signAlgoParams == null ? null : signAlgoParams.clone();
    }

    @Override
    public String toString() {
        return "SignHashRequest[credentialId=" + credentialId + ", hashes=" + hashes.size() + ", hashAlgorithm="
                + hashAlgorithm + ", signAlgo=" + signAlgo + ", sad=" + (sad == null ? "none" : "***") + "]";
    }
}
