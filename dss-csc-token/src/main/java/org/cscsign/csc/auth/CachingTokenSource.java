package org.cscsign.csc.auth;

import org.cscsign.csc.AccessToken;
import org.cscsign.csc.AccessTokenSource;
import org.cscsign.csc.CscException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one access-token cache of every token source here: a token is reused until shortly before it
 * expires (a tenth of its life, at most 30 s, so a request never leaves with a token about to lapse);
 * one request for a new token at a time, the others wait for it; a token the service rejected (HTTP 401)
 * is dropped, and another is fetched at once only where that needs no user (see {@link #renewsSilently()}).
 * Subclasses say how a token is obtained. Thread-safe.
 */
public abstract class CachingTokenSource implements AccessTokenSource {

    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private final Clock clock;
    private AccessToken cached;
    private Instant refreshAt = Instant.MIN;
    private int fetched;

    /**
     * @param clock the clock the expiry is judged by
     */
    protected CachingTokenSource(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Obtains a new token; called with this source's lock held, so never twice at once.
     *
     * @return the new token
     * @throws CscException if no token can be obtained
     */
    protected abstract AccessToken fetch();

    /**
     * @return whether a new token can be had without the user (e.g. with a refresh token or a client
     *     secret), so a request whose token was rejected is worth one retry
     */
    protected abstract boolean renewsSilently();

    /**
     * @return the cached token while it is fresh, else a new one from {@link #fetch()}
     * @throws CscException if no token can be obtained
     */
    @Override
    public final synchronized AccessToken token() {
        if (cached != null && clock.instant().isBefore(refreshAt)) {
            return cached;
        }
        AccessToken token = fetch();
        fetched++;
        cached = token;
        refreshAt = refreshTime(token, clock.instant());
        return token;
    }

    /**
     * Drops the rejected token if it is the cached one.
     *
     * @param rejected the token the service rejected
     * @return true when another token may be had without the user, or one is already cached
     */
    @Override
    public final synchronized boolean invalidate(AccessToken rejected) {
        if (cached != null && cached.value().equals(rejected.value())) {
            cached = null;
            return renewsSilently();
        }
        return true;
    }

    /** @return how many tokens this source has obtained (for diagnostics and tests) */
    public final synchronized int tokensFetched() {
        return fetched;
    }

    /**
     * Takes the cached token out of the cache (e.g. to revoke it).
     *
     * @return the token that was cached, null when none was
     */
    protected final synchronized AccessToken takeCached() {
        AccessToken t = cached;
        cached = null;
        return t;
    }

    /** @return the clock */
    protected final Clock clock() {
        return clock;
    }

    private static Instant refreshTime(AccessToken token, Instant now) {
        if (token.expiresAt().equals(Instant.MAX)) {
            return Instant.MAX;
        }
        Duration life = Duration.between(now, token.expiresAt());
        Duration margin = life.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? life.dividedBy(10) : MAX_MARGIN;
        return token.expiresAt().minus(margin.isNegative() ? Duration.ZERO : margin);
    }
}
