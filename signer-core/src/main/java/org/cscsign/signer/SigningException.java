package org.cscsign.signer;

/**
 * Root of every error signer-core raises: catch this to handle any signing failure, or one of its
 * subclasses to react to a specific cause. Messages never contain secrets, tokens, SADs or PINs.
 */
public class SigningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person
     */
    public SigningException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person
     * @param cause the underlying error
     */
    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
