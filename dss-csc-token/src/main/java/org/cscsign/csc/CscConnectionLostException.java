package org.cscsign.csc;

/**
 * The connection broke after the request was sent and before a complete answer came: the service may have executed the call (for {@code signatures/signHash}: a signature may have been made and billed). Never retried.
 */
public class CscConnectionLostException extends CscTransportException {

    private static final long serialVersionUID = 1L;

    /**
     * @param method the CSC method (or {@code oauth2/token})
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param message what went wrong, naming the service
     * @param cause the underlying exception, may be null
     */
    public CscConnectionLostException(String method, int httpStatus, String message, Throwable cause) {
        super(method, httpStatus, null, null, message, cause);
    }
}
