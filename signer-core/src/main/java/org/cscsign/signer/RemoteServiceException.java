package org.cscsign.signer;

/**
 * The signing service (the token behind {@code signatures/signHash}) failed or refused: the cause is
 * the token's exception (for a CSC token, a {@code CscException} chained in a DSS exception). The CLI
 * maps it to exit code 3.
 */
public class RemoteServiceException extends SigningException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being done
     * @param cause the token's exception
     */
    public RemoteServiceException(String message, Throwable cause) {
        super(Family.REMOTE_SERVICE, message, cause);
    }
}
