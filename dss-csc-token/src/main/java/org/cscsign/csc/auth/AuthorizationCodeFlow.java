package org.cscsign.csc.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cscsign.csc.AccessToken;
import org.cscsign.csc.CscApiVersion;
import org.cscsign.csc.CscException;
import org.cscsign.csc.OAuth2Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The OAuth2 authorization-code flow (RFC 6749 section 4.1) as a CSC service runs it for its service
 * token (scope {@code service}) and for each authorization of signatures (scope {@code credential},
 * whose token is the SAD): PKCE S256 always (RFC 7636), a random {@code state} checked on the way back,
 * the {@code redirect_uri} repeated exactly, PAR (RFC 9126) by {@link ParMode}, RAR (RFC 9396)
 * {@code authorization_details}, primesign's {@code account_token}, {@code clientData} and
 * {@code lang}; the code exchanged with the client's authentication (and DPoP where the client uses
 * it); refresh and revocation (RFC 7009).
 *
 * <p>Two ways to use it. A web application calls {@link #start} with its own redirect URI, sends the
 * user to {@link PendingAuthorization#authorizationUri()}, keeps the pending authorization in the
 * session and calls {@link #complete(PendingAuthorization, URI)} from its redirect handler. A
 * command-line or desktop program calls {@link #authorize(AuthorizationRequest, LoopbackInteraction)},
 * which does all of it through a {@link LoopbackReceiver}.
 *
 * <p>Get a client's with {@link #of(org.cscsign.csc.CscClient)} (endpoints discovered from the service),
 * or build one. Thread-safe. Never logs a code, verifier, state, token or {@code account_token}.
 */
public final class AuthorizationCodeFlow {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCodeFlow.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<OAuth2Endpoints> endpoints;
    private final OAuth2Client oauth2;
    private final CscApiVersion apiVersion;
    private final AuthorizationCodeSettings settings;
    private final String clientData;
    private final String lang;
    private final Clock clock;
    private final SecureRandom random;

    private AuthorizationCodeFlow(Builder b) {
        this.endpoints = b.endpoints;
        this.oauth2 = new OAuth2Client(b.client);
        this.apiVersion = b.apiVersion;
        this.settings = b.settings;
        this.clientData = b.clientData;
        this.lang = b.lang;
        this.clock = b.client.clock();
        this.random = b.random;
    }

    /**
     * The flow of a client configured with a {@link Login} that has a client id (see
     * {@link LoginSession#authorizationCodeFlow()}).
     *
     * @param client the client
     * @return its flow (created once per client)
     * @throws IllegalStateException when the client has no such login
     */
    public static AuthorizationCodeFlow of(org.cscsign.csc.CscClient client) {
        return LoginSession.of(client).authorizationCodeFlow();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings (PAR, RAR, account_token) */
    public AuthorizationCodeSettings settings() {
        return settings;
    }

    /** @return the endpoints in use (discovered on first use when they come from the service) */
    public OAuth2Endpoints endpoints() {
        return endpoints.get();
    }

    /**
     * Builds the authorization request for a redirect URI: new {@code state} and PKCE verifier, the
     * parameters of {@code request}, pushed first when the {@link ParMode} says so (a remote call to the
     * PAR endpoint), and the URL to send the user to.
     *
     * @param request what to ask for
     * @param redirectUri where the server shall send the browser back (registered with the client)
     * @return the pending authorization
     * @throws AuthorizationFlowException {@code PAR_UNAVAILABLE} when PAR is required and the server has
     *                                    no PAR endpoint; {@code PKCE_UNSUPPORTED} when its metadata
     *                                    rules out S256
     * @throws CscException when the PAR endpoint refuses the request or cannot be reached
     */
    public PendingAuthorization start(AuthorizationRequest request, URI redirectUri) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(redirectUri, "redirectUri");
        OAuth2Endpoints ep = endpoints.get();
        if (!ep.codeChallengeMethods().isEmpty() && !ep.codeChallengeMethods().contains(Pkce.METHOD)) {
            throw new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.PKCE_UNSUPPORTED,
                    null, null, "the authorization server does not offer PKCE with S256 (it lists "
                    + ep.codeChallengeMethods() + ")", null);
        }
        boolean push = switch (settings.parMode()) {
            case NEVER -> false;
            case IF_SUPPORTED -> ep.par().isPresent();
            case REQUIRED -> {
                if (ep.par().isEmpty()) {
                    throw new AuthorizationFlowException("oauth2/pushed_authorize",
                            AuthorizationFlowException.Reason.PAR_UNAVAILABLE, null, null,
                            "PAR is required but the authorization server has no pushed authorization request endpoint",
                            null);
                }
                yield true;
            }
        };
        String state = randomToken();
        Pkce pkce = Pkce.generate(random);
        Map<String, String> params = parameters(request, redirectUri, state, pkce);
        URI url;
        if (push) {
            JsonNode n = oauth2.post("oauth2/pushed_authorize", ep.par().get(), params, false, ep.token());
            JsonNode requestUri = n.get("request_uri");
            if (requestUri == null || !requestUri.isTextual() || requestUri.asText().isBlank()) {
                throw OAuth2Client.malformed("oauth2/pushed_authorize", "request_uri",
                        requestUri == null ? "is missing" : "must be a non-empty string");
            }
            Map<String, String> front = new LinkedHashMap<>();
            front.put("client_id", oauth2.clientId());
            front.put("request_uri", requestUri.asText());
            url = withQuery(ep.authorization(), front);
        } else {
            url = withQuery(ep.authorization(), params);
        }
        LOG.debug("authorization request for {} ({})", request, push ? "PAR" : "front channel");
        return new PendingAuthorization(url, redirectUri, state, pkce, request, push, clock.instant());
    }

    /**
     * The parameters of the authorization request (front channel or PAR body).
     *
     * @param request what to ask for
     * @param redirectUri the redirect URI
     * @param state the state
     * @param pkce the PKCE pair
     * @return the parameters in a stable order
     */
    Map<String, String> parameters(AuthorizationRequest request, URI redirectUri, String state, Pkce pkce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", oauth2.clientId());
        p.put("redirect_uri", redirectUri.toString());
        boolean rar = request.rarLabels().isPresent();
        if (!rar) {
            p.put("scope", request.scope());
        }
        p.put("state", state);
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", Pkce.METHOD);
        if (request.credentialScope()) {
            List<byte[]> hashes = request.hashes();
            String oid = request.hashAlgorithm().orElseThrow().oid();
            if (rar) {
                p.put("authorization_details", authorizationDetails(request, hashes, oid));
            } else {
                p.put("credentialID", request.credentialId().orElseThrow().value());
                p.put("numSignatures", Integer.toString(request.numSignatures()));
                StringBuilder joined = new StringBuilder();
                for (byte[] h : hashes) {
                    joined.append(joined.length() == 0 ? "" : ",").append(Base64.getUrlEncoder().encodeToString(h));
                }
                if (apiVersion == CscApiVersion.V1) {
                    p.put("hash", joined.toString());
                } else {
                    p.put("hashes", joined.toString());
                    p.put("hashAlgorithmOID", oid);
                }
            }
        }
        if (lang != null) {
            p.put("lang", lang);
        }
        settings.account().ifPresent(account -> p.put("account_token", accountToken(account)));
        if (clientData != null) {
            p.put("clientData", clientData);
        }
        return p;
    }

    private static String authorizationDetails(AuthorizationRequest request, List<byte[]> hashes, String oid) {
        ArrayNode details = JSON.createArrayNode();
        ObjectNode d = details.addObject();
        d.put("type", "credential");
        d.put("credentialID", request.credentialId().orElseThrow().value());
        request.signatureQualifier().ifPresent(q -> d.put("signatureQualifier", q));
        d.put("numSignatures", request.numSignatures());
        ArrayNode digests = d.putArray("documentDigests");
        List<String> labels = request.rarLabels().orElseThrow();
        for (int i = 0; i < hashes.size(); i++) {
            digests.addObject().put("hash", Base64.getUrlEncoder().encodeToString(hashes.get(i))).put("label", labels.get(i));
        }
        d.put("hashAlgorithmOID", oid);
        return details.toString();
    }

    private String accountToken(String account) {
        if (settings.unsignedAccountToken()) {
            return AccountToken.unsigned(account, settings.accountTokenIssuer(), oauth2.clientId(), clock.instant());
        }
        ClientAuthentication auth = oauth2.authentication();
        String secret = auth instanceof ClientAuthentication.SecretBasic b ? b.secret()
                : auth instanceof ClientAuthentication.SecretPost p ? p.secret() : null;
        if (secret == null) {
            throw new IllegalStateException("an HS256 account_token is keyed with the client secret: this client has "
                    + "none (use an unsigned account_token where the service allows it)");
        }
        return AccountToken.hs256(account, settings.accountTokenIssuer(), oauth2.clientId(), secret, clock.instant());
    }

    /**
     * Finishes the flow from the URL the browser was redirected to: checks {@code state}, turns an
     * {@code error} into the typed exception, and exchanges the code.
     *
     * @param pending what {@link #start} returned
     * @param callback the full redirect URL with its query
     * @return the tokens
     * @throws AuthorizationDeniedException when the signer denied ({@code error=access_denied})
     * @throws AuthorizationFlowException {@code STATE_MISMATCH}, {@code ERROR_RESPONSE}, {@code MALFORMED_CALLBACK}
     * @throws CscException when the token endpoint refuses the code (e.g. {@code invalid_grant}) or fails
     * @throws IllegalStateException when this pending authorization was completed before
     */
    public OAuth2Tokens complete(PendingAuthorization pending, URI callback) {
        Objects.requireNonNull(callback, "callback");
        Map<String, String> q = parseQuery(callback.getRawQuery());
        checkState(pending, q.get("state"));
        String error = q.get("error");
        if (error != null) {
            markCompleted(pending);
            throw errorResponse(error, q.get("error_description"));
        }
        OAuth2Endpoints ep = endpoints.get();
        String iss = q.get("iss");
        if (iss != null && ep.issuer() != null && !stripSlash(iss).equals(stripSlash(ep.issuer().toString()))) {
            // RFC 9207: an answer from another authorization server (mix-up attack)
            throw new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.MALFORMED_CALLBACK,
                    null, null, "the redirect names another issuer than the one asked", null);
        }
        String code = q.get("code");
        if (code == null || code.isBlank()) {
            throw new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.MALFORMED_CALLBACK,
                    null, null, "the redirect carries neither a code nor an error", null);
        }
        return exchange(pending, code);
    }

    /**
     * Finishes the flow from the {@code code} and {@code state} a web application read from its redirect.
     *
     * @param pending what {@link #start} returned
     * @param code the {@code code} parameter
     * @param state the {@code state} parameter
     * @return the tokens
     * @throws AuthorizationFlowException {@code STATE_MISMATCH} when the state is missing or wrong
     * @throws CscException when the token endpoint refuses the code or fails
     * @throws IllegalStateException when this pending authorization was completed before
     */
    public OAuth2Tokens complete(PendingAuthorization pending, String code, String state) {
        checkState(pending, state);
        if (code == null || code.isBlank()) {
            throw new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.MALFORMED_CALLBACK,
                    null, null, "no code was given", null);
        }
        return exchange(pending, code);
    }

    /**
     * The whole flow for a command-line or desktop program: a loopback receiver, the URL presented to
     * the user, the wait for the browser, the code exchange.
     *
     * @param request what to ask for
     * @param interaction port, presenter and timeout
     * @return the tokens
     * @throws AuthorizationDeniedException when the signer denied
     * @throws AuthorizationFlowException {@code TIMED_OUT}, {@code CANCELLED}, {@code STATE_MISMATCH}, ...
     * @throws CscException when PAR or the token endpoint refuse or fail
     */
    public OAuth2Tokens authorize(AuthorizationRequest request, LoopbackInteraction interaction) {
        LoopbackInteraction.Round round = interaction.run(redirect -> start(request, redirect));
        return complete(round.pending(), round.callback());
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static void checkState(PendingAuthorization pending, String state) {
        Objects.requireNonNull(pending, "pending");
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.STATE_MISMATCH, null,
                    null, state == null ? "the redirect carries no state: not the answer to this request"
                    : "the redirect's state is not the one sent: not the answer to this request", null);
        }
    }

    private static CscException errorResponse(String error, String description) {
        String d = description == null ? null : description.length() > 300 ? description.substring(0, 300) + "…" : description;
        if ("access_denied".equals(error)) {
            return new AuthorizationDeniedException(d);
        }
        return new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.ERROR_RESPONSE, error, d,
                "the authorization server answered " + error + (d == null ? "" : " (" + d + ")"), null);
    }

    private static void markCompleted(PendingAuthorization pending) {
        if (!pending.markCompleted()) {
            throw new IllegalStateException("this authorization was completed before: a code is exchanged once");
        }
    }

    private OAuth2Tokens exchange(PendingAuthorization pending, String code) {
        markCompleted(pending);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", pending.redirectUri().toString());
        form.put("code_verifier", pending.pkce().verifier());
        if (oauth2.authentication() == null) {
            form.put("client_id", oauth2.clientId());
        }
        URI token = endpoints.get().token();
        JsonNode n = oauth2.post("oauth2/token", token, form, true, token);
        return tokens(n, pending.request());
    }

    /**
     * Refreshes a token (RFC 6749 section 6), e.g. the service token of a long session.
     *
     * @param refreshToken the refresh token
     * @param request what the original token was asked for
     * @return the new tokens (with the old refresh token when the server did not rotate it)
     * @throws CscException when the server refuses ({@code invalid_grant}) or fails
     */
    public OAuth2Tokens refresh(String refreshToken, AuthorizationRequest request) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (oauth2.authentication() == null) {
            form.put("client_id", oauth2.clientId());
        }
        URI token = endpoints.get().token();
        OAuth2Tokens t = tokens(oauth2.post("oauth2/token", token, form, true, token), request);
        return t.refreshToken() == null ? new OAuth2Tokens(t.accessToken(), refreshToken, request) : t;
    }

    /**
     * Revokes a token the client no longer needs (RFC 7009; CSC {@code oauth2/revoke}), e.g. a
     * credential-scope token after its signHash call. Best effort: a failure is logged (without the
     * token) and reported as false, never thrown, so it cannot fail a signing that succeeded.
     *
     * @param token the token
     * @param hint {@code access_token} or {@code refresh_token}, may be null
     * @return whether the server confirmed the revocation
     */
    public boolean revoke(String token, String hint) {
        try {
            OAuth2Endpoints ep = endpoints.get();
            if (ep.revoke().isEmpty()) {
                LOG.debug("no revocation endpoint: token left to expire");
                return false;
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("token", Objects.requireNonNull(token, "token"));
            if (hint != null) {
                form.put("token_type_hint", hint);
            }
            if (clientData != null) {
                form.put("clientData", clientData);
            }
            oauth2.post("oauth2/revoke", ep.revoke().get(), form, false, ep.token());
            return true;
        } catch (RuntimeException e) {
            // best effort: the token expires anyway, and a signature already made must not fail here
            LOG.debug("token revocation failed: {}", e.getClass().getSimpleName());
            return false;
        }
    }

    private OAuth2Tokens tokens(JsonNode n, AuthorizationRequest request) {
        AccessToken token = OAuth2Client.accessToken("oauth2/token", n, clock.instant());
        JsonNode refresh = n.get("refresh_token");
        if (refresh != null && !refresh.isNull() && !refresh.isTextual()) {
            throw OAuth2Client.malformed("oauth2/token", "refresh_token", "must be a string");
        }
        JsonNode credential = n.get("credentialID");
        if (request.credentialScope() && credential != null && credential.isTextual()
                && !credential.asText().equals(request.credentialId().orElseThrow().value())) {
            throw OAuth2Client.malformed("oauth2/token", "credentialID", "names another credential than the one asked");
        }
        return new OAuth2Tokens(token, refresh == null || refresh.isNull() ? null : refresh.asText(), request);
    }

    private String randomToken() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * @param base an endpoint, possibly with a query of its own
     * @param params parameters to add
     * @return the URL with the parameters form-encoded in its query
     */
    static URI withQuery(URI base, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(base.toString());
        boolean first = base.getRawQuery() == null;
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(first ? '?' : '&').append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            first = false;
        }
        return URI.create(sb.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param rawQuery a raw (still encoded) query, may be null
     * @return its parameters, decoded; the first of repeated names wins
     */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    @Override
    public String toString() {
        return "AuthorizationCodeFlow[clientId=" + oauth2.clientId() + ", " + settings.parMode()
                + (settings.rar() ? ", RAR" : "") + "]";
    }

    /** Builds an {@link AuthorizationCodeFlow}; {@link #build()} names a missing field. */
    public static final class Builder {
        private OAuth2ClientSettings client;
        private Supplier<OAuth2Endpoints> endpoints;
        private CscApiVersion apiVersion = CscApiVersion.V2;
        private AuthorizationCodeSettings settings = AuthorizationCodeSettings.DEFAULT;
        private String clientData;
        private String lang;
        private SecureRandom random = new SecureRandom();

        private Builder() {
        }

        /**
         * @param settings the client at the authorization server (client id, authentication or none for a
         *                 public client, DPoP session, HTTP client, clock, caps)
         * @return this
         */
        public Builder client(OAuth2ClientSettings settings) {
            this.client = settings;
            return this;
        }

        /**
         * @param endpoints the endpoints
         * @return this
         */
        public Builder endpoints(OAuth2Endpoints endpoints) {
            Objects.requireNonNull(endpoints, "endpoints");
            this.endpoints = () -> endpoints;
            return this;
        }

        /**
         * @param endpoints supplies the endpoints when first needed (e.g. discovered from the service)
         * @return this
         */
        public Builder endpoints(Supplier<OAuth2Endpoints> endpoints) {
            this.endpoints = endpoints;
            return this;
        }

        /**
         * @param version the CSC API version ({@code hash} instead of {@code hashes} on v1)
         * @return this
         */
        public Builder apiVersion(CscApiVersion version) {
            this.apiVersion = version;
            return this;
        }

        /**
         * @param settings PAR, RAR, account_token
         * @return this
         */
        public Builder settings(AuthorizationCodeSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * @param clientData the {@code clientData} sent with every request, may be null
         * @return this
         */
        public Builder clientData(String clientData) {
            this.clientData = clientData;
            return this;
        }

        /**
         * @param lang the {@code lang} of the consent page, may be null
         * @return this
         */
        public Builder lang(String lang) {
            this.lang = lang;
            return this;
        }

        /**
         * @param random the randomness for state and PKCE
         * @return this
         */
        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        /**
         * @return the flow
         * @throws IllegalArgumentException naming a missing field
         */
        public AuthorizationCodeFlow build() {
            if (client == null) {
                throw new IllegalArgumentException("client settings are required");
            }
            if (endpoints == null) {
                throw new IllegalArgumentException("endpoints are required");
            }
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(apiVersion, "apiVersion");
            Objects.requireNonNull(random, "random");
            return new AuthorizationCodeFlow(this);
        }
    }
}
