package org.cscsign.csc;

/**
 * No connection to the service could be made (connection refused, unknown host, connect timeout): the request never left, so nothing was executed.
 */
public class CscUnreachableException extends CscTransportException {

    private static final long serialVersionUID = 1L;

    /**
     * @param method the CSC method (or {@code oauth2/token})
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param message what went wrong, naming the service
     * @param cause the underlying exception, may be null
     */
    public CscUnreachableException(String method, int httpStatus, String message, Throwable cause) {
        super(method, httpStatus, null, null, message, cause);
    }
}
