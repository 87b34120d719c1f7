package org.cscsign.csc;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth2 access token as used on CSC API calls. {@link #toString()} never shows the value.
 *
 * @param value the token (secret)
 * @param type {@code Bearer} or {@code DPoP} (the {@code token_type})
 * @param expiresAt when it expires; {@link Instant#MAX} when unknown
 * @param scope the granted scope, may be null
 */
public record AccessToken(String value, String type, Instant expiresAt, String scope) {

    /**
     * Checks the fields.
     *
     * @param value the token (secret)
     * @param type {@code Bearer} or {@code DPoP} (the {@code token_type})
     * @param expiresAt when it expires; {@link Instant#MAX} when unknown
     * @param scope the granted scope, may be null
     */
    public AccessToken {
        Objects.requireNonNull(value, "access_token");
        Objects.requireNonNull(type, "token_type");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** @return whether the token is DPoP-bound ({@code token_type} DPoP): sent as {@code Authorization: DPoP} */
    public boolean dpopBound() {
        return "DPoP".equalsIgnoreCase(type);
    }

    /** @return the value of the {@code Authorization} header */
    public String authorizationHeader() {
        return (dpopBound() ? "DPoP " : "Bearer ") + value;
    }

    @Override
    public String toString() {
        return "AccessToken[type=" + type + ", expiresAt=" + expiresAt + ", scope=" + scope + ", value=***]";
    }
}
