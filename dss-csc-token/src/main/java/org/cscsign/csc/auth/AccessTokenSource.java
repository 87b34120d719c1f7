package org.cscsign.csc.auth;

import java.time.Instant;

/**
 * Supplies the access token for CSC API calls. Implementations cache the token and are thread-safe.
 *
 * @see ClientCredentialsTokenSource
 */
public interface AccessTokenSource {

    /**
     * @return a token that is, as far as the source knows, still valid (cached when possible)
     * @throws org.cscsign.csc.CscException if no token can be obtained
     */
    AccessToken token();

    /**
     * Tells the source that the service rejected a token (HTTP 401), so it drops it from its cache.
     *
     * @param rejected the token the service rejected
     * @return true when a later {@link #token()} may give another token (worth retrying once)
     */
    boolean invalidate(AccessToken rejected);

    /**
     * A fixed token, e.g. one obtained out of band. It is never refreshed.
     *
     * @param value the token
     * @param type {@code Bearer} or {@code DPoP}
     * @return the source
     */
    static AccessTokenSource fixed(String value, String type) {
        AccessToken token = new AccessToken(value, type, Instant.MAX, null);
        return new AccessTokenSource() {
            @Override
            public AccessToken token() {
                return token;
            }

            @Override
            public boolean invalidate(AccessToken rejected) {
                return false;
            }

            @Override
            public String toString() {
                return "AccessTokenSource.fixed[" + type + "]";
            }
        };
    }
}
