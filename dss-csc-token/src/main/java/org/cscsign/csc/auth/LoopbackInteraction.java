package org.cscsign.csc.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a command-line or desktop program takes the user through the browser part of an
 * authorization-code flow: a {@link LoopbackReceiver} on a given port (0 = any free one), a presenter
 * that opens the system browser on the authorization URL or shows the URL, and the longest wait.
 * {@link #cancel()} (e.g. on Ctrl-C) ends the wait in progress and every later one. Thread-safe.
 */
public final class LoopbackInteraction {

    private final int port;
    private final Duration timeout;
    private final Consumer<URI> presenter;
    private volatile LoopbackReceiver current;
    private volatile boolean cancelled;

    /**
     * @param port the port on 127.0.0.1 for {@code /callback}, 0 for any free one
     * @param timeout the longest wait for the browser, per authorization
     * @param presenter shows the user the authorization URL (opens a browser or prints it)
     * @throws IllegalArgumentException if the port or the timeout is out of range
     */
    public LoopbackInteraction(int port, Duration timeout, Consumer<URI> presenter) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("redirect port must be 0..65535, not " + port);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the authorization timeout must be positive");
        }
        this.port = port;
        this.timeout = timeout;
        this.presenter = Objects.requireNonNull(presenter, "presenter");
    }

    /** @return the port (0 = any free one) */
    public int port() {
        return port;
    }

    /** @return the longest wait per authorization */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs one browser round trip: opens a receiver, lets {@code start} build the request for its
     * redirect URI, presents the URL, waits for the callback.
     *
     * @param start builds the pending authorization for a redirect URI
     * @return the pending authorization and the callback URL
     * @throws AuthorizationFlowException {@code TIMED_OUT} or {@code CANCELLED}
     */
    Round run(java.util.function.Function<URI, PendingAuthorization> start) {
        if (cancelled) {
            throw cancelledNow();
        }
        try (LoopbackReceiver receiver = LoopbackReceiver.open(port)) {
            current = receiver;
            if (cancelled) {
                throw cancelledNow();
            }
            PendingAuthorization pending = start.apply(receiver.redirectUri());
            presenter.accept(pending.authorizationUri());
            return new Round(pending, receiver.await(timeout));
        } finally {
            current = null;
        }
    }

    /** One browser round trip. @param pending what was sent @param callback what came back */
    record Round(PendingAuthorization pending, URI callback) {
    }

    /**
     * Ends the wait in progress and refuses later ones.
     *
     * @return true when a wait was in progress
     */
    public boolean cancel() {
        cancelled = true;
        LoopbackReceiver r = current;
        return r != null && r.cancel();
    }

    private static AuthorizationFlowException cancelledNow() {
        return new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.CANCELLED, null, null,
                "the authorization was cancelled", null);
    }

    @Override
    public String toString() {
        return "LoopbackInteraction[port=" + port + ", timeout=" + timeout + "]";
    }
}
