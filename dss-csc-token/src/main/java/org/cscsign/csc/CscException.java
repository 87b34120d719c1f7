package org.cscsign.csc;

import java.util.Optional;

/**
 * Root of every error raised by the CSC client (family {@link Family#REMOTE_SERVICE}, except
 * {@link CscAuthorizationException}: {@link Family#AUTHORIZATION}; itself under the library's root
 * {@link org.cscsign.dss.CscSignException}): a refusal by the service, a transport failure or a
 * response the client cannot accept. Carries the CSC method, the HTTP status and the service's
 * {@code error} / {@code error_description} where there were any.
 *
 * <p>Messages never contain access tokens, client secrets, SADs, PINs or OTPs.
 */
public class CscException extends org.cscsign.dss.CscSignException {

    private static final long serialVersionUID = 1L;

    /** The CSC method or {@code oauth2/token}. */
    private final String method;
    /** The HTTP status, 0 without a response. */
    private final int httpStatus;
    /** The CSC {@code error} code, may be null. */
    private final String error;
    /** The CSC {@code error_description}, may be null. */
    private final String errorDescription;

    /**
     * @param method the CSC method (e.g. {@code signatures/signHash}) or {@code oauth2/token}
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param error the CSC {@code error} code, may be null
     * @param errorDescription the CSC {@code error_description}, may be null
     * @param message what went wrong
     * @param cause the underlying exception, may be null
     */
    public CscException(String method, int httpStatus, String error, String errorDescription, String message,
                        Throwable cause) {
        this(Family.REMOTE_SERVICE, method, httpStatus, error, errorDescription, message, cause);
    }

    /**
     * @param family the family (subclasses that are not remote-service failures say which)
     * @param method the CSC method (e.g. {@code signatures/signHash}) or {@code oauth2/token}
     * @param httpStatus the HTTP status, 0 when no response was received
     * @param error the CSC {@code error} code, may be null
     * @param errorDescription the CSC {@code error_description}, may be null
     * @param message what went wrong
     * @param cause the underlying exception, may be null
     */
    protected CscException(Family family, String method, int httpStatus, String error, String errorDescription,
                           String message, Throwable cause) {
        super(family, message, cause);
        this.method = method;
        this.httpStatus = httpStatus;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    /** @return the CSC method that failed, e.g. {@code credentials/authorize} */
    public String method() {
        return method;
    }

    /** @return the HTTP status of the response, 0 when there was none */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the {@code error} code of the CSC error response */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** @return the {@code error_description} of the CSC error response */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }
}
