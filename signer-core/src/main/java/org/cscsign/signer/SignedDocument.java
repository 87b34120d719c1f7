package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;

import java.util.List;
import java.util.Objects;

/**
 * One output of a batch: the signed document (or ASiC-E container) and what DSS says it is.
 *
 * @param name the output name (e.g. {@code contract-signed.pdf}), also the document's DSS name
 * @param document the signed document, in memory
 * @param inputNames the names of the inputs it covers (several for ASiC-E)
 * @param signatureLevel the format and level, e.g. {@code PAdES-BASELINE-LT}: as DSS reported it on
 *        self-validation, or the requested one when self-validation is off
 * @param level the requested baseline level
 * @param selfValidated whether DSS validated it as TOTAL_PASSED at the requested level
 */
public record SignedDocument(String name, DSSDocument document, List<String> inputNames, String signatureLevel,
        Level level, boolean selfValidated) {

    /**
     * Checks that no part is missing.
     *
     * @param name the output name (e.g. {@code contract-signed.pdf}), also the document's DSS name
     * @param document the signed document, in memory
     * @param inputNames the names of the inputs it covers (several for ASiC-E)
     * @param signatureLevel the format and level, e.g. {@code PAdES-BASELINE-LT}: as DSS reported it on * self-validation, or the requested one when self-validation is off
     * @param level the requested baseline level
     * @param selfValidated whether DSS validated it as TOTAL_PASSED at the requested level
     */
    public SignedDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
        inputNames = List.copyOf(inputNames);
        Objects.requireNonNull(signatureLevel, "signatureLevel");
        Objects.requireNonNull(level, "level");
    }
}
