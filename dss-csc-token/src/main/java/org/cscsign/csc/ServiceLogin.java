package org.cscsign.csc;

import okhttp3.OkHttpClient;

import java.util.Objects;

/**
 * How a {@link CscClient} presents itself to the service: given the client, it opens the
 * {@link AccessTokenSource} whose tokens (and, with DPoP, proofs) go on every authenticated CSC call.
 * The ways cscsign knows (OAuth2 {@code client_credentials}, the authorization-code flow, CSC v1
 * {@code auth/login}, a fixed token) are made by {@code org.cscsign.csc.auth.Login}; a caller may
 * implement it too. Without a login the client sends no {@code Authorization} header at all.
 */
@FunctionalInterface
public interface ServiceLogin {

    /**
     * Called once, at the end of the client's construction: it must not call the service yet (the token
     * endpoint may only be known from {@code info}, which the client reads when a token is asked for).
     *
     * @param context the client and its HTTP client for token requests
     * @return the token source of this client, closed with the client
     */
    AccessTokenSource open(Context context);

    /**
     * What a login may use: the client (its configuration, {@link CscClient#info()} and
     * {@link CscClient#oauth2Endpoints()}, called lazily) and the HTTP client for the authorization server.
     */
    final class Context {
        private final CscClient client;
        private final OkHttpClient http;

        Context(CscClient client, OkHttpClient http) {
            this.client = Objects.requireNonNull(client, "client");
            this.http = Objects.requireNonNull(http, "http");
        }

        /** @return the client being created (call its remote methods only when a token is asked for) */
        public CscClient client() {
            return client;
        }

        /** @return the client's configuration */
        public CscClientConfig config() {
            return client.config();
        }

        /**
         * @return the client's HTTP client without CSC authentication and retries, with the configured
         *     timeouts and the overall deadline: for requests to the authorization server
         */
        public OkHttpClient http() {
            return http;
        }
    }
}
