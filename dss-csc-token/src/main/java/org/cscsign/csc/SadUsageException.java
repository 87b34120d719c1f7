package org.cscsign.csc;

/**
 * The client refused to send a SAD (or a credential-scope token used as SAD) for a call it does not
 * cover: another credential, hashes it was not issued for, more signatures than it has left, or after
 * its expiry. Raised before any request leaves, so nothing was spent at the service.
 */
public class SadUsageException extends CscException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what the SAD does not cover (never the SAD itself)
     */
    public SadUsageException(String message) {
        super("signatures/signHash", 0, null, null, message, null);
    }
}
