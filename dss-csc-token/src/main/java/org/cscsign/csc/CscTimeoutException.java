package org.cscsign.csc;

/**
 * No complete answer within the call's deadline ({@link CscClientConfig#callTimeout()}) or the read timeout: the service may have executed the call. Never retried.
 */
public class CscTimeoutException extends CscTransportException {

    private static final long serialVersionUID = 1L;

    /**
     * @param method the CSC method (or {@code oauth2/token})
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param message what went wrong, naming the service
     * @param cause the underlying exception, may be null
     */
    public CscTimeoutException(String method, int httpStatus, String message, Throwable cause) {
        super(method, httpStatus, null, null, message, cause);
    }
}
