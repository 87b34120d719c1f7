package org.cscsign.signer;

/**
 * An LT or LTA signature needs revocation data for every non-anchor certificate (signer, issuing CA,
 * TSA), and some could not be obtained: typically in offline mode, where only the data returned by
 * {@code signatures/signHash} and the data given to the signer are available. DSS's alert is never
 * relaxed, since that would silently produce a -T signature.
 */
public class MissingRevocationDataException extends SigningException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing and how to provide it
     * @param cause DSS's alert
     */
    public MissingRevocationDataException(String message, Throwable cause) {
        super(Family.CERTIFICATE_STATUS, message, cause);
    }
}
