package org.cscsign.csc;

/**
 * The service answered, but with something the client must not accept: malformed JSON, a missing or mistyped field, invalid Base64, a wrong number of signatures, or a signature that does not verify.
 */
public class CscResponseException extends CscException {

    private static final long serialVersionUID = 1L;

    /**
     * @param method the CSC method
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param error the CSC {@code error} code, may be null
     * @param errorDescription the CSC {@code error_description}, may be null
     * @param message what went wrong
     * @param cause the underlying exception, may be null
     */
    public CscResponseException(String method, int httpStatus, String error, String errorDescription, String message,
            Throwable cause) {
        super(method, httpStatus, error, errorDescription, message, cause);
    }
}
