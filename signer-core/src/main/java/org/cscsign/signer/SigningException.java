package org.cscsign.signer;

import org.cscsign.dss.CscSignException;

/**
 * Root of every error signer-core raises (under the library's root {@link CscSignException}): catch this
 * to handle any signing failure, one of its subclasses to react to a specific cause, or switch on
 * {@link #family()}. DSS and JDK exceptions never leave the public methods of signer-core unwrapped.
 * Messages never contain secrets, tokens, SADs or PINs.
 */
public class SigningException extends CscSignException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person
     */
    public SigningException(String message) {
        this(Family.SIGNING, message, null);
    }

    /**
     * @param message what went wrong, for a person
     * @param cause the underlying error
     */
    public SigningException(String message, Throwable cause) {
        this(Family.SIGNING, message, cause);
    }

    /**
     * @param family the family of the failure (subclasses say which)
     * @param message what went wrong, for a person
     * @param cause the underlying error, may be null
     */
    protected SigningException(Family family, String message, Throwable cause) {
        super(family, message, cause);
    }
}
