package org.cscsign.csc.auth;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An authorization request on its way through the browser: the URL to send the user to, and what the
 * client must remember until the redirect comes back (the {@code state}, the PKCE verifier, the exact
 * {@code redirect_uri}, what was asked). A web application keeps it in the user's server-side session
 * between {@link AuthorizationCodeFlow#start} and {@link AuthorizationCodeFlow#complete}. It completes
 * once: a code is never exchanged twice. {@link #toString()} shows no secret.
 */
public final class PendingAuthorization {

    private final URI authorizationUri;
    private final URI redirectUri;
    private final String state;
    private final Pkce pkce;
    private final AuthorizationRequest request;
    private final boolean pushed;
    private final Instant createdAt;
    private final AtomicBoolean completed = new AtomicBoolean();

    PendingAuthorization(URI authorizationUri, URI redirectUri, String state, Pkce pkce, AuthorizationRequest request,
                         boolean pushed, Instant createdAt) {
        this.authorizationUri = Objects.requireNonNull(authorizationUri);
        this.redirectUri = Objects.requireNonNull(redirectUri);
        this.state = Objects.requireNonNull(state);
        this.pkce = Objects.requireNonNull(pkce);
        this.request = Objects.requireNonNull(request);
        this.pushed = pushed;
        this.createdAt = createdAt;
    }

    /** @return where to send the user's browser (it holds no secret: PKCE sends only the challenge) */
    public URI authorizationUri() {
        return authorizationUri;
    }

    /** @return the {@code redirect_uri} exactly as sent; the code exchange repeats it */
    public URI redirectUri() {
        return redirectUri;
    }

    /** @return the {@code state} sent; the redirect must bring it back unchanged */
    public String state() {
        return state;
    }

    /** @return what was asked for */
    public AuthorizationRequest request() {
        return request;
    }

    /** @return whether the request went by PAR (RFC 9126), so the URL carries only a {@code request_uri} */
    public boolean pushed() {
        return pushed;
    }

    /** @return when the request was made */
    public Instant createdAt() {
        return createdAt;
    }

    Pkce pkce() {
        return pkce;
    }

    /** @return true the first time only */
    boolean markCompleted() {
        return completed.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[" + request + ", redirect=" + redirectUri + ", par=" + pushed + "]";
    }
}
