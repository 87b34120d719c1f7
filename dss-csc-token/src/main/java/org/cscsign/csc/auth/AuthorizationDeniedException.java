package org.cscsign.csc.auth;

import org.cscsign.csc.CscAuthorizationException;

/**
 * The signer (or the authorization server on their behalf) refused the authorization: the redirect
 * came back with {@code error=access_denied}. Nothing was authorized and nothing may be signed.
 */
public class AuthorizationDeniedException extends CscAuthorizationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param description the server's {@code error_description}, may be null
     */
    public AuthorizationDeniedException(String description) {
        super("oauth2/authorize", 0, "access_denied", description, "the authorization was denied"
                + (description == null || description.isBlank() ? "" : " (" + description + ")"), null);
    }
}
