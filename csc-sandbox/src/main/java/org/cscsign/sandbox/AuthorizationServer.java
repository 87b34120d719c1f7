package org.cscsign.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cscsign.sandbox.pki.SandboxCredential;

/**
 * The browser side of the OAuth2 authorization server (RFC 6749 §4.1): the authorization endpoint with
 * its HTML consent page, pushed authorization requests (RFC 9126), the metadata (RFC 8414 and OpenID
 * discovery) and the revocation endpoint (RFC 7009, delegated to {@link OAuthServer}, which owns codes
 * and tokens).
 *
 * <p>Checks, in the order RFC 6749 §4.1.2.1 asks: the client and its redirect URI first (a bad one gets
 * a 400 page, never a redirect), then everything else (a redirect with {@code error} and {@code state}).
 * Redirect URIs match exactly, except that a loopback {@code http://127.0.0.1|localhost|[::1]:PORT/callback}
 * matches with any port (RFC 8252 §7.3). PKCE S256 is required.
 */
final class AuthorizationServer {
    static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
    static final String LOOPBACK_PATH = "/callback";
    /** The one non-loopback redirect URI registered by default (a web application). */
    static final String WEB_REDIRECT = "https://app.cscsign.example/callback";
    static final Duration PAR_LIFETIME = Duration.ofSeconds(60);
    static final Duration CONSENT_LIFETIME = Duration.ofMinutes(10);
    static final int PIN_ATTEMPTS = 3;
    private static final int MAX_CLIENT_DATA = 4096;
    private static final int MAX_LABEL = 256;
    private static final int MAX_STATE = 1024;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}");

    /** One HTTP request to an authorization server path, already size-checked. */
    record Request(String verb, String path, String query, String contentType, byte[] body, String authorization,
            List<String> dpopProofs, URI requestUri) {
    }

    /** What to answer: status, content type, body and extra headers. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    /** A refused authorization request; {@code redirectUri} is set once the redirect URI is known to be good. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String error;
        final transient String redirectUri;
        final transient String state;

        Refusal(String error, String description, String redirectUri, String state) {
            super(description, null, false, false);
            this.error = error;
            this.redirectUri = redirectUri;
            this.state = state;
        }
    }

    private record Pushed(Map<String, String> params, AuthorizeRequest request, Instant expiresAt) {
    }

    private static final class Consent {
        final AuthorizeRequest request;
        final Instant expiresAt;
        int attemptsLeft = PIN_ATTEMPTS;

        Consent(AuthorizeRequest request, Instant expiresAt) {
            this.request = request;
            this.expiresAt = expiresAt;
        }
    }

    private final OAuthEndpoints endpoints;
    private final OAuthServer oauth;
    private final ParPolicy parPolicy;
    private final Clock clock;
    private final String clientId;
    private final Set<String> exactRedirects;
    private final String pin;
    private final int scal;
    private final int multisign;
    private final Function<String, Optional<SandboxCredential>> credentials;
    private final AccountTokens accountTokens;
    private final Stats stats;
    private final ConsentPage page;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Pushed> pushed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Consent> consents = new ConcurrentHashMap<>();

    AuthorizationServer(OAuthEndpoints endpoints, OAuthServer oauth, ParPolicy parPolicy, Clock clock, String clientId,
            Set<String> extraRedirects, String pin, int scal, int multisign,
            Function<String, Optional<SandboxCredential>> credentials, AccountTokens accountTokens, Stats stats) {
        this.endpoints = endpoints;
        this.oauth = oauth;
        this.parPolicy = parPolicy;
        this.clock = clock;
        this.clientId = clientId;
        Set<String> redirects = new java.util.HashSet<>(extraRedirects);
        redirects.add(WEB_REDIRECT);
        this.exactRedirects = Set.copyOf(redirects);
        this.pin = pin;
        this.scal = scal;
        this.multisign = multisign;
        this.credentials = credentials;
        this.accountTokens = accountTokens;
        this.stats = stats;
        this.page = new ConsentPage(endpoints.consentPath());
    }

    boolean serves(String path) {
        return endpoints.serves(path);
    }

    Reply handle(Request r) {
        String path = r.path();
        if (endpoints.metadataPaths().contains(path)) {
            allow(r, "GET");
            return json(200, metadata());
        }
        if (path.equals(endpoints.authorizePath())) {
            allow(r, "GET");
            return authorize(r.query());
        }
        if (path.equals(endpoints.consentPath())) {
            allow(r, "POST");
            return consent(r);
        }
        if (path.equals(endpoints.parPath())) {
            if (parPolicy == ParPolicy.ABSENT) {
                throw new HttpError(404, "not_found", "No such resource: " + path);
            }
            allow(r, "POST");
            return par(r);
        }
        allow(r, "POST");
        oauth.revoke(r.contentType(), r.body(), r.authorization());
        return new Reply(200, "application/json", "{}".getBytes(StandardCharsets.US_ASCII), noStore());
    }

    // ---- metadata

    Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", endpoints.issuer().toString());
        m.put("authorization_endpoint", endpoints.url(endpoints.authorizePath()).toString());
        m.put("token_endpoint", endpoints.url(endpoints.tokenPath()).toString());
        if (parPolicy != ParPolicy.ABSENT) {
            m.put("pushed_authorization_request_endpoint", endpoints.url(endpoints.parPath()).toString());
        }
        m.put("require_pushed_authorization_requests", parPolicy == ParPolicy.REQUIRED);
        m.put("revocation_endpoint", endpoints.url(endpoints.revokePath()).toString());
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("scopes_supported", List.of(OAuthServer.SCOPE_SERVICE, OAuthServer.SCOPE_CREDENTIAL));
        m.put("authorization_details_types_supported", List.of("credential"));
        List<String> auth = List.of("client_secret_basic", "client_secret_post", "private_key_jwt");
        m.put("token_endpoint_auth_methods_supported", auth);
        m.put("token_endpoint_auth_signing_alg_values_supported", List.of("ES256", "RS256"));
        m.put("revocation_endpoint_auth_methods_supported", auth);
        m.put("dpop_signing_alg_values_supported", List.of("ES256", "ES384", "RS256", "PS256"));
        m.put("authorization_response_iss_parameter_supported", true);
        return m;
    }

    // ---- authorization endpoint

    private Reply authorize(String query) {
        Map<String, String> params;
        try {
            params = OAuthServer.parseForm(query == null ? "" : query);
        } catch (HttpError e) {
            return page.error(400, "invalid_request", e.getMessage());
        }
        boolean viaPar = params.containsKey("request_uri");
        Map<String, String> seen = params;
        try {
            AuthorizeRequest request;
            if (viaPar) {
                Pushed p = takePushed(params);
                seen = p.params();
                request = p.request();
            } else {
                request = parse(params, false);
            }
            String session = randomId();
            pruneConsents();
            consents.put(session, new Consent(request, clock.instant().plus(CONSENT_LIFETIME)));
            record(seen, viaPar, request, "consent");
            return page.consent(session, request, describe(request), 0);
        } catch (Refusal e) {
            record(seen, viaPar, null, e.error);
            if (e.redirectUri == null) {
                return page.error(400, e.error, e.getMessage());
            }
            return redirect(e.redirectUri, e.state, "error", e.error, "error_description", e.getMessage());
        }
    }

    private void record(Map<String, String> params, boolean viaPar, AuthorizeRequest accepted, String outcome) {
        String scope = params.containsKey("authorization_details") ? OAuthServer.SCOPE_CREDENTIAL : params.get("scope");
        stats.request("oauth:authorize");
        if (viaPar) {
            stats.request("oauth:authorize:par");
        }
        stats.authorizeRequest(new Stats.AuthorizeRequest(viaPar, scope, params.containsKey("authorization_details"),
                params.containsKey("account_token"), accepted == null ? null : accepted.accountId(), params.get("clientData"),
                params.get("lang"), accepted == null ? null : accepted.credentialId(),
                accepted == null ? 0 : accepted.numSignatures(), outcome));
    }

    private Pushed takePushed(Map<String, String> params) {
        if (parPolicy == ParPolicy.ABSENT) {
            throw new Refusal("invalid_request", "This server does not support request_uri (no PAR)", null, null);
        }
        String uri = params.get("request_uri");
        if (!clientId.equals(params.get("client_id"))) {
            throw new Refusal("invalid_request", "client_id is missing or does not match the pushed request", null, null);
        }
        Pushed p = uri.startsWith(REQUEST_URI_PREFIX) ? pushed.remove(uri.substring(REQUEST_URI_PREFIX.length())) : null;
        if (p == null) {
            throw new Refusal("invalid_request_uri", "request_uri is unknown or was already used", null, null);
        }
        if (!clock.instant().isBefore(p.expiresAt())) {
            throw new Refusal("invalid_request_uri", "request_uri expired", null, null);
        }
        return p;
    }

    /** Checks every parameter of an authorization request (RFC 6749, 7636, 9396, CSC, primesign). */
    AuthorizeRequest parse(Map<String, String> p, boolean viaPar) {
        String client = p.get("client_id");
        if (client == null || client.isEmpty()) {
            throw new Refusal("invalid_request", "Missing parameter client_id", null, null);
        }
        if (!clientId.equals(client)) {
            throw new Refusal("unauthorized_client", "Unknown client_id", null, null);
        }
        String redirect = p.get("redirect_uri");
        if (redirect == null || redirect.isEmpty()) {
            throw new Refusal("invalid_request", "Missing parameter redirect_uri", null, null);
        }
        if (!registered(redirect)) {
            throw new Refusal("invalid_request", "redirect_uri is not registered for this client", null, null);
        }
        String state = p.get("state");
        if (state != null && state.length() > MAX_STATE) {
            throw new Refusal("invalid_request", "state is too long", null, null);
        }
        if (parPolicy == ParPolicy.REQUIRED && !viaPar) {
            throw refuse("invalid_request", "Pushed authorization requests are required: send request_uri from PAR", redirect, state);
        }
        if (!"code".equals(p.get("response_type"))) {
            throw refuse(p.get("response_type") == null ? "invalid_request" : "unsupported_response_type",
                    "response_type must be code", redirect, state);
        }
        String challenge = p.get("code_challenge");
        if (challenge == null) {
            throw refuse("invalid_request", "PKCE is required: missing code_challenge", redirect, state);
        }
        if (!"S256".equals(p.get("code_challenge_method"))) {
            throw refuse("invalid_request", "code_challenge_method must be S256 (plain is not accepted)", redirect, state);
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw refuse("invalid_request", "code_challenge must be 43 Base64url characters (SHA-256)", redirect, state);
        }
        String lang = p.get("lang");
        if (lang != null && !LANG.matcher(lang).matches()) {
            throw refuse("invalid_request", "Invalid parameter lang", redirect, state);
        }
        String clientData = p.get("clientData");
        if (clientData != null && clientData.length() > MAX_CLIENT_DATA) {
            throw refuse("invalid_request", "clientData is longer than " + MAX_CLIENT_DATA + " characters", redirect, state);
        }
        Scope scope;
        try {
            scope = scope(p);
        } catch (HttpError e) {
            throw refuse(e.error(), e.getMessage(), redirect, state);
        }
        String accountId = null;
        if (p.containsKey("account_token")) {
            try {
                accountId = accountTokens.verify(p.get("account_token"));
            } catch (HttpError e) {
                throw refuse(e.error(), e.getMessage(), redirect, state);
            }
        }
        return new AuthorizeRequest(client, redirect, state, challenge, scope.scope, scope.credentialId, scope.num,
                scope.hashes, scope.hashOid, scope.labels, scope.details, lang, accountId, clientData, viaPar);
    }

    private Refusal refuse(String error, String description, String redirect, String state) {
        return new Refusal(error, description, redirect, state);
    }

    boolean registered(String redirect) {
        if (exactRedirects.contains(redirect)) {
            return true;
        }
        URI u;
        try {
            u = new URI(redirect);
        } catch (URISyntaxException e) {
            return false;
        }
        // RFC 8252 §7.3: a loopback redirect matches with any port; everything else must be the same
        return "http".equals(u.getScheme()) && u.getHost() != null && LOOPBACK_HOSTS.contains(u.getHost())
                && u.getRawUserInfo() == null && LOOPBACK_PATH.equals(u.getRawPath()) && u.getRawQuery() == null
                && u.getRawFragment() == null;
    }

    private record Scope(String scope, String credentialId, int num, List<byte[]> hashes, String hashOid,
            List<String> labels, JsonNode details) {
    }

    /** Scope service, scope credential with CSC parameters, or RAR authorization_details. */
    private Scope scope(Map<String, String> p) {
        String scope = p.get("scope");
        String details = p.get("authorization_details");
        boolean cscParams = p.containsKey("credentialID") || p.containsKey("numSignatures") || p.containsKey("hashes")
                || p.containsKey("hash") || p.containsKey("hashAlgorithmOID");
        if (details != null) {
            if (scope != null && !OAuthServer.SCOPE_CREDENTIAL.equals(scope)) {
                throw new HttpError(400, "invalid_scope", "authorization_details goes with scope credential or no scope");
            }
            if (cscParams) {
                throw HttpError.badRequest("Send either authorization_details or credentialID/numSignatures/hashes, not both");
            }
            return rar(details);
        }
        if (OAuthServer.SCOPE_SERVICE.equals(scope)) {
            if (cscParams) {
                throw HttpError.badRequest("credentialID, numSignatures and hashes go with scope credential");
            }
            return new Scope(OAuthServer.SCOPE_SERVICE, null, 0, null, null, null, null);
        }
        if (!OAuthServer.SCOPE_CREDENTIAL.equals(scope)) {
            throw new HttpError(400, "invalid_scope", "scope must be service or credential (or send authorization_details)");
        }
        String credentialId = credentialId(p.get("credentialID"), "credentialID");
        if (p.containsKey("hashes") && p.containsKey("hash")) {
            throw HttpError.badRequest("Send hashes (v2) or hash (v1), not both");
        }
        String field = p.containsKey("hash") ? "hash" : "hashes";
        String hashOid = p.get("hashAlgorithmOID");
        Integer num = p.containsKey("numSignatures") ? number(p.get("numSignatures"), "numSignatures") : null;
        List<byte[]> hashes = null;
        if (p.containsKey(field)) {
            List<String> items = List.of(p.get(field).split(",", -1));
            hashes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                hashes.add(hash(items.get(i).trim(), field + "[" + i + "]", hashOid));
            }
        }
        return new Scope(OAuthServer.SCOPE_CREDENTIAL, credentialId, count(num, hashes, "numSignatures", field), hashes,
                hashOid, null, null);
    }

    private Scope rar(String details) {
        JsonNode array;
        try {
            array = JsonBody.MAPPER.readTree(details);
        } catch (java.io.IOException e) {
            throw rarError("not valid JSON");
        }
        if (array == null || !array.isArray() || array.size() != 1 || !array.get(0).isObject()) {
            throw rarError("must be an array of one object");
        }
        JsonNode d = array.get(0);
        if (!"credential".equals(d.path("type").asText(null))) {
            throw rarError("type must be credential");
        }
        String credentialId = credentialId(text(d, "credentialID"), "authorization_details.credentialID");
        String hashOid = text(d, "hashAlgorithmOID");
        JsonNode n = d.get("numSignatures");
        Integer num = null;
        if (n != null && !n.isNull()) {
            if (!n.isTextual() && !n.isIntegralNumber()) {
                throw rarError("numSignatures must be a number");
            }
            num = number(n.asText(), "authorization_details.numSignatures");
        }
        List<byte[]> hashes = null;
        List<String> labels = null;
        JsonNode digests = d.get("documentDigests");
        if (digests != null && !digests.isNull()) {
            if (!digests.isArray() || digests.isEmpty()) {
                throw rarError("documentDigests must be a non-empty array");
            }
            if (hashOid == null) {
                throw rarError("hashAlgorithmOID is required with documentDigests");
            }
            hashes = new ArrayList<>();
            labels = new ArrayList<>();
            for (int i = 0; i < digests.size(); i++) {
                JsonNode item = digests.get(i);
                String field = "authorization_details.documentDigests[" + i + "]";
                if (!item.isObject() || !item.path("hash").isTextual()) {
                    throw rarError("documentDigests[" + i + "].hash is missing");
                }
                hashes.add(hash(item.get("hash").textValue(), field + ".hash", hashOid));
                JsonNode label = item.get("label");
                if (label != null && !label.isNull() && (!label.isTextual() || label.textValue().length() > MAX_LABEL)) {
                    throw rarError("documentDigests[" + i + "].label must be a string of at most " + MAX_LABEL + " characters");
                }
                labels.add(label == null || label.isNull() ? null : label.textValue());
            }
        }
        int count = count(num, hashes, "authorization_details.numSignatures", "authorization_details.documentDigests");
        return new Scope(OAuthServer.SCOPE_CREDENTIAL, credentialId, count, hashes, hashOid, labels, array);
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw rarError(field + " must be a string");
        }
        return v.textValue();
    }

    private static HttpError rarError(String what) {
        return new HttpError(400, "invalid_authorization_details", "Invalid parameter authorization_details: " + what);
    }

    private String credentialId(String id, String field) {
        if (id == null || id.isEmpty()) {
            throw HttpError.badRequest("Missing parameter " + field);
        }
        if (credentials.apply(id).isEmpty()) {
            throw HttpError.badRequest("Invalid parameter " + field + ": unknown credential");
        }
        return id;
    }

    /** numSignatures defaults to the number of hashes and must equal it when both come; hashes are required at SCAL 2. */
    private int count(Integer num, List<byte[]> hashes, String numField, String hashesField) {
        if (hashes == null) {
            if (scal == 2) {
                throw HttpError.badRequest("Missing parameter " + hashesField + ": this service binds authorizations to hashes");
            }
            if (num == null) {
                throw HttpError.badRequest("Missing parameter " + numField);
            }
        } else if (num != null && num != hashes.size()) {
            throw HttpError.badRequest("Invalid parameter " + numField + ": " + num + " but " + hashes.size() + " hashes");
        }
        int n = num != null ? num : hashes.size();
        if (n < 1 || n > multisign) {
            throw HttpError.badRequest("Invalid parameter " + numField + ": must be 1.." + multisign);
        }
        return n;
    }

    private static int number(String value, String field) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Invalid parameter " + field + ": not a number");
        }
    }

    /** Base64url as the CSC examples send it; standard Base64 and padding are tolerated. */
    private static byte[] hash(String value, String field, String hashOid) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(value.replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Invalid parameter " + field + ": not Base64url");
        }
        if (hashOid != null) {
            int len = SignAlgorithms.hashLength(hashOid).orElseThrow(
                    () -> HttpError.badRequest("Invalid parameter hashAlgorithmOID: not supported"));
            if (raw.length != len) {
                throw HttpError.badRequest("Invalid parameter " + field + ": must be " + len + " bytes");
            }
        } else if (raw.length != 32 && raw.length != 48 && raw.length != 64) {
            throw HttpError.badRequest("Invalid parameter " + field + ": must be a 32, 48 or 64 byte hash");
        }
        return raw;
    }

    // ---- consent form

    private Reply consent(Request r) {
        Map<String, String> form;
        try {
            form = OAuthServer.form(r.contentType(), r.body(), "The consent form");
        } catch (HttpError e) {
            return page.error(400, "invalid_request", e.getMessage());
        }
        String session = form.getOrDefault("session", "");
        Consent c = consents.get(session);
        if (c == null || !clock.instant().isBefore(c.expiresAt)) {
            consents.remove(session);
            return page.error(400, "invalid_request",
                    "This authorization page has expired or was already answered. Start again from the application.");
        }
        AuthorizeRequest req = c.request;
        String action = form.get("action");
        if ("deny".equals(action)) {
            if (consents.remove(session, c)) {
                stats.request("oauth:consent:denied");
                return redirect(req.redirectUri(), req.state(), "error", "access_denied",
                        "error_description", "The signer denied the request");
            }
            return page.error(400, "invalid_request", "This authorization page was already answered.");
        }
        if (!"approve".equals(action)) {
            return page.error(400, "invalid_request", "The form must say approve or deny");
        }
        String given = form.getOrDefault("pin", "");
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), pin.getBytes(StandardCharsets.UTF_8))) {
            stats.request("oauth:consent:wrong-pin");
            int left;
            synchronized (c) {
                left = --c.attemptsLeft;
            }
            if (left <= 0) {
                consents.remove(session, c);
                return redirect(req.redirectUri(), req.state(), "error", "access_denied",
                        "error_description", "Too many wrong PINs");
            }
            return page.consent(session, req, describe(req), left);
        }
        if (!consents.remove(session, c)) {
            return page.error(400, "invalid_request", "This authorization page was already answered.");
        }
        stats.request("oauth:consent:approved");
        String code = oauth.issueCode(req);
        return redirect(req.redirectUri(), req.state(), "code", code);
    }

    /** Who signs what, for the page. */
    private ConsentPage.Subject describe(AuthorizeRequest req) {
        if (!req.credentialScope()) {
            return new ConsentPage.Subject(null, null, null);
        }
        SandboxCredential c = credentials.apply(req.credentialId()).orElseThrow();
        String dn = c.certificate().getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        String name = dn;
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(dn).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    name = rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            // the sandbox's own certificates always parse; the whole DN is shown otherwise
        }
        return new ConsentPage.Subject(name, dn, c.description());
    }

    // ---- PAR

    private Reply par(Request r) {
        Map<String, String> form = OAuthServer.form(r.contentType(), r.body(), "The pushed authorization request");
        String method = "none";
        try {
            method = oauth.authenticateClient(form, r.authorization());
            if (form.containsKey("request_uri")) {
                throw HttpError.badRequest("request_uri must not be pushed");
            }
            Map<String, String> params = new LinkedHashMap<>(form);
            for (String auth : List.of("client_secret", "client_assertion", "client_assertion_type")) {
                params.remove(auth);
            }
            params.putIfAbsent("client_id", clientId);
            AuthorizeRequest request;
            try {
                request = parse(params, true);
            } catch (Refusal e) {
                throw new HttpError(400, e.error, e.getMessage());
            }
            String id = randomId();
            prunePushed();
            pushed.put(id, new Pushed(params, request, clock.instant().plus(PAR_LIFETIME)));
            stats.request("oauth:par");
            stats.tokenRequest(new Stats.TokenRequest("par", null, method, false, "ok"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("request_uri", REQUEST_URI_PREFIX + id);
            out.put("expires_in", PAR_LIFETIME.toSeconds());
            return new Reply(201, "application/json", bytes(out), noStore());
        } catch (HttpError e) {
            stats.tokenRequest(new Stats.TokenRequest("par", null, method, false, e.error()));
            throw e;
        }
    }

    // ---- helpers

    private Reply redirect(String redirectUri, String state, String... kv) {
        StringBuilder url = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        for (int i = 0; i < kv.length; i += 2) {
            url.append(enc(kv[i])).append('=').append(enc(kv[i + 1])).append('&');
        }
        if (state != null) {
            url.append("state=").append(enc(state)).append('&');
        }
        url.append("iss=").append(enc(endpoints.issuer().toString()));
        Map<String, String> headers = noStore();
        headers.put("Location", url.toString());
        return new Reply(302, "text/plain; charset=utf-8", new byte[0], headers);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> noStore() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-store");
        h.put("Pragma", "no-cache");
        return h;
    }

    private static Reply json(int status, Object body) {
        return new Reply(status, "application/json", bytes(body), new LinkedHashMap<>());
    }

    private static byte[] bytes(Object body) {
        try {
            return JsonBody.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void allow(Request r, String verb) {
        if (!verb.equals(r.verb())) {
            throw new HttpError(405, "invalid_request", "Method " + r.verb() + " is not allowed here").header("Allow", verb);
        }
    }

    private String randomId() {
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private void prunePushed() {
        if (pushed.size() > 1000) {
            Instant now = clock.instant();
            pushed.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        }
    }

    private void pruneConsents() {
        if (consents.size() > 1000) {
            Instant now = clock.instant();
            consents.values().removeIf(c -> !now.isBefore(c.expiresAt));
        }
    }
}
