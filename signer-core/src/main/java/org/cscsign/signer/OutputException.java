package org.cscsign.signer;

/**
 * An output could not be written: the target exists and overwriting was not allowed, two outputs of
 * the batch would get the same name, or an I/O error occurred. Nothing of the batch is left behind.
 */
public class OutputException extends SigningException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which file and why
     * @param cause the I/O error, may be null
     */
    public OutputException(String message, Throwable cause) {
        super(Family.OUTPUT, message, cause);
    }
}
