package org.cscsign.sandbox.pki;

/**
 * Thrown when the sandbox test PKI cannot create, load or store its keys, certificates or responses
 * (a corrupt state directory, an I/O failure, a cryptographic provider error).
 */
public class PkiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed, never secret material
     * @param cause the underlying failure, may be {@code null}
     */
    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
