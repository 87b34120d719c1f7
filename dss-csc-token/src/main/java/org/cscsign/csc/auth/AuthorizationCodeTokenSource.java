package org.cscsign.csc.auth;

import org.cscsign.csc.CscException;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The service token (scope {@code service}) obtained by the authorization-code flow: the first
 * {@link #token()} takes the user through the browser once; later calls reuse the token, refresh it
 * with the refresh token shortly before it expires or after the service rejected it, and go through
 * the browser again only when there is no refresh token or the refresh is refused. Thread-safe.
 */
public final class AuthorizationCodeTokenSource implements AccessTokenSource {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final Supplier<AuthorizationCodeFlow> flow;
    private final LoopbackInteraction interaction;
    private final Clock clock;
    private OAuth2Tokens tokens;
    private int authorizations;

    /**
     * @param flow the flow (resolved at the first token: its endpoints may need the service's info)
     * @param interaction how the user is taken through the browser
     * @param clock the clock for expiry
     */
    public AuthorizationCodeTokenSource(Supplier<AuthorizationCodeFlow> flow, LoopbackInteraction interaction, Clock clock) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.interaction = Objects.requireNonNull(interaction, "interaction");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return a valid service token
     * @throws AuthorizationDeniedException when the user denies
     * @throws CscException when the flow fails
     */
    @Override
    public synchronized AccessToken token() {
        if (tokens != null && clock.instant().plus(SKEW).isBefore(tokens.accessToken().expiresAt())) {
            return tokens.accessToken();
        }
        if (tokens != null && tokens.refreshToken() != null) {
            try {
                tokens = flow.get().refresh(tokens.refreshToken(), AuthorizationRequest.service());
                return tokens.accessToken();
            } catch (CscException refused) {
                tokens = null; // the refresh token is no good: ask the user again
            }
        }
        tokens = flow.get().authorize(AuthorizationRequest.service(), interaction);
        authorizations++;
        return tokens.accessToken();
    }

    @Override
    public synchronized boolean invalidate(AccessToken rejected) {
        if (tokens != null && tokens.accessToken().value().equals(rejected.value())) {
            if (tokens.refreshToken() == null) {
                tokens = null;
                return false; // another token would need the user again: do not retry behind their back
            }
            tokens = new OAuth2Tokens(new AccessToken(rejected.value(), rejected.type(), clock.instant(), rejected.scope()),
                    tokens.refreshToken(), tokens.request());
        }
        return true;
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
