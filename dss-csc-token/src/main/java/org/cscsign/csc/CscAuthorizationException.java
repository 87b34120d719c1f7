package org.cscsign.csc;

/**
 * The credential could not be authorized or used: {@code invalid_pin}, {@code invalid_otp}, a SAD problem, {@code access_denied} or HTTP 403.
 */
public class CscAuthorizationException extends CscException {

    private static final long serialVersionUID = 1L;

    /**
     * @param method the CSC method
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param error the CSC {@code error} code, may be null
     * @param errorDescription the CSC {@code error_description}, may be null
     * @param message what went wrong
     * @param cause the underlying exception, may be null
     */
    public CscAuthorizationException(String method, int httpStatus, String error, String errorDescription, String message,
            Throwable cause) {
        super(Family.AUTHORIZATION, method, httpStatus, error, errorDescription, message, cause);
    }
}
