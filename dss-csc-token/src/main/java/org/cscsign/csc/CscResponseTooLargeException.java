package org.cscsign.csc;

/**
 * The response body exceeded {@link CscClientConfig#maxResponseBytes()}; reading stopped at the limit, so memory stays bounded.
 */
public class CscResponseTooLargeException extends CscResponseException {

    private static final long serialVersionUID = 1L;

    /**
     * @param method the CSC method (or {@code oauth2/token})
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param message what went wrong, naming the service
     * @param cause the underlying exception, may be null
     */
    public CscResponseTooLargeException(String method, int httpStatus, String message, Throwable cause) {
        super(method, httpStatus, null, null, message, cause);
    }
}
