package org.cscsign.token;

import eu.europa.esig.dss.model.SignatureValue;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link BatchSignatureToken#signDigests}: the signature values in the order of the
 * digests, the validation data returned by the service, and how many remote calls it took.
 *
 * @param signatureValues one value per digest, same order
 * @param validationData the OCSP responses, CRLs and certificates the service returned (may be empty)
 * @param signHashCalls the number of {@code signatures/signHash} calls made (0 for a local token)
 */
public record SignedBatch(List<SignatureValue> signatureValues, ValidationData validationData, int signHashCalls) {

    /**
     * Copies the list and checks that no part is missing.
     *
     * @param signatureValues one value per digest, same order
     * @param validationData the OCSP responses, CRLs and certificates the service returned (may be empty)
     * @param signHashCalls the number of {@code signatures/signHash} calls made (0 for a local token)
     */
    public SignedBatch {
        signatureValues = List.copyOf(Objects.requireNonNull(signatureValues, "signatureValues"));
        Objects.requireNonNull(validationData, "validationData");
        if (signHashCalls < 0) {
            throw new IllegalArgumentException("signHashCalls must not be negative");
        }
    }
}
