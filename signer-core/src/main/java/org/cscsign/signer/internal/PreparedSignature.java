package org.cscsign.signer.internal;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;

import java.util.List;

/**
 * One output being made: its inputs, DSS parameters already fixed (signing time, certificate chain),
 * the data to be signed computed, and the step that finishes it with a signature value.
 */
public interface PreparedSignature {

    /** @return the input documents (one, or several for ASiC-E) */
    List<DSSDocument> inputs();

    /** @return the name the output will get */
    String outputName();

    /** @return DSS {@code getDataToSign} result */
    ToBeSigned toBeSigned();

    /** @return the algorithm the signature value must be made with */
    SignatureAlgorithm signatureAlgorithm();

    /** @return true when the output does not contain the signed data (validation needs the inputs) */
    boolean detached();

    /** @return the level DSS validation must report for the output */
    SignatureLevel expectedLevel();

    /**
     * DSS {@code signDocument}: embeds the value, adds timestamps and validation data per the level.
     *
     * @param value the signature value over {@link #toBeSigned()}
     * @return the signed document, named {@link #outputName()}
     */
    DSSDocument finish(SignatureValue value);
}
