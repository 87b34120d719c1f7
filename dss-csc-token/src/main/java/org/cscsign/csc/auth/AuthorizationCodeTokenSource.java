package org.cscsign.csc.auth;

import org.cscsign.csc.AccessToken;
import org.cscsign.csc.CscException;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The service token (scope {@code service}) obtained by the authorization-code flow: the first
 * {@link #token()} takes the user through the browser once; later calls reuse the token, refresh it
 * with the refresh token shortly before it expires or after the service rejected it, and go through
 * the browser again only when there is no refresh token or the refresh is refused. A rejected token
 * without a refresh token is not replaced behind the user's back (no silent retry). Cached as
 * {@link CachingTokenSource} says. Thread-safe.
 */
public final class AuthorizationCodeTokenSource extends CachingTokenSource {

    private final Supplier<AuthorizationCodeFlow> flow;
    private final LoopbackInteraction interaction;
    private volatile String refreshToken;
    private int authorizations;

    /**
     * @param flow the flow (resolved at the first token: its endpoints may need the service's info)
     * @param interaction how the user is taken through the browser
     * @param clock the clock for expiry
     */
    public AuthorizationCodeTokenSource(Supplier<AuthorizationCodeFlow> flow, LoopbackInteraction interaction, Clock clock) {
        super(clock);
        this.flow = Objects.requireNonNull(flow, "flow");
        this.interaction = Objects.requireNonNull(interaction, "interaction");
    }

    /**
     * @return a new service token: refreshed when there is a refresh token, else by the browser
     * @throws AuthorizationDeniedException when the user denies
     * @throws CscException when the flow fails
     */
    @Override
    protected AccessToken fetch() {
        String refresh = refreshToken;
        if (refresh != null) {
            try {
                return keep(flow.get().refresh(refresh, AuthorizationRequest.service()));
            } catch (CscException refused) {
                refreshToken = null; // the refresh token is no good: ask the user again
            }
        }
        OAuth2Tokens tokens = flow.get().authorize(AuthorizationRequest.service(), interaction);
        synchronized (this) {
            authorizations++;
        }
        return keep(tokens);
    }

    private AccessToken keep(OAuth2Tokens tokens) {
        refreshToken = tokens.refreshToken();
        return tokens.accessToken();
    }

    /** Only a refresh token renews without the user. */
    @Override
    protected boolean renewsSilently() {
        return refreshToken != null;
    }

    /** @return how many times the user was taken through the browser */
    public synchronized int authorizations() {
        return authorizations;
    }

    @Override
    public String toString() {
        return "AuthorizationCodeTokenSource[" + interaction + "]";
    }
}
