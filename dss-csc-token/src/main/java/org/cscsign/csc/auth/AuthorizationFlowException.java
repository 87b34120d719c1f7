package org.cscsign.csc.auth;

import org.cscsign.csc.CscException;

/**
 * The authorization-code flow failed for a reason other than the signer's denial (that is
 * {@link AuthorizationDeniedException}): see {@link #reason()}. Messages never contain a code,
 * verifier, state value or token.
 */
public class AuthorizationFlowException extends CscException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The callback's {@code state} is missing or is not the one sent (a forged or mixed-up redirect). */
        STATE_MISMATCH,
        /** The callback carries neither a {@code code} nor an {@code error}, or is not a callback at all. */
        MALFORMED_CALLBACK,
        /** The authorization server answered the redirect with an error other than {@code access_denied}. */
        ERROR_RESPONSE,
        /** {@link ParMode#REQUIRED} and the server has no PAR endpoint. */
        PAR_UNAVAILABLE,
        /** The server does not offer PKCE with S256. */
        PKCE_UNSUPPORTED,
        /** The browser did not come back within the time allowed. */
        TIMED_OUT,
        /** The wait for the browser was cancelled (e.g. Ctrl-C). */
        CANCELLED
    }

    /** What went wrong. */
    private final Reason reason;

    /**
     * @param method {@code oauth2/authorize}, {@code oauth2/pushed_authorize} or {@code oauth2/token}
     * @param reason what went wrong
     * @param error the OAuth2 {@code error} code, may be null
     * @param description the {@code error_description}, may be null
     * @param message the message
     * @param cause the cause, may be null
     */
    public AuthorizationFlowException(String method, Reason reason, String error, String description, String message,
                                      Throwable cause) {
        super(method, 0, error, description, message, cause);
        this.reason = reason;
    }

    /** @return what went wrong */
    public Reason reason() {
        return reason;
    }
}
