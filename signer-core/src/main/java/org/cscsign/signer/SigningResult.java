package org.cscsign.signer;

import java.util.List;

/**
 * The outcome of {@link DocumentSigner#sign}: every output, in input order, and how many
 * {@code signatures/signHash} calls the batch took (0 for a local token).
 *
 * @param documents the signed outputs
 * @param signHashCalls remote signing calls made
 */
public record SigningResult(List<SignedDocument> documents, int signHashCalls) {

    /**
     * Copies the list.
     *
     * @param documents the signed outputs
     * @param signHashCalls remote signing calls made
     */
    public SigningResult {
        documents = List.copyOf(documents);
        if (signHashCalls < 0) {
            throw new IllegalArgumentException("signHashCalls must not be negative");
        }
    }
}
