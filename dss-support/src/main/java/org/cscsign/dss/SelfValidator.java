package org.cscsign.dss;

import eu.europa.esig.dss.model.DSSDocument;

import java.util.List;

/**
 * Validates a freshly signed document, so a signer can refuse an output DSS would not accept. The signer
 * ({@code signer-core}) only knows this interface; the {@code validator} module implements it (found through
 * {@link SelfValidatorFactory} and {@code META-INF/services}), so signing does not carry the validator's
 * report rendering (FOP, Batik) unless self-validation is wanted.
 *
 * <p>Implementations are thread-safe.
 */
public interface SelfValidator {

    /**
     * Validates every signature of a signed document with DSS.
     *
     * @param signedDocument   the signed document
     * @param detachedContents the signed data of a detached signature (names matter for XAdES and JAdES
     *                         references); empty otherwise
     * @return one verdict per signature DSS found, in DSS's order; never empty
     * @throws IllegalArgumentException with a one-line reason when the document cannot be read as a signed
     *                                  document or holds no signature
     * @throws NullPointerException     when an argument is null
     */
    List<SignatureVerdict> validate(DSSDocument signedDocument, List<DSSDocument> detachedContents);
}
