package org.cscsign.csc;

import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable configuration of a {@link CscClient}: where the service is, which API version, how the
 * client logs in (a {@link ServiceLogin}, e.g. OAuth2 {@code client_credentials} from
 * {@code org.cscsign.csc.auth.Login}, or none at all for services that need no login: then no
 * {@code Authorization} header is sent), where the OAuth2 server is, the scope asked for and whether
 * DPoP is used, timeouts, retries, how asynchronous operations are awaited, and the deadline and size
 * cap of every call. Build with {@link #builder()}; {@link Builder#build()} names the
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

        /**
         * Checks the bounds.
         *
         * @param maxAttempts attempts in all, at least 1 (1 = no retry)
         * @param maxTotalWait the most time spent waiting between attempts
         */
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
    private final ServiceLogin login;
    private final URI tokenUrl;
    private final boolean asynchronousSigning;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final Duration maxPollWait;
    private final String scope;
    private final boolean dpop;
    private final RetryPolicy retryPolicy;
    private final String clientData;
    private final boolean returnValidationInfo;
    private final String lang;
    private final OAuth2Endpoints oauth2Endpoints;

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
        this.login = b.login;
        this.tokenUrl = b.tokenUrl;
        this.asynchronousSigning = b.asynchronousSigning;
        this.sleeper = b.sleeper;
        this.pollInterval = b.pollInterval;
        this.maxPollWait = b.maxPollWait;
        this.scope = b.scope;
        this.dpop = b.dpop;
        this.retryPolicy = b.retryPolicy;
        this.clientData = b.clientData;
        this.returnValidationInfo = b.returnValidationInfo;
        this.lang = b.lang;
        this.oauth2Endpoints = b.oauth2Endpoints;
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

    /** @return the OAuth2 token endpoint; when absent it is derived from {@code info.oauth2} */
    public Optional<URI> tokenUrl() {
        return Optional.ofNullable(tokenUrl);
    }

    /** @return how the client logs in; empty when it sends no {@code Authorization} header */
    public Optional<ServiceLogin> login() {
        return Optional.ofNullable(login);
    }

    /**
     * @return whether nothing authenticates the client: no {@link #login()} (the service needs no login,
     *     e.g. {@code authType} external); calls then carry no {@code Authorization}
     */
    public boolean unauthenticated() {
        return login == null;
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

    /** @return whether DPoP is used (the login generates a key unless it was given one) */
    public boolean dpop() {
        return dpop;
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

    @Override
    public String toString() {
        String auth = login == null ? "none" : login.toString();
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
        private ServiceLogin login;
        private URI tokenUrl;
        private boolean asynchronousSigning;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration maxPollWait = Duration.ofMinutes(2);
        private String scope = "service";
        private boolean dpop;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private String clientData;
        private boolean returnValidationInfo = true; // the OCSP it returns is what makes LT signatures need no leaf OCSP call
        private String lang;
        private OAuth2Endpoints oauth2Endpoints;

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
         * How the client logs in, e.g. {@code Login.clientCredentials(id, ClientAuthentication.clientSecretBasic(secret))}
         * from {@code org.cscsign.csc.auth}; none (the default) for a service that needs no login.
         *
         * @param login the login, null for none
         * @return this
         */
        public Builder login(ServiceLogin login) {
            this.login = login;
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
         * @param on whether to use DPoP (the login generates a P-256 key unless it was given one)
         * @return this
         */
        public Builder dpop(boolean on) {
            this.dpop = on;
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
            Objects.requireNonNull(sleeper, "sleeper");
            positive(pollInterval, "pollInterval");
            positive(maxPollWait, "maxPollWait");
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
