package org.cscsign.csc;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import org.cscsign.csc.internal.AuthInterceptor;
import org.cscsign.csc.internal.BoundedExchange;
import org.cscsign.csc.internal.CscHttp;
import org.cscsign.csc.internal.RetryInterceptor;
import org.cscsign.csc.internal.WireMapper;

import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A client of a Cloud Signature Consortium API service (v1 or v2): {@code info},
 * {@code credentials/list}, {@code credentials/info}, {@code credentials/sendOTP},
 * {@code credentials/authorize}, {@code credentials/extendTransaction}, {@code signatures/signHash},
 * {@code signatures/timestamp}. The login ({@link ServiceLogin}: OAuth2, DPoP, v1 {@code auth/login}) is
 * opened when the client is created and used on every authenticated call; retries and the v1/v2 field
 * names are handled inside.
 *
 * <p>Thread-safe; one shared {@link OkHttpClient} per instance. {@link #close()} releases the HTTP
 * resources the client created (never an injected {@code OkHttpClient}). This package knows nothing
 * of DSS; {@code org.cscsign.token.CscSignatureToken} adapts it.
 */
public final class CscClient implements AutoCloseable {

    private final CscClientConfig config;
    private final OkHttpClient base;
    private final boolean ownsHttp;
    private final CscHttp http;
    private final WireMapper wire;
    private final AccessTokenSource tokens;
    private final Clock clock;
    private final Polling polling;
    private final Object lock = new Object();
    private volatile ServiceInfo info;
    private volatile JsonNode infoJson;
    private volatile OAuth2Endpoints endpoints;

    private CscClient(CscClientConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.ownsHttp = config.httpClient().isEmpty();
        OkHttpClient shared = config.httpClient().orElseGet(OkHttpClient::new);
        // every call, the token requests included, has a deadline and is tracked (sent or not?)
        this.base = BoundedExchange.track(shared.newBuilder())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        OkHttpClient api = base.newBuilder()
                .addInterceptor(new RetryInterceptor(config.retryPolicy().maxAttempts(), config.retryPolicy().maxTotalWait(),
                        config.sleeper(), clock))
                .addInterceptor(new AuthInterceptor(this::accessTokenSource))
                .build();
        this.http = new CscHttp(api, config.baseUrl(), config.userAgent(), config.maxResponseBytes());
        this.wire = new WireMapper(config.apiVersion());
        this.polling = new Polling(clock, config.sleeper(), config.pollInterval(), config.maxPollWait());
        // last, so the login sees a whole client (it must make no remote call yet): its token source and DPoP
        // key serve every call of this client
        this.tokens = config.login().map(l -> l.open(new ServiceLogin.Context(this, base))).orElse(null);
    }

    /**
     * @param config the configuration
     * @return a client for it
     */
    public static CscClient create(CscClientConfig config) {
        return new CscClient(Objects.requireNonNull(config, "config"));
    }

    /**
     * @return a configuration builder; finish with {@link CscClientConfig.Builder#buildClient()}
     */
    public static CscClientConfig.Builder builder() {
        return CscClientConfig.builder();
    }

    /** @return the configuration */
    public CscClientConfig config() {
        return config;
    }

    /**
     * CSC {@code info}: POST (falling back to GET when the service answers 405). Cached after the first
     * success.
     *
     * @return the service info
     */
    public ServiceInfo info() {
        ServiceInfo i = info;
        if (i != null) {
            return i;
        }
        JsonNode n;
        try {
            n = http.post("info", wire.infoRequest(config.lang().orElse(null)), false);
        } catch (CscException e) {
            if (e.httpStatus() != 405) {
                throw e;
            }
            n = http.get("info");
        }
        i = wire.serviceInfo(n);
        infoJson = n;
        info = i;
        return i;
    }

    /**
     * The {@code info} response as the service sent it (the same call as {@link #info()}, cached), for
     * tools that show it unchanged.
     *
     * @return the response's JSON text
     * @throws CscException when {@code info} fails or is malformed
     */
    public String infoJson() {
        info();
        return infoJson.toString();
    }

    /**
     * CSC {@code credentials/list}.
     *
     * @param request what to ask for
     * @return the credential identifiers (and infos when asked and returned)
     */
    public CredentialList listCredentials(ListRequest request) {
        return wire.credentialList(http.post("credentials/list", wire.listRequest(request, clientData()), true));
    }

    /**
     * CSC {@code credentials/info}.
     *
     * @param id the credential
     * @param certificates which certificates to return
     * @param certInfo whether to return certificate details
     * @param authInfo whether to return authorization details
     * @return the credential info
     */
    public CredentialInfo credentialInfo(CredentialId id, CertificatesMode certificates, boolean certInfo,
                                         boolean authInfo) {
        return wire.credentialInfo(id, http.post("credentials/info",
                wire.infoRequest(id, certificates, certInfo, authInfo, clientData()), true));
    }

    /**
     * CSC {@code credentials/sendOTP}: asks the service to send an online OTP to the user.
     *
     * @param id the credential
     */
    public void sendOtp(CredentialId id) {
        http.post("credentials/sendOTP", wire.sendOtpRequest(id, clientData()), true);
    }

    /**
     * CSC {@code credentials/authorize} with explicit authorization data.
     *
     * @param id the credential
     * @param numSignatures how many signatures the SAD shall allow
     * @param hashes the hashes to bind (required at SCAL 2; may be empty at SCAL 1)
     * @param hashAlgorithm the algorithm of the hashes (may be null when there are none)
     * @param authData values by object id ({@code PIN}, {@code OTP}); the arrays are wiped afterwards
     * @return the SAD, with its expiry, count and covered hashes
     */
    public Sad authorize(CredentialId id, int numSignatures, List<byte[]> hashes, HashAlgorithm hashAlgorithm,
                         Map<String, char[]> authData) {
        if (numSignatures < 1) {
            throw new IllegalArgumentException("numSignatures must be at least 1");
        }
        if (!hashes.isEmpty() && hashes.size() != numSignatures) {
            throw new IllegalArgumentException("numSignatures (" + numSignatures + ") must equal the number of hashes ("
                    + hashes.size() + ")");
        }
        if (!hashes.isEmpty()) {
            Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            authData.forEach((k, v) -> values.put(k, new String(v)));
        } finally {
            authData.values().forEach(v -> Arrays.fill(v, '\0'));
        }
        JsonNode n = http.post("credentials/authorize",
                wire.authorizeRequest(id, numSignatures, hashes, hashAlgorithm, values, null, clientData()), true);
        values.clear();
        var handle = wire.authorizeHandle(n);
        if (handle.isPresent()) {
            // asynchronous authorization (e.g. approved in a phone app): 202 {handle}, then authorizeCheck
            n = polling.until("credentials/authorizeCheck", () -> {
                JsonNode r = http.post("credentials/authorizeCheck",
                        wire.authorizeCheckRequest(handle.get(), clientData()), true);
                return r.hasNonNull("SAD") ? java.util.Optional.of(r) : java.util.Optional.empty();
            });
        }
        WireMapper.SadWire s = wire.sad(n, handle.isPresent() ? "credentials/authorizeCheck" : "credentials/authorize");
        return new Sad(s.value(), id, clock.instant().plusSeconds(s.expiresIn()), numSignatures, hashes);
    }

    /**
     * CSC {@code credentials/extendTransaction}: a new SAD for the rest of a multi-signature transaction.
     *
     * @param sad the current SAD
     * @param hashes the hashes of the next call (SCAL 2), may be empty
     * @param hashAlgorithm their algorithm
     * @return the new SAD
     */
    public Sad extendTransaction(Sad sad, List<byte[]> hashes, HashAlgorithm hashAlgorithm) {
        JsonNode n = http.post("credentials/extendTransaction",
                wire.extendRequest(sad.credentialId(), sad.value(), hashes, hashAlgorithm, clientData()), true);
        WireMapper.SadWire s = wire.sad(n, "credentials/extendTransaction");
        return new Sad(s.value(), sad.credentialId(), clock.instant().plusSeconds(s.expiresIn()), sad.remaining(),
                hashes.isEmpty() ? sad.unspentHashes() : hashes);
    }

    /**
     * One CSC {@code signatures/signHash} call. The number of signatures returned is checked against
     * the number of hashes; the values are not verified here (the client knows no public key).
     *
     * @param request the request
     * @return the signatures in the order of the hashes and the validation info
     * @throws CscResponseException if the count is wrong or a value is not Base64
     * @throws SadUsageException if the request's SAD does not cover the call (nothing is sent)
     */
    public SignHashResult signHash(SignHashRequest request) {
        if (request.sad() != null) {
            // before anything leaves: a SAD is never sent for what it does not cover
            request.sad().spend(request.credentialId(), request.hashes(), clock.instant());
        }
        // mode A only where the service says it has it (info.asynchronousOperationMode); v1 has no mode A
        boolean asynchronous = config.asynchronousSigning() && config.apiVersion() == CscApiVersion.V2
                && info().asynchronousOperationMode();
        JsonNode n = http.post("signatures/signHash",
                wire.signHashRequest(request, config.returnValidationInfo(), asynchronous, clientData()), true);
        var responseId = wire.signHashResponseId(n);
        if (responseId.isPresent()) {
            // operationMode A: the signatures come from signPolling (202 while the service works)
            n = polling.until("signatures/signPolling", () -> {
                JsonNode r = http.post("signatures/signPolling",
                        wire.signPollingRequest(responseId.get(), clientData()), true);
                return r.hasNonNull("signatures") ? java.util.Optional.of(r) : java.util.Optional.empty();
            });
        }
        WireMapper.SignHashWire w = wire.signHash(n);
        if (w.signatures().size() != request.hashes().size()) {
            throw new CscResponseException("signatures/signHash", 200, null, null, "signatures/signHash returned "
                    + w.signatures().size() + " signatures for " + request.hashes().size() + " hashes", null);
        }
        return new SignHashResult(w.signatures(), w.validationInfo(), 1);
    }

    /**
     * Signs any number of hashes in {@code ceil(n / maxPerCall)} {@code signatures/signHash} calls, in
     * order, authorizing each chunk through {@code sadForChunk}.
     *
     * @param request all hashes and the common parameters (its SAD is ignored)
     * @param maxPerCall the most hashes per call (the credential's {@code multisign})
     * @param sadForChunk gives the SAD for a chunk's hashes, or null to send none
     * @return all signatures in order, the merged validation info and the number of calls
     */
    public SignHashResult signHashes(SignHashRequest request, int maxPerCall, Function<List<byte[]>, Sad> sadForChunk) {
        if (maxPerCall < 1) {
            throw new IllegalArgumentException("maxPerCall must be at least 1");
        }
        List<byte[]> hashes = request.hashes();
        List<byte[]> signatures = new ArrayList<>(hashes.size());
        ValidationInfo vi = ValidationInfo.EMPTY;
        int calls = 0;
        for (int from = 0; from < hashes.size(); from += maxPerCall) {
            List<byte[]> chunk = hashes.subList(from, Math.min(hashes.size(), from + maxPerCall));
            SignHashResult r = signHash(request.with(chunk, sadForChunk.apply(chunk)));
            signatures.addAll(r.signatures());
            vi = vi.plus(r.validationInfo());
            calls++;
        }
        return new SignHashResult(signatures, vi, calls);
    }

    /**
     * CSC {@code signatures/timestamp} (v2 {@code hashAlgorithmOID}, v1 {@code hashAlgo}). The nonce is
     * sent as a hexadecimal string; as the specification requires, a token that does not carry it, or
     * that covers another hash, is rejected.
     *
     * @param hash the digest to time-stamp
     * @param hashAlgorithm its algorithm
     * @param nonce a nonce, null to have a random 64-bit one generated
     * @return the DER RFC 3161 TimeStampToken
     * @throws CscResponseException if the token is not a TimeStampToken over the hash with the nonce
     */
    public byte[] timestamp(byte[] hash, HashAlgorithm hashAlgorithm, BigInteger nonce) {
        BigInteger n = nonce != null ? nonce : new BigInteger(64, new java.security.SecureRandom()).setBit(63);
        byte[] token = wire.timestamp(http.post("signatures/timestamp",
                wire.timestampRequest(hash, hashAlgorithm, n, clientData()), true));
        TimestampChecks.check(token, hash, hashAlgorithm, n);
        return token;
    }

    private String clientData() {
        return config.clientData().orElse(null);
    }

    /**
     * The endpoints of the service's OAuth2 authorization server, found once and cached: the configured
     * {@link CscClientConfig#oauth2Endpoints()}; else the authorization server metadata of
     * {@code info.oauth2Issuer} (RFC 8414 {@code /.well-known/oauth-authorization-server} and OpenID
     * {@code /.well-known/openid-configuration}, path-inserted and appended forms); else the
     * {@code info.oauth2} base with the CSC paths {@code /oauth2/authorize|token|pushed_authorize|revoke}.
     * A configured {@link CscClientConfig#tokenUrl()} replaces the token endpoint found.
     *
     * @return the endpoints
     * @throws CscResponseException when the service's {@code info} names no OAuth2 server (neither
     *     {@code oauth2Issuer} nor {@code oauth2}) or the issuer serves no metadata
     * @throws CscException when {@code info} or the metadata cannot be read
     */
    public OAuth2Endpoints oauth2Endpoints() {
        OAuth2Endpoints e = endpoints;
        if (e != null) {
            return e;
        }
        synchronized (lock) {
            if (endpoints == null) {
                OAuth2Endpoints found = config.oauth2Endpoints().orElseGet(this::discoverEndpoints);
                endpoints = config.tokenUrl().map(found::withToken).orElse(found);
            }
            return endpoints;
        }
    }

    private OAuth2Endpoints discoverEndpoints() {
        ServiceInfo i = info();
        if (i.oauth2Issuer() != null) {
            URI issuer = parseUri(i.oauth2Issuer(), "oauth2Issuer");
            OkHttpClient metadata = base.newBuilder().callTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .build();
            var found = OAuth2Endpoints.discover(metadata, issuer, config.userAgent(), config.maxResponseBytes());
            if (found.isPresent()) {
                return found.get();
            }
            if (i.oauth2() == null) {
                throw new CscResponseException("oauth2 metadata", 0, null, null,
                        "no authorization server metadata found for the issuer " + issuer, null);
            }
        }
        if (i.oauth2() != null) {
            return OAuth2Endpoints.ofCscBase(parseUri(i.oauth2(), "oauth2"), i.supports("oauth2/pushed_authorize"));
        }
        throw new CscResponseException("info", 200, null, null,
                "the service's info names no OAuth2 server (neither oauth2Issuer nor oauth2): configure the endpoints",
                null);
    }

    private static URI parseUri(String value, String field) {
        try {
            URI u = new URI(value);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return u;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new CscResponseException("info", 200, null, null, "malformed info response: field '" + field
                    + "' is not an absolute URL", null);
        }
    }

    /**
     * @return the token source the {@link CscClientConfig#login() login} opened for this client; null when
     *     nothing authenticates the client (a service that needs no login)
     */
    public AccessTokenSource accessTokenSource() {
        return tokens;
    }

    /**
     * Closes the login (e.g. a CSC v1 {@code auth/login} session is revoked, best effort), then releases
     * the connection pool and threads the client created; an injected OkHttpClient is left alone.
     */
    @Override
    public void close() {
        if (tokens != null) {
            try {
                tokens.close();
            } catch (CscException e) {
                org.slf4j.LoggerFactory.getLogger(CscClient.class).debug("ending the login failed: {}", e.getMessage());
            }
        }
        if (ownsHttp) {
            base.dispatcher().executorService().shutdown();
            base.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "CscClient[" + config + "]";
    }
}
