package org.cscsign.signer;

import java.nio.file.Path;
import java.util.List;

/**
 * One file written by {@link DocumentSigner#signFiles}.
 *
 * @param inputs the input files it covers (several for ASiC-E)
 * @param output the written file
 * @param signatureLevel format and level, e.g. {@code XAdES-BASELINE-LT} (see {@link SignedDocument#signatureLevel()})
 * @param level the requested baseline level
 */
public record WrittenFile(List<Path> inputs, Path output, String signatureLevel, Level level) {

    /**
     * Copies the list.
     *
     * @param inputs the input files it covers (several for ASiC-E)
     * @param output the written file
     * @param signatureLevel format and level, e.g. {@code XAdES-BASELINE-LT} (see {@link SignedDocument#signatureLevel()})
     * @param level the requested baseline level
     */
    public WrittenFile {
        inputs = List.copyOf(inputs);
    }
}
