package org.cscsign.csc.auth;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * OAuth2 {@code client_credentials} grant (RFC 6749 section 4.4) at the service's token endpoint,
 * with {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt} client
 * authentication and optional DPoP (RFC 9449, including the {@code use_dpop_nonce} challenge).
 * The token is cached and reused until shortly before it expires. Thread-safe.
 */
public final class ClientCredentialsTokenSource implements AccessTokenSource {

    private static final String METHOD = "oauth2/token";
    private static final Duration MAX_SKEW = Duration.ofSeconds(30);

    private final OkHttpClient http;
    private final Supplier<URI> tokenUrl;
    private final String clientId;
    private final ClientAuthentication authentication;
    private final String scope;
    private final DpopSession dpop;
    private final Clock clock;
    private final String userAgent;
    private final OAuth2Client oauth2;
    private final long maxResponseBytes;

    private AccessToken cached;
    private Instant refreshAt = Instant.MIN;
    private int fetched;

    private ClientCredentialsTokenSource(Builder b) {
        this.http = b.http;
        this.tokenUrl = b.tokenUrl;
        this.clientId = b.clientId;
        this.authentication = b.authentication;
        this.scope = b.scope;
        this.dpop = b.dpop;
        this.clock = b.clock;
        this.userAgent = b.userAgent;
        this.maxResponseBytes = b.maxResponseBytes;
        this.oauth2 = new OAuth2Client(http, clientId, authentication, dpop, clock, userAgent, maxResponseBytes);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized AccessToken token() {
        if (cached != null && clock.instant().isBefore(refreshAt)) {
            return cached;
        }
        cached = fetch();
        Instant now = clock.instant();
        Duration life = cached.expiresAt().equals(Instant.MAX) ? Duration.ofDays(1) : Duration.between(now, cached.expiresAt());
        Duration skew = life.dividedBy(10).compareTo(MAX_SKEW) < 0 ? life.dividedBy(10) : MAX_SKEW;
        refreshAt = cached.expiresAt().equals(Instant.MAX) ? Instant.MAX : cached.expiresAt().minus(skew);
        fetched++;
        return cached;
    }

    @Override
    public synchronized boolean invalidate(AccessToken rejected) {
        if (cached != null && cached.value().equals(rejected.value())) {
            cached = null;
        }
        return true;
    }

    /** @return how many tokens this source has fetched (for diagnostics and tests) */
    public synchronized int tokensFetched() {
        return fetched;
    }

    private AccessToken fetch() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        URI url = tokenUrl.get();
        JsonNode n = oauth2.post(METHOD, url, form, true, url);
        return OAuth2Client.accessToken(METHOD, n, clock.instant());
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokenSource[clientId=" + clientId + ", " + authentication + ", scope=" + scope
                + (dpop != null ? ", DPoP" : "") + "]";
    }

    /** Builds a {@link ClientCredentialsTokenSource}; {@link #build()} names a missing field. */
    public static final class Builder {
        private OkHttpClient http;
        private Supplier<URI> tokenUrl;
        private String clientId;
        private ClientAuthentication authentication;
        private String scope;
        private DpopSession dpop;
        private Clock clock = Clock.systemUTC();
        private String userAgent = "cscsign";
        private long maxResponseBytes = org.cscsign.csc.internal.BoundedExchange.DEFAULT_MAX_RESPONSE_BYTES;

        private Builder() {
        }

        /**
         * @param http the HTTP client (shared)
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = http;
            return this;
        }

        /**
         * @param url the token endpoint
         * @return this
         */
        public Builder tokenUrl(URI url) {
            Objects.requireNonNull(url, "tokenUrl");
            this.tokenUrl = () -> url;
            return this;
        }

        /**
         * @param url the token endpoint, resolved at the first request (e.g. from {@code info})
         * @return this
         */
        public Builder tokenUrl(Supplier<URI> url) {
            this.tokenUrl = url;
            return this;
        }

        /**
         * @param clientId the OAuth2 client id
         * @return this
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * @param authentication how the client authenticates
         * @return this
         */
        public Builder authentication(ClientAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        /**
         * @param scope the scope, e.g. {@code service} or {@code esign/b2b}; null to send none
         * @return this
         */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @param dpop the DPoP session, null for plain bearer tokens
         * @return this
         */
        public Builder dpop(DpopSession dpop) {
            this.dpop = dpop;
            return this;
        }

        /**
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param userAgent the User-Agent
         * @return this
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * @param bytes the most bytes the token response may have (default 16 MiB)
         * @return this
         */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * @return the source
         * @throws IllegalArgumentException naming a missing field
         */
        public ClientCredentialsTokenSource build() {
            require(http, "httpClient");
            require(tokenUrl, "tokenUrl");
            require(clientId, "clientId");
            require(authentication, "authentication");
            require(clock, "clock");
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank");
            }
            return new ClientCredentialsTokenSource(this);
        }

        private static void require(Object value, String field) {
            if (value == null) {
                throw new IllegalArgumentException(field + " is required");
            }
        }
    }
}
