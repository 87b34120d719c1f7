package org.cscsign.csc.auth;

import org.cscsign.csc.DpopProofs;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DpopKey} together with the latest {@code DPoP-Nonce} each origin (authorization server,
 * resource server) has sent, so every proof carries the current nonce (RFC 9449 sections 8 and 9).
 * Thread-safe.
 */
public final class DpopSession implements DpopProofs {

    private final DpopKey key;
    private final Clock clock;
    private final Map<String, String> nonces = new ConcurrentHashMap<>();

    /**
     * @param key the proof key
     * @param clock the clock for {@code iat}
     */
    public DpopSession(DpopKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the proof key */
    public DpopKey key() {
        return key;
    }

    @Override
    public String thumbprint() {
        return key.thumbprint();
    }

    /**
     * @param htm the HTTP method
     * @param url the request URL
     * @param accessToken the access token sent with the request, or null
     * @return a fresh proof carrying the latest nonce of the URL's origin
     */
    @Override
    public String proof(String htm, URI url, String accessToken) {
        return key.proof(htm, url, accessToken, nonces.get(origin(url)), clock.instant());
    }

    /**
     * Remembers the nonce a response from that URL's origin carried.
     *
     * @param url the request URL
     * @param nonce the {@code DPoP-Nonce} header value; null or blank is ignored
     * @return true when the nonce is new for that origin
     */
    @Override
    public boolean rememberNonce(URI url, String nonce) {
        if (nonce == null || nonce.isBlank()) {
            return false;
        }
        return !nonce.equals(nonces.put(origin(url), nonce));
    }

    /**
     * @param url a URL
     * @return the latest nonce of its origin
     */
    public Optional<String> nonce(URI url) {
        return Optional.ofNullable(nonces.get(origin(url)));
    }

    private static String origin(URI url) {
        int port = url.getPort();
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (port < 0) {
            port = "https".equals(scheme) ? 443 : 80;
        }
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public String toString() {
        return "DpopSession[" + key + "]";
    }
}
