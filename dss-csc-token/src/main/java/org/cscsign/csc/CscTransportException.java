package org.cscsign.csc;

/**
 * The service could not be reached or the exchange broke off (connection refused, timeout, I/O error).
 */
public class CscTransportException extends CscException {

    private static final long serialVersionUID = 1L;

    /**
     * @param method the CSC method
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param error the CSC {@code error} code, may be null
     * @param errorDescription the CSC {@code error_description}, may be null
     * @param message what went wrong
     * @param cause the underlying exception, may be null
     */
    public CscTransportException(String method, int httpStatus, String error, String errorDescription, String message,
            Throwable cause) {
        super(method, httpStatus, error, errorDescription, message, cause);
    }
}
