package org.cscsign.csc;

import okhttp3.OkHttpClient;
import org.cscsign.csc.auth.AccessTokenSource;
import org.cscsign.csc.auth.AuthorizationCodeSettings;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.DpopKey;
import org.cscsign.csc.auth.LoopbackInteraction;
import org.cscsign.csc.auth.OAuth2Endpoints;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable configuration of a {@link CscClient}: where the service is, which API version, how the
 * client authenticates (a token source, a fixed token, OAuth2 {@code client_credentials}, CSC v1
 * {@code auth/login} with HTTP Basic, or nothing at all for services that need no login: then no
 * {@code Authorization} header is sent), DPoP, timeouts, retries, and how asynchronous operations
 * are awaited, and the deadline and size cap of every call. Build with {@link #builder()}; {@link Builder#build()} names the
 * field that is wrong. {@link #toString()} never shows secrets.
 */
public final class CscClientConfig {

    /**
     * How often and how long the client retries HTTP 429/503 and refused connections.
     *
     * @param maxAttempts attempts in all, at least 1 (1 = no retry)
     * @param maxTotalWait the most time spent waiting between attempts
     */
    public record RetryPolicy(int maxAttempts, Duration maxTotalWait) {
        /** 3 attempts, at most 30 s of waiting. */
        public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(30));
        /** No retry. */
        public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO);

        /** Checks the bounds. */
        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("retryPolicy.maxAttempts must be at least 1");
            }
            Objects.requireNonNull(maxTotalWait, "retryPolicy.maxTotalWait");
            if (maxTotalWait.isNegative()) {
                throw new IllegalArgumentException("retryPolicy.maxTotalWait must not be negative");
            }
        }
    }

    private final URI baseUrl;
    private final CscApiVersion apiVersion;
    private final CscProfile profile;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final long maxResponseBytes;
    private final String userAgent;
    private final OkHttpClient httpClient;
    private final Clock clock;
    private final AccessTokenSource accessTokenSource;
    private final String accessToken;
    private final URI tokenUrl;
    private final String clientId;
    private final ClientAuthentication clientAuthentication;
    private final String username;
    private final char[] password;
    private final boolean asynchronousSigning;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final Duration maxPollWait;
    private final String scope;
    private final boolean dpop;
    private final DpopKey dpopKey;
    private final RetryPolicy retryPolicy;
    private final String clientData;
    private final boolean returnValidationInfo;
    private final String lang;
    private final OAuth2Endpoints oauth2Endpoints;
    private final AuthorizationCodeSettings authorizationCode;
    private final LoopbackInteraction serviceLogin;

    private CscClientConfig(Builder b, URI baseUrl, CscApiVersion version) {
        this.baseUrl = baseUrl;
        this.apiVersion = version;
        this.profile = b.profile;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.callTimeout = b.callTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.userAgent = b.userAgent;
        this.httpClient = b.httpClient;
        this.clock = b.clock;
        this.accessTokenSource = b.accessTokenSource;
        this.accessToken = b.accessToken;
        this.tokenUrl = b.tokenUrl;
        this.clientId = b.clientId;
        this.clientAuthentication = b.clientAuthentication;
        this.username = b.username;
        this.password = b.password == null ? null : b.password.clone();
        this.asynchronousSigning = b.asynchronousSigning;
        this.sleeper = b.sleeper;
        this.pollInterval = b.pollInterval;
        this.maxPollWait = b.maxPollWait;
        this.scope = b.scope;
        this.dpop = b.dpop || b.dpopKey != null;
        this.dpopKey = b.dpopKey;
        this.retryPolicy = b.retryPolicy;
        this.clientData = b.clientData;
        this.returnValidationInfo = b.returnValidationInfo;
        this.lang = b.lang;
        this.oauth2Endpoints = b.oauth2Endpoints;
        this.authorizationCode = b.authorizationCode;
        this.serviceLogin = b.serviceLogin;
    }

    /** @return a new builder (profile STANDARD) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the CSC base URL, ending before the method name, without trailing slash */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the API version (explicit, or inferred from a {@code /v1} base URL) */
    public CscApiVersion apiVersion() {
        return apiVersion;
    }

    /** @return the profile the builder was preset with */
    public CscProfile profile() {
        return profile;
    }

    /** @return the connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the read timeout */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * @return the overall deadline of one call (connect, send, wait, read the whole body, and any retry
     *         waits): exceeding it is a {@link CscTimeoutException}
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** @return the most bytes a response body may have: more is a {@link CscResponseTooLargeException} */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** @return the User-Agent header value */
    public String userAgent() {
        return userAgent;
    }

    /** @return the injected shared HTTP client (never closed by the client) */
    public Optional<OkHttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return a custom token source */
    public Optional<AccessTokenSource> accessTokenSource() {
        return Optional.ofNullable(accessTokenSource);
    }

    /** @return a fixed access token (secret) */
    public Optional<String> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    /** @return the OAuth2 token endpoint; when absent it is derived from {@code info.oauth2} */
    public Optional<URI> tokenUrl() {
        return Optional.ofNullable(tokenUrl);
    }

    /** @return the OAuth2 client id for {@code client_credentials} */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /** @return the OAuth2 client authentication */
    public Optional<ClientAuthentication> clientAuthentication() {
        return Optional.ofNullable(clientAuthentication);
    }

    /** @return the user name for CSC v1 {@code auth/login} (HTTP Basic), if configured */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** @return a copy of the {@code auth/login} password (secret), if configured */
    public Optional<char[]> password() {
        return Optional.ofNullable(password).map(char[]::clone);
    }

    /**
     * @return whether nothing authenticates the client: no token source, token, client id or login (the
     *     service needs no login, e.g. {@code authType} external); calls then carry no {@code Authorization}
     */
    public boolean unauthenticated() {
        return accessTokenSource == null && accessToken == null && clientId == null && username == null;
    }

    /** @return whether signHash asks for {@code operationMode} A (CSC v2) and polls {@code signatures/signPolling} */
    public boolean asynchronousSigning() {
        return asynchronousSigning;
    }

    /** @return how the client waits between retries and between polls of an asynchronous operation */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** @return the wait between two polls */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return the most time spent polling one asynchronous operation before giving up */
    public Duration maxPollWait() {
        return maxPollWait;
    }

    /** @return the OAuth2 scope asked for, may be absent */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /** @return whether DPoP is used */
    public boolean dpop() {
        return dpop;
    }

    /** @return the DPoP key; when DPoP is on and this is absent the client generates an EC P-256 key */
    public Optional<DpopKey> dpopKey() {
        return Optional.ofNullable(dpopKey);
    }

    /** @return the retry policy */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** @return the {@code clientData} passed through on every call that takes it */
    public Optional<String> clientData() {
        return Optional.ofNullable(clientData);
    }

    /** @return whether signHash asks for {@code returnValidationInfo} */
    public boolean returnValidationInfo() {
        return returnValidationInfo;
    }

    /** @return the {@code lang} for {@code info}, may be absent */
    public Optional<String> lang() {
        return Optional.ofNullable(lang);
    }

    /** @return OAuth2 endpoints given explicitly; when absent they are discovered from {@code info} */
    public Optional<OAuth2Endpoints> oauth2Endpoints() {
        return Optional.ofNullable(oauth2Endpoints);
    }

    /** @return how the authorization-code flow runs (PAR, RAR, account_token) */
    public AuthorizationCodeSettings authorizationCode() {
        return authorizationCode;
    }

    /**
     * @return when present, the service token (scope {@code service}) comes from the authorization-code
     *         flow through this interaction instead of {@code client_credentials}
     */
    public Optional<LoopbackInteraction> serviceLogin() {
        return Optional.ofNullable(serviceLogin);
    }

    @Override
    public String toString() {
        String auth = serviceLogin != null ? "authorization_code(" + clientId + ")" : accessTokenSource != null ? accessTokenSource.toString()
                : accessToken != null ? "fixed token" : clientId != null ? "client_credentials(" + clientId + ", "
                + clientAuthentication + ")" : username != null ? "auth/login(" + username + ")" : "none";
        return "CscClientConfig[" + baseUrl + ", " + apiVersion + ", " + profile + ", auth=" + auth + ", scope=" + scope
                + ", dpop=" + dpop + "]";
    }

    /** Builds a {@link CscClientConfig}. */
    public static final class Builder {
        private String baseUrl;
        private CscApiVersion apiVersion;
        private CscProfile profile = CscProfile.STANDARD;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofSeconds(120);
        private long maxResponseBytes = org.cscsign.csc.internal.BoundedExchange.DEFAULT_MAX_RESPONSE_BYTES;
        private String userAgent = "cscsign/0.1";
        private OkHttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private AccessTokenSource accessTokenSource;
        private String accessToken;
        private URI tokenUrl;
        private String clientId;
        private ClientAuthentication clientAuthentication;
        private String username;
        private char[] password;
        private boolean asynchronousSigning;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration maxPollWait = Duration.ofMinutes(2);
        private String scope = "service";
        private boolean dpop;
        private DpopKey dpopKey;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private String clientData;
        private boolean returnValidationInfo = true; // the OCSP it returns is what makes LT signatures need no leaf OCSP call
        private String lang;
        private OAuth2Endpoints oauth2Endpoints;
        private AuthorizationCodeSettings authorizationCode = AuthorizationCodeSettings.DEFAULT;
        private LoopbackInteraction serviceLogin;

        private Builder() {
        }

        /**
         * Applies a profile's presets (scope, DPoP, validation info); call it first, then override.
         *
         * @param profile the profile
         * @return this
         */
        public Builder profile(CscProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            profile.applyTo(this);
            return this;
        }

        /**
         * @param baseUrl the CSC base URL, e.g. {@code https://host/csc/v2}
         * @return this
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * @param baseUrl the CSC base URL
         * @return this
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl == null ? null : baseUrl.toString();
            return this;
        }

        /**
         * @param apiVersion the API version, overriding what the base URL suggests
         * @return this
         */
        public Builder apiVersion(CscApiVersion apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /**
         * @param timeout the connect timeout
         * @return this
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param timeout the read timeout
         * @return this
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * @param timeout the overall deadline of one call, retry waits included (default 120 s)
         * @return this
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /**
         * @param bytes the most bytes a response body may have (default 16 MiB)
         * @return this
         */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
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
         * @param httpClient a shared client the CSC client derives its own from (and never closes)
         * @return this
         */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /**
         * @param clock the clock (token and SAD expiry, DPoP {@code iat})
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param source a custom token source
         * @return this
         */
        public Builder accessTokenSource(AccessTokenSource source) {
            this.accessTokenSource = source;
            return this;
        }

        /**
         * @param token a fixed bearer token obtained elsewhere
         * @return this
         */
        public Builder accessToken(String token) {
            this.accessToken = token;
            return this;
        }

        /**
         * @param tokenUrl the OAuth2 token endpoint (default: {@code info.oauth2} + {@code /oauth2/token})
         * @return this
         */
        public Builder tokenUrl(URI tokenUrl) {
            this.tokenUrl = tokenUrl;
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
         * @param authentication the client authentication at the token endpoint
         * @return this
         */
        public Builder clientAuthentication(ClientAuthentication authentication) {
            this.clientAuthentication = authentication;
            return this;
        }

        /**
         * OAuth2 {@code client_credentials} in one call.
         *
         * @param clientId the client id
         * @param authentication the client authentication
         * @return this
         */
        public Builder clientCredentials(String clientId, ClientAuthentication authentication) {
            return clientId(clientId).clientAuthentication(authentication);
        }

        /**
         * CSC v1 {@code auth/login} with HTTP Basic (for services whose {@code info.authType} offers
         * {@code basic}); the token is revoked ({@code auth/revoke}) when the client is closed.
         *
         * @param username the user name
         * @param password the password (copied; secret)
         * @return this
         */
        public Builder basicLogin(String username, char[] password) {
            this.username = username;
            this.password = password == null ? null : password.clone();
            return this;
        }

        /**
         * @param on ask signHash for {@code operationMode} A and collect the signatures with
         *           {@code signatures/signPolling}, where {@code info.asynchronousOperationMode} says the service
         *           has it (CSC v2; ignored on v1); default false
         * @return this
         */
        public Builder asynchronousSigning(boolean on) {
            this.asynchronousSigning = on;
            return this;
        }

        /**
         * @param sleeper how to wait between retries and between polls (tests inject one that does not sleep)
         * @return this
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /**
         * @param interval the wait between polls of an asynchronous operation (default 1 s)
         * @param maxWait the most time spent polling one operation (default 2 min)
         * @return this
         */
        public Builder polling(Duration interval, Duration maxWait) {
            this.pollInterval = interval;
            this.maxPollWait = maxWait;
            return this;
        }

        /**
         * @param scope the scope to ask for, null for none
         * @return this
         */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @param on whether to use DPoP (a P-256 key is generated unless one is given)
         * @return this
         */
        public Builder dpop(boolean on) {
            this.dpop = on;
            return this;
        }

        /**
         * @param key the DPoP key (turns DPoP on)
         * @return this
         */
        public Builder dpopKey(DpopKey key) {
            this.dpopKey = key;
            return this;
        }

        /**
         * @param policy the retry policy
         * @return this
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /**
         * @param clientData the {@code clientData} string passed through, e.g. JSON
         * @return this
         */
        public Builder clientData(String clientData) {
            this.clientData = clientData;
            return this;
        }

        /**
         * @param on whether signHash asks for {@code returnValidationInfo} (CSC v2; default true: the OCSP
         *           response it returns lets an LT signature skip the leaf's OCSP request)
         * @return this
         */
        public Builder returnValidationInfo(boolean on) {
            this.returnValidationInfo = on;
            return this;
        }

        /**
         * @param lang the language for {@code info}
         * @return this
         */
        public Builder lang(String lang) {
            this.lang = lang;
            return this;
        }

        /**
         * @param endpoints the OAuth2 endpoints (default: discovered from {@code info.oauth2Issuer} metadata or
         *                  the {@code info.oauth2} base)
         * @return this
         */
        public Builder oauth2Endpoints(OAuth2Endpoints endpoints) {
            this.oauth2Endpoints = endpoints;
            return this;
        }

        /**
         * @param settings how the authorization-code flow runs: PAR mode, RAR, account_token
         * @return this
         */
        public Builder authorizationCode(AuthorizationCodeSettings settings) {
            this.authorizationCode = settings;
            return this;
        }

        /**
         * Takes the service token (scope {@code service}) from the authorization-code flow, the user approving
         * in the browser, instead of {@code client_credentials}. Needs {@link #clientId} and
         * {@link #clientAuthentication}.
         *
         * @param interaction how the user is taken through the browser
         * @return this
         */
        public Builder serviceLogin(LoopbackInteraction interaction) {
            this.serviceLogin = interaction;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the field that is missing or wrong
         */
        public CscClientConfig build() {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("baseUrl is required");
            }
            String trimmed = baseUrl.trim();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl is not a URI: " + e.getMessage(), e);
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + trimmed);
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment");
            }
            CscApiVersion version = apiVersion != null ? apiVersion
                    : uri.getPath() != null && uri.getPath().matches(".*/v1") ? CscApiVersion.V1 : CscApiVersion.V2;
            positive(connectTimeout, "connectTimeout");
            positive(readTimeout, "readTimeout");
            positive(callTimeout, "callTimeout");
            if (maxResponseBytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive");
            }
            Objects.requireNonNull(clock, "clock");
            if (retryPolicy == null) {
                throw new IllegalArgumentException("retryPolicy is required");
            }
            if (userAgent == null || userAgent.isBlank()) {
                throw new IllegalArgumentException("userAgent must not be blank");
            }
            int ways = (accessTokenSource != null ? 1 : 0) + (accessToken != null ? 1 : 0) + (clientId != null ? 1 : 0)
                    + (username != null ? 1 : 0);
            if (ways > 1) {
                throw new IllegalArgumentException(
                        "authentication: give only one of accessTokenSource, accessToken, clientId, basicLogin");
            }
            if (username != null && (username.isBlank() || password == null)) {
                throw new IllegalArgumentException("basicLogin needs a user name and a password");
            }
            Objects.requireNonNull(sleeper, "sleeper");
            positive(pollInterval, "pollInterval");
            positive(maxPollWait, "maxPollWait");
            if (clientId != null && clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank");
            }
            if (clientId != null && clientAuthentication == null) {
                throw new IllegalArgumentException("clientAuthentication is required with clientId");
            }
            if (clientId == null && clientAuthentication != null) {
                throw new IllegalArgumentException("clientId is required with clientAuthentication");
            }
            if (accessToken != null && accessToken.isBlank()) {
                throw new IllegalArgumentException("accessToken must not be blank");
            }
            if (authorizationCode == null) {
                throw new IllegalArgumentException("authorizationCode settings must not be null");
            }
            if (serviceLogin != null && clientId == null) {
                throw new IllegalArgumentException("serviceLogin needs clientId and clientAuthentication");
            }
            if (tokenUrl != null && (tokenUrl.getScheme() == null || tokenUrl.getHost() == null)) {
                throw new IllegalArgumentException("tokenUrl must be an absolute URL");
            }
            return new CscClientConfig(this, uri, version);
        }

        /**
         * @return a client with this configuration
         * @throws IllegalArgumentException naming the field that is missing or wrong
         */
        public CscClient buildClient() {
            return CscClient.create(build());
        }

        private static void positive(Duration d, String field) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(field + " must be positive");
            }
        }
    }
}
