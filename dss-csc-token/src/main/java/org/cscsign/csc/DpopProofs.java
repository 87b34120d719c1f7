package org.cscsign.csc;

import java.net.URI;

/**
 * DPoP (RFC 9449) for the CSC API calls of one client: a fresh proof per request, bound to the access
 * token it accompanies, carrying the latest nonce the request's origin sent. The client asks for it
 * through {@link AccessTokenSource#dpop()}; {@code org.cscsign.csc.auth.DpopSession} implements it, so
 * that the token endpoint and the API share one key and one set of nonces. Implementations are
 * thread-safe.
 */
public interface DpopProofs {

    /**
     * @param htm the HTTP method of the request
     * @param url the request URL
     * @param accessToken the access token sent with the request ({@code ath}), or null
     * @return the compact proof JWT for the {@code DPoP} header
     */
    String proof(String htm, URI url, String accessToken);

    /**
     * Remembers the nonce a response from that URL's origin carried, for the next proof.
     *
     * @param url the request URL
     * @param nonce the {@code DPoP-Nonce} header value; null or blank is ignored
     * @return true when the nonce is new for that origin
     */
    boolean rememberNonce(URI url, String nonce);

    /** @return the JWK SHA-256 thumbprint (RFC 7638) of the proof key, which the service binds tokens to */
    String thumbprint();
}
