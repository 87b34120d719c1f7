package org.cscsign.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cscsign.sandbox.pki.SandboxCredential;
import org.cscsign.sandbox.pki.TestPki;

/**
 * A local CSC signing service (the "sandbox"): CSC v2 and v1 API, an OAuth2 authorization server
 * (client_credentials, the authorization-code flow with PKCE, PAR, RAR and a consent page, refresh and
 * revocation; secret or private_key_jwt client authentication, optional DPoP), OCSP, CRLs and an RFC
 * 3161 TSA, all backed by a real test PKI ({@link TestPki}) and served over HTTP on 127.0.0.1 only.
 *
 * <p>It is strict on purpose: a request a real service (BankID B2B, primesign, the CSC specification)
 * would refuse is refused here too, with a CSC error body ({@code error}, {@code error_description}).
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().profile(Profile.BANKID).build().start()) {
 *     URI csc = sandbox.cscUrl();
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    private static final String CLIENT_ID = "cscsign-sandbox-client";
    private static final String PIN = "123456";

    private final Profile profile;
    private final int port;
    private final int scal;
    private final int multisign;
    private final Duration latency;
    private final Path configuredStateDir;
    private final Clock clock;
    private final boolean dpopNonceRequired;
    private final Duration tokenLifetime;
    private final ParPolicy parPolicy;
    private final boolean unsignedAccountTokens;
    private final boolean dpopRequired;
    private final java.util.Set<String> redirectUris;
    private final Stats stats = new Stats();
    private final Faults faults;
    private final ServiceQuirks quirks;

    private volatile Running running;

    private record Running(SandboxServer server, TestPki pki, URI baseUrl, ClientKeys client, CscApi csc,
            OAuthServer oauth, OAuthEndpoints endpoints, Path stateDir, boolean ownsStateDir) {
    }

    private Sandbox(Builder b) {
        this.profile = b.profile;
        this.port = b.port;
        this.scal = b.scal != null ? b.scal : profile == Profile.PRIMESIGN ? 2 : 1;
        this.multisign = b.multisign;
        this.latency = b.latency;
        this.configuredStateDir = b.stateDir;
        this.clock = b.clock;
        this.dpopNonceRequired = b.dpopNonceRequired != null ? b.dpopNonceRequired : profile == Profile.BANKID;
        this.tokenLifetime = b.tokenLifetime;
        this.parPolicy = b.parPolicy;
        this.unsignedAccountTokens = b.unsignedAccountTokens;
        this.dpopRequired = b.dpopRequired;
        this.redirectUris = java.util.Set.copyOf(b.redirectUris);
        this.quirks = b.quirks;
        this.faults = new Faults(id -> pki().revoke(id));
    }

    /**
     * A builder with the defaults: free port, profile STANDARD, SCAL 1, multisign 50, no latency,
     * fresh temp state dir, system UTC clock, 5-minute tokens.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the PKI (generating keys unless the state dir holds them), binds 127.0.0.1 and serves.
     *
     * @return this sandbox
     * @throws IllegalStateException if it is already started or the state dir cannot be used
     */
    public synchronized Sandbox start() {
        if (running != null) {
            throw new IllegalStateException("The sandbox is already started");
        }
        boolean owns = configuredStateDir == null;
        Path stateDir;
        try {
            stateDir = owns ? Files.createTempDirectory("csc-sandbox-") : configuredStateDir.toAbsolutePath();
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the state dir", e);
        }
        SandboxServer server = new SandboxServer(port);
        int actualPort;
        try {
            actualPort = server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot bind 127.0.0.1:" + port, e);
        }
        try {
            URI baseUrl = URI.create("http://127.0.0.1:" + actualPort);
            TestPki pki = TestPki.open(stateDir, baseUrl, clock);
            ClientKeys client = ClientKeys.openOrCreate(stateDir);
            OAuthEndpoints endpoints = OAuthEndpoints.of(profile, baseUrl);
            Dpop dpop = new Dpop(clock, dpopNonceRequired);
            OAuthServer oauth = new OAuthServer(profile, clock, tokenLifetime, CLIENT_ID, client.clientSecret,
                    client.ecPublic, client.rsaPublic, baseUrl, endpoints, dpop, dpopRequired, scal, multisign,
                    pki::credential, stats);
            CscApi csc = new CscApi(profile, scal, multisign, PIN, baseUrl.toString(), clock, pki, faults, quirks,
                    new BasicLogin(client.clientSecret, clock, tokenLifetime), endpoints.issuer().toString(), oauth::lookup,
                    stats);
            AuthorizationServer authz = endpoints.authorizePath() == null ? null
                    : new AuthorizationServer(endpoints, oauth, parPolicy, clock, CLIENT_ID, redirectUris, PIN, scal,
                            multisign, pki::credential,
                            new AccountTokens(clock, CLIENT_ID, client.clientSecret, unsignedAccountTokens), stats);
            server.ready(new SandboxServer.Services(pki, csc, oauth, authz, stats, profile, latency));
            running = new Running(server, pki, baseUrl, client, csc, oauth, endpoints, stateDir, owns);
            return this;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** Stops the server; a temp state dir it created is deleted. Idempotent. */
    @Override
    public synchronized void close() {
        Running r = running;
        if (r == null) {
            return;
        }
        running = null;
        r.server().stop();
        if (r.ownsStateDir()) {
            deleteRecursively(r.stateDir());
        }
    }

    /**
     * Copies the key material of a state dir (the PKI keys and root, and the OAuth2 client) to another,
     * so that tests can start many sandboxes without generating keys again
     * ({@link TestPki#copyKeyMaterial(Path, Path)} plus the client files).
     *
     * @param fromStateDir a state dir a sandbox has used
     * @param toStateDir the state dir of the next sandbox
     */
    public static void copyKeyMaterial(Path fromStateDir, Path toStateDir) {
        TestPki.copyKeyMaterial(fromStateDir, toStateDir);
        ClientKeys.copy(fromStateDir, toStateDir);
    }

    /**
     * Deletes a state dir and everything in it, best effort (for test fixtures).
     *
     * @param stateDir the directory
     */
    public static void deleteStateDir(Path stateDir) {
        deleteRecursively(stateDir);
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp dir left behind is harmless
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    private Running running() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("The sandbox is not started");
        }
        return r;
    }

    /** @return the profile it imitates */
    public Profile profile() {
        return profile;
    }

    /** @return the Sole Control Assurance Level of its credentials: 1 (PIN) or 2 (PIN and OTP, hash-bound SAD) */
    public int scal() {
        return scal;
    }

    /** @return the most hashes per signHash call and per SAD ({@code multisign} in credentials/info) */
    public int multisign() {
        return multisign;
    }

    /** @return {@code http://127.0.0.1:PORT}, no trailing slash */
    public URI baseUrl() {
        return running().baseUrl();
    }

    /** @return the CSC v2 base URL that ends before the method name: {@code …/csc/v2} or {@code …/v0/b2b/csc/v2} */
    public URI cscUrl() {
        return URI.create(baseUrl() + (profile == Profile.BANKID ? "/v0/b2b/csc/v2" : "/csc/v2"));
    }

    /**
     * @return the CSC v1 base URL {@code …/csc/v1} (STANDARD and PRIMESIGN)
     * @throws IllegalStateException for the BANKID profile, which has no v1
     */
    public URI cscV1Url() {
        if (profile == Profile.BANKID) {
            throw new IllegalStateException("The BANKID profile serves no CSC v1");
        }
        return URI.create(baseUrl() + "/csc/v1");
    }

    /**
     * @return the OAuth2 token endpoint: {@code …/oauth2/token}, or for PRIMESIGN
     *     {@code …/realms/sandbox/protocol/openid-connect/token}
     */
    public URI tokenUrl() {
        Running r = running();
        return r.endpoints().url(r.endpoints().tokenPath());
    }

    /**
     * @return the OAuth2 issuer identifier: the base URL (STANDARD), {@code …/realms/sandbox} (PRIMESIGN)
     * @throws IllegalStateException for BANKID, which has only a token endpoint
     */
    public URI issuerUrl() {
        return authorizationServer().issuer();
    }

    /**
     * @return the authorization endpoint (GET, serves the consent page): {@code …/oauth2/authorize} or
     *     {@code …/realms/sandbox/protocol/openid-connect/auth}
     * @throws IllegalStateException for BANKID
     */
    public URI authorizeUrl() {
        OAuthEndpoints e = authorizationServer();
        return e.url(e.authorizePath());
    }

    /**
     * @return the pushed authorization request endpoint (RFC 9126)
     * @throws IllegalStateException for BANKID, or when built with {@link ParPolicy#ABSENT}
     */
    public URI parUrl() {
        OAuthEndpoints e = authorizationServer();
        if (parPolicy == ParPolicy.ABSENT) {
            throw new IllegalStateException("This sandbox was built without a PAR endpoint");
        }
        return e.url(e.parPath());
    }

    /**
     * @return the revocation endpoint (RFC 7009)
     * @throws IllegalStateException for BANKID
     */
    public URI revocationUrl() {
        OAuthEndpoints e = authorizationServer();
        return e.url(e.revokePath());
    }

    /**
     * @return where the authorization server metadata is served: RFC 8414 {@code /.well-known/oauth-authorization-server}
     *     (STANDARD), OpenID discovery {@code …/realms/sandbox/.well-known/openid-configuration} (PRIMESIGN, which
     *     also serves the RFC 8414 form)
     * @throws IllegalStateException for BANKID
     */
    public URI metadataUrl() {
        OAuthEndpoints e = authorizationServer();
        return e.url(e.metadataPaths().get(0));
    }

    /** @return whether and how pushed authorization requests are offered */
    public ParPolicy parPolicy() {
        return parPolicy;
    }

    private OAuthEndpoints authorizationServer() {
        OAuthEndpoints e = running().endpoints();
        if (e.authorizePath() == null) {
            throw new IllegalStateException("The " + profile + " profile has no authorization endpoint");
        }
        return e;
    }

    /** @return the RFC 3161 time-stamping endpoint {@code …/tsa} */
    public URI tsaUrl() {
        return URI.create(baseUrl() + "/tsa");
    }

    /** @return the OAuth2 client_id of the registered client */
    public String clientId() {
        return CLIENT_ID;
    }

    /** @return the client secret (client_secret_basic / client_secret_post) */
    public String clientSecret() {
        return running().client().clientSecret;
    }

    /** @return the PIN of every credential (credentials/authorize) */
    public String pin() {
        return PIN;
    }

    /** @return PKCS#8 PEM file of the client's EC P-256 key, registered for private_key_jwt with ES256 */
    public Path clientKeyPem() {
        return running().client().ecKeyPem;
    }

    /** @return PKCS#8 PEM file of the client's RSA 2048 key, registered for private_key_jwt with RS256 */
    public Path clientRsaKeyPem() {
        return running().client().rsaKeyPem;
    }

    /** @return the PEM file of the root CA, the trust anchor for validation */
    public Path trustAnchor() {
        return running().pki().trustAnchorPem();
    }

    /** @return the credential ids, in the order credentials/list gives them */
    public List<String> credentialIds() {
        return running().pki().credentials().stream().map(SandboxCredential::id).toList();
    }

    /** @return the test PKI behind the service */
    public TestPki pki() {
        return running().pki();
    }

    /** @return how this service departs from the default shape (login, implicit credentials, async, ...) */
    public ServiceQuirks quirks() {
        return quirks;
    }

    /** @return the user name for CSC v1 {@code auth/login} (HTTP Basic) when {@link ServiceQuirks#login()} is BASIC */
    public String username() {
        return BasicLogin.USERNAME;
    }

    /** @return the password for {@code auth/login}: the client secret */
    public String password() {
        return clientSecret();
    }

    /** @return the fault switches of signatures/signHash */
    public Faults faults() {
        return faults;
    }

    /** @return the request counters */
    public Stats stats() {
        return stats;
    }

    /**
     * Plays the signer in a browser, for tests without one: opens the authorization request URL a client
     * built, enters the sandbox PIN on the consent page and approves, over real HTTP, as the page's form
     * would. Redirects are not followed.
     *
     * @param authorizationRequest the URL the client would open in the browser (authorization endpoint
     *     with its query, or with {@code client_id} and {@code request_uri} after PAR)
     * @return the redirect the browser would follow: the client's redirect URI with {@code code},
     *     {@code state} and {@code iss}, or with {@code error} when the request was refused
     * @throws IllegalStateException when the server answers with a page rather than a redirect (a
     *     request it cannot redirect to the client), with the page's message
     */
    public URI approveInBrowser(URI authorizationRequest) {
        running();
        return new ConsentRobot().answer(authorizationRequest, PIN, true);
    }

    /**
     * Like {@link #approveInBrowser(URI)} but presses Deny on the consent page.
     *
     * @param authorizationRequest the URL the client would open in the browser
     * @return the redirect the browser would follow, with {@code error=access_denied} and {@code state}
     * @throws IllegalStateException when the server answers with a page rather than a redirect
     */
    public URI denyInBrowser(URI authorizationRequest) {
        running();
        return new ConsentRobot().answer(authorizationRequest, null, false);
    }

    /**
     * The OTP "delivered" by the last {@code credentials/sendOTP} for a credential (a fake SMS inbox).
     *
     * @param credentialId the credential
     * @return the OTP while it is valid, else empty
     */
    public Optional<String> lastOtp(String credentialId) {
        return running().csc().lastOtp(credentialId);
    }

    /** Makes every access token issued so far invalid (for tests of refresh on 401). */
    public void expireAllTokens() {
        running().oauth().expireAll();
    }

    /**
     * What {@code cscsign sandbox} prints: baseUrl, cscUrl, tokenUrl, tsaUrl, clientId, clientSecret, pin,
     * trustAnchor, credentialIDs, then cscUrlV1 (not BANKID), issuer, authorizeUrl, parUrl (unless PAR is
     * absent) and revocationUrl (not BANKID), then profile, clientKey and stateDir.
     *
     * @return the fields in that order
     */
    public Map<String, Object> describe() {
        Running r = running();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseUrl", baseUrl().toString());
        m.put("cscUrl", cscUrl().toString());
        m.put("tokenUrl", tokenUrl().toString());
        m.put("tsaUrl", tsaUrl().toString());
        m.put("clientId", clientId());
        m.put("clientSecret", clientSecret());
        m.put("pin", pin());
        m.put("trustAnchor", trustAnchor().toAbsolutePath().toString());
        m.put("credentialIDs", credentialIds());
        if (profile != Profile.BANKID) {
            m.put("cscUrlV1", cscV1Url().toString());
        }
        if (r.endpoints().authorizePath() != null) {
            m.put("issuer", issuerUrl().toString());
            m.put("authorizeUrl", authorizeUrl().toString());
            if (parPolicy != ParPolicy.ABSENT) {
                m.put("parUrl", parUrl().toString());
            }
            m.put("revocationUrl", revocationUrl().toString());
        }
        m.put("profile", profile.name().toLowerCase(Locale.ROOT));
        m.put("clientKey", clientKeyPem().toString());
        m.put("stateDir", r.stateDir().toString());
        if (quirks.login() == ServiceQuirks.Login.BASIC) {
            m.put("username", username());
            m.put("password", password());
        }
        return m;
    }

    /** @return {@link #describe()} as one line of JSON */
    public String describeJson() {
        try {
            return JsonBody.MAPPER.writeValueAsString(describe());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        Running r = running;
        return "Sandbox[" + profile + ", " + (r == null ? "stopped" : r.baseUrl()) + "]";
    }

    /** Configuration of a {@link Sandbox}; {@link #build()} validates it. */
    public static final class Builder {
        private int port;
        private Profile profile = Profile.STANDARD;
        private Integer scal;
        private ParPolicy parPolicy = ParPolicy.OFFERED;
        private boolean unsignedAccountTokens;
        private boolean dpopRequired;
        private final java.util.Set<String> redirectUris = new java.util.LinkedHashSet<>();
        private int multisign = 50;
        private Duration latency = Duration.ZERO;
        private Path stateDir;
        private Clock clock = Clock.systemUTC();
        private Boolean dpopNonceRequired;
        private Duration tokenLifetime = Duration.ofMinutes(5);
        private ServiceQuirks quirks = ServiceQuirks.DEFAULT;

        private Builder() {
        }

        /**
         * Sets quirks (STANDARD profile only).
         *
         * @param quirks how the service departs from its default shape; default {@link ServiceQuirks#DEFAULT}
         * @return this builder
         */
        public Builder quirks(ServiceQuirks quirks) {
            this.quirks = quirks;
            return this;
        }

        /**
         * Sets port.
         *
         * @param port the TCP port on 127.0.0.1, 0 for a free one (default)
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets profile.
         *
         * @param profile STANDARD (default), BANKID or PRIMESIGN
         * @return this builder
         */
        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        /**
         * Sets scal.
         *
         * @param scal 1 (PIN) or 2 (PIN and OTP, SAD bound to hashes; credential-scope authorization
         *     requests must name the hashes); default 1, and 2 for PRIMESIGN
         * @return this builder
         */
        public Builder scal(int scal) {
            this.scal = scal;
            return this;
        }

        /**
         * Sets the pushed authorization request policy (STANDARD and PRIMESIGN).
         *
         * @param parPolicy OFFERED (default), REQUIRED or ABSENT
         * @return this builder
         */
        public Builder par(ParPolicy parPolicy) {
            this.parPolicy = parPolicy;
            return this;
        }

        /**
         * Lets an {@code account_token} come unsigned ({@code alg: none}), as primesign allows for some clients.
         *
         * @param allow whether alg none is accepted; default false (HS256 keyed with SHA-256 of the client secret)
         * @return this builder
         */
        public Builder allowUnsignedAccountTokens(boolean allow) {
            this.unsignedAccountTokens = allow;
            return this;
        }

        /**
         * Requires a DPoP proof at the token endpoint (always so for BANKID), so every token is DPoP-bound.
         *
         * @param required whether a token request without a DPoP proof is refused; default false
         * @return this builder
         */
        public Builder dpopRequired(boolean required) {
            this.dpopRequired = required;
            return this;
        }

        /**
         * Registers one more redirect URI for the client, matched exactly. Always registered:
         * {@code http://127.0.0.1:PORT/callback}, {@code http://localhost:PORT/callback} and
         * {@code http://[::1]:PORT/callback} with any port (RFC 8252), and {@code https://app.cscsign.example/callback}.
         *
         * @param redirectUri an absolute URI without fragment
         * @return this builder
         */
        public Builder redirectUri(String redirectUri) {
            this.redirectUris.add(redirectUri);
            return this;
        }

        /**
         * Sets multisign.
         *
         * @param multisign max hashes per signHash call and per SAD, default 50
         * @return this builder
         */
        public Builder multisign(int multisign) {
            this.multisign = multisign;
            return this;
        }

        /**
         * Sets latency.
         *
         * @param latency delay added to every request (CSC, OAuth2, TSA, OCSP, CRL, certificates; not the
         *        {@code /sandbox/} helpers), default none
         * @return this builder
         */
        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        /**
         * Sets stateDir.
         *
         * @param stateDir where keys, certificates and the client live; default a fresh temp dir
         * @return this builder
         */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /**
         * Sets clock.
         *
         * @param clock the time source of tokens, SADs, OCSP and timestamps; default system UTC
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets required.
         *
         * @param required whether DPoP proofs must carry the server nonce; default true for BANKID
         * @return this builder
         */
        public Builder dpopNonceRequired(boolean required) {
            this.dpopNonceRequired = required;
            return this;
        }

        /**
         * Sets tokenLifetime.
         *
         * @param tokenLifetime access token lifetime, default 5 minutes
         * @return this builder
         */
        public Builder tokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        /**
         * @return a sandbox, not started yet
         * @throws IllegalArgumentException naming the field that is invalid
         */
        public Sandbox build() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            if (profile == null) {
                throw new IllegalArgumentException("profile must not be null");
            }
            if (scal != null && scal != 1 && scal != 2) {
                throw new IllegalArgumentException("scal must be 1 or 2, was " + scal);
            }
            if (multisign < 1 || multisign > 10_000) {
                throw new IllegalArgumentException("multisign must be 1..10000, was " + multisign);
            }
            if (latency == null || latency.isNegative()) {
                throw new IllegalArgumentException("latency must be zero or positive");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive");
            }
            if (parPolicy == null) {
                throw new IllegalArgumentException("par must not be null");
            }
            for (String uri : redirectUris) {
                try {
                    URI u = new URI(uri);
                    if (!u.isAbsolute() || u.getRawFragment() != null) {
                        throw new IllegalArgumentException("redirectUri must be absolute without fragment: " + uri);
                    }
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException("redirectUri is not a URI: " + uri);
                }
            }
            if (quirks == null) {
                throw new IllegalArgumentException("quirks must not be null");
            }
            if (quirks != ServiceQuirks.DEFAULT && profile != Profile.STANDARD) {
                throw new IllegalArgumentException("quirks apply to the STANDARD profile only");
            }
            return new Sandbox(this);
        }
    }
}
