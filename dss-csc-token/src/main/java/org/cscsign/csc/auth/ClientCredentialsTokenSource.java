package org.cscsign.csc.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.internal.BoundedExchange;
import org.cscsign.csc.internal.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * OAuth2 {@code client_credentials} grant (RFC 6749 section 4.4) at the service's token endpoint,
 * with {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt} client
 * authentication and optional DPoP (RFC 9449, including the {@code use_dpop_nonce} challenge).
 * The token is cached and reused until shortly before it expires. Thread-safe.
 */
public final class ClientCredentialsTokenSource implements AccessTokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsTokenSource.class);
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
    private final long maxResponseBytes;
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

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
        URI url = tokenUrl.get();
        boolean nonceRetried = false;
        while (true) {
            BoundedExchange.Result response = BoundedExchange.execute(http, request(url), METHOD, maxResponseBytes);
            String text = response.body();
            boolean newNonce = dpop != null && dpop.rememberNonce(url, response.response().header("DPoP-Nonce"));
            LOG.debug("OAuth2 token request ({}) -> HTTP {}", authentication, response.status());
            if (!response.successful()) {
                CscException e = Errors.fromResponse(METHOD, response.status(), text);
                if (dpop != null && !nonceRetried && response.status() == 400
                        && "use_dpop_nonce".equals(e.error().orElse(null)) && (newNonce || dpop.nonce(url).isPresent())) {
                    nonceRetried = true;
                    continue;
                }
                throw e;
            }
            return parse(text);
        }
    }

    private Request request(URI url) {
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8).add("grant_type", "client_credentials");
        if (scope != null) {
            form.add("scope", scope);
        }
        Request.Builder rb = new Request.Builder().url(url.toString()).header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (authentication instanceof ClientAuthentication.SecretBasic basic) {
            rb.header("Authorization", Credentials.basic(clientId, basic.secret(), StandardCharsets.UTF_8));
        } else if (authentication instanceof ClientAuthentication.SecretPost post) {
            form.add("client_id", clientId).add("client_secret", post.secret());
        } else if (authentication instanceof ClientAuthentication.PrivateKeyJwt jwt) {
            form.add("client_id", clientId)
                    .add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .add("client_assertion", assertion(jwt, url));
        }
        if (dpop != null) {
            rb.header("DPoP", dpop.proof("POST", url, null));
        }
        return rb.post(form.build()).build();
    }

    private String assertion(ClientAuthentication.PrivateKeyJwt jwt, URI url) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(url.toString())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60))).build();
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JwsKeys.algorithm(jwt.keys())).build(), claims);
        try {
            signed.sign(JwsKeys.signer(jwt.keys()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the client assertion: " + e.getMessage(), e);
        }
        return signed.serialize();
    }

    private AccessToken parse(String text) {
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (IOException e) {
            throw malformed("body", "is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw malformed("body", "is not a JSON object");
        }
        JsonNode token = n.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw malformed("access_token", token == null ? "is missing" : "must be a non-empty string");
        }
        JsonNode type = n.get("token_type");
        if (type != null && !type.isTextual()) {
            throw malformed("token_type", "must be a string");
        }
        JsonNode expires = n.get("expires_in");
        if (expires != null && !expires.isNull() && !expires.canConvertToLong()) {
            throw malformed("expires_in", "must be a number");
        }
        Instant expiresAt = expires == null || expires.isNull() ? Instant.MAX : clock.instant().plusSeconds(expires.asLong());
        JsonNode sc = n.get("scope");
        return new AccessToken(token.asText(), type == null ? "Bearer" : type.asText(), expiresAt,
                sc != null && sc.isTextual() ? sc.asText() : null);
    }

    private static CscResponseException malformed(String field, String problem) {
        return new CscResponseException(METHOD, 200, null, null,
                "malformed " + METHOD + " response: field '" + field + "' " + problem, null);
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
        private long maxResponseBytes = BoundedExchange.DEFAULT_MAX_RESPONSE_BYTES;

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
