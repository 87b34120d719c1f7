package org.cscsign.csc;

import java.time.Instant;
import java.util.Optional;

/**
 * Supplies the access token for CSC API calls, and the DPoP proofs that go with it when the token is
 * DPoP-bound. Implementations cache the token and are thread-safe. A {@link ServiceLogin} opens one
 * per client; {@link CscClient#close()} closes it.
 */
public interface AccessTokenSource {

    /**
     * @return a token that is, as far as the source knows, still valid (cached when possible)
     * @throws CscException if no token can be obtained
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
     * @return the DPoP proofs for the calls that carry this source's tokens; empty for plain bearer tokens
     */
    default Optional<DpopProofs> dpop() {
        return Optional.empty();
    }

    /**
     * Ends the login when the client is closed (e.g. CSC v1 {@code auth/revoke}) and forgets secrets;
     * by default nothing.
     *
     * @throws CscException when the service refuses to end the session (the client logs it and goes on)
     */
    default void close() {
    }

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
