package org.cscsign.signer;

import java.util.List;

/**
 * The outcome of {@link DocumentSigner#signFiles}: the files written, in input order, and the number
 * of {@code signatures/signHash} calls the batch took.
 *
 * @param files the written files
 * @param signHashCalls remote signing calls made
 */
public record WriteResult(List<WrittenFile> files, int signHashCalls) {

    /**
     * Copies the list.
     *
     * @param files the written files
     * @param signHashCalls remote signing calls made
     */
    public WriteResult {
        files = List.copyOf(files);
    }
}
