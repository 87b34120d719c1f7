package org.cscsign.csc.auth;

import okhttp3.OkHttpClient;
import org.cscsign.csc.internal.BoundedExchange;

import java.time.Clock;
import java.util.Objects;

/**
 * Who the client is at the OAuth2 authorization server and how it talks to it: the one set of settings
 * that {@link ClientCredentialsTokenSource} and {@link AuthorizationCodeFlow} both take. Immutable;
 * {@link #toString()} shows no secret.
 *
 * @param http the HTTP client (its timeouts and deadline bound every request)
 * @param clientId the OAuth2 client id
 * @param authentication how the client authenticates at the token endpoint; null for a public client
 *                       (PKCE only, authorization-code flow)
 * @param dpop the DPoP session whose key binds the tokens, null for plain bearer tokens
 * @param clock the clock ({@code private_key_jwt} and DPoP {@code iat}, token expiry)
 * @param userAgent the User-Agent
 * @param maxResponseBytes the most bytes an answer of the authorization server may have
 */
public record OAuth2ClientSettings(OkHttpClient http, String clientId, ClientAuthentication authentication,
                                   DpopSession dpop, Clock clock, String userAgent, long maxResponseBytes) {

    /**
     * Checks the fields.
     *
     *
     * @param http the HTTP client (its timeouts and deadline bound every request)
     * @param clientId the OAuth2 client id
     * @param authentication how the client authenticates at the token endpoint; null for a public client
     *     (PKCE only, authorization-code flow)
     * @param dpop the DPoP session whose key binds the tokens, null for plain bearer tokens
     * @param clock the clock ({@code private_key_jwt} and DPoP {@code iat}, token expiry)
     * @param userAgent the User-Agent
     * @param maxResponseBytes the most bytes an answer of the authorization server may have
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public OAuth2ClientSettings {
        if (http == null) {
            throw new IllegalArgumentException("httpClient is required");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is required and must not be blank");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
    }

    /**
     * Settings with no DPoP, the system clock, User-Agent {@code cscsign} and the default size cap.
     *
     * @param http the HTTP client
     * @param clientId the client id
     * @param authentication the client authentication, null for a public client
     * @return the settings
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static OAuth2ClientSettings of(OkHttpClient http, String clientId, ClientAuthentication authentication) {
        return new OAuth2ClientSettings(http, clientId, authentication, null, Clock.systemUTC(), "cscsign",
                BoundedExchange.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * @param session the DPoP session, null for none
     * @return these settings with it
     */
    public OAuth2ClientSettings withDpop(DpopSession session) {
        return new OAuth2ClientSettings(http, clientId, authentication, session, clock, userAgent, maxResponseBytes);
    }

    /**
     * @param c the clock
     * @return these settings with it
     * @throws IllegalArgumentException when it is null
     */
    public OAuth2ClientSettings withClock(Clock c) {
        return new OAuth2ClientSettings(http, clientId, authentication, dpop, c, userAgent, maxResponseBytes);
    }

    /**
     * @param agent the User-Agent
     * @return these settings with it
     * @throws IllegalArgumentException when it is blank
     */
    public OAuth2ClientSettings withUserAgent(String agent) {
        return new OAuth2ClientSettings(http, clientId, authentication, dpop, clock, agent, maxResponseBytes);
    }

    /**
     * @param bytes the most bytes an answer may have
     * @return these settings with it
     * @throws IllegalArgumentException when it is not positive
     */
    public OAuth2ClientSettings withMaxResponseBytes(long bytes) {
        return new OAuth2ClientSettings(http, clientId, authentication, dpop, clock, userAgent, bytes);
    }

    /**
     * @param client another HTTP client (e.g. with a shorter deadline)
     * @return these settings with it
     * @throws IllegalArgumentException when it is null
     */
    public OAuth2ClientSettings withHttp(OkHttpClient client) {
        return new OAuth2ClientSettings(client, clientId, authentication, dpop, clock, userAgent, maxResponseBytes);
    }

    /** @return whether the client authenticates (a confidential client) */
    boolean confidential() {
        return authentication != null;
    }

    @Override
    public String toString() {
        return "OAuth2ClientSettings[clientId=" + clientId + ", " + Objects.requireNonNullElse(authentication, "public client")
                + (dpop != null ? ", DPoP" : "") + "]";
    }
}
