package org.cscsign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.function.Function;
import org.cscsign.sandbox.pki.SandboxCredential;

/**
 * The OAuth2 token endpoint (RFC 6749: client_credentials, authorization_code with PKCE, refresh_token)
 * with client_secret_basic, client_secret_post and private_key_jwt client authentication, optional or
 * required DPoP binding (RFC 9449), revocation (RFC 7009), and the store of issued codes and tokens.
 * Which client authentication and grant each request used is recorded in {@link Stats}.
 */
final class OAuthServer {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String SCOPE_SERVICE = "service";
    static final String SCOPE_CREDENTIAL = "credential";
    static final String SCOPE_BANKID = "esign/b2b";
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    static final Duration REFRESH_LIFETIME = Duration.ofMinutes(30);
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Set<String> GRANTS = Set.of("client_credentials", "authorization_code", "refresh_token");

    /** An issued authorization code; {@code used} flips once, so a replay is noticed. */
    private record Code(String grantId, AuthorizeRequest request, Instant expiresAt, AtomicBoolean used) {
    }

    /** A refresh token of a service-scope grant. */
    private record Refresh(String grantId, String clientId, String scope, String jkt, Instant expiresAt) {
    }

    private final Profile profile;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final String clientId;
    private final String clientSecret;
    private final ECPublicKey clientEcKey;
    private final RSAPublicKey clientRsaKey;
    private final URI tokenUrl;
    private final URI baseUrl;
    private final Dpop dpop;
    private final int scal;
    private final int multisign;
    private final Function<String, Optional<SandboxCredential>> credentials;
    private final ReplayCache assertionReplay;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Code> codes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final OAuthEndpoints endpoints;
    private final boolean dpopRequired;
    private final Stats stats;

    OAuthServer(Profile profile, Clock clock, Duration tokenLifetime, String clientId, String clientSecret,
            ECPublicKey clientEcKey, RSAPublicKey clientRsaKey, URI baseUrl, OAuthEndpoints endpoints, Dpop dpop,
            boolean dpopRequired, int scal, int multisign, Function<String, Optional<SandboxCredential>> credentials,
            Stats stats) {
        this.profile = profile;
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clientEcKey = clientEcKey;
        this.clientRsaKey = clientRsaKey;
        this.baseUrl = baseUrl;
        this.endpoints = endpoints;
        this.tokenUrl = endpoints.url(endpoints.tokenPath());
        this.dpop = dpop;
        this.dpopRequired = dpopRequired || profile == Profile.BANKID;
        this.stats = stats;
        this.scal = scal;
        this.multisign = multisign;
        this.credentials = credentials;
        this.assertionReplay = new ReplayCache(clock);
    }

    /** The token response fields, in order. */
    Map<String, Object> token(String contentType, byte[] body, String authorization, List<String> dpopProofs, URI requestUri) {
        Map<String, String> form = form(contentType, body, "The token request");
        String grantType = form.get("grant_type");
        String recordedGrant = grantType == null ? null : GRANTS.contains(grantType) ? grantType : "unsupported";
        String method = "none";
        String jkt = null;
        try {
            jkt = dpopJkt(dpopProofs, requestUri);
            if (grantType == null || grantType.isEmpty()) {
                throw HttpError.badRequest("Missing parameter grant_type");
            }
            if (profile == Profile.BANKID ? !"client_credentials".equals(grantType) : !GRANTS.contains(grantType)) {
                throw new HttpError(400, "unsupported_grant_type", profile == Profile.BANKID
                        ? "Only grant_type client_credentials is supported"
                        : "grant_type must be client_credentials, authorization_code or refresh_token");
            }
            method = authenticateClient(form, authorization);
            Map<String, Object> out = switch (grantType) {
                case "authorization_code" -> redeem(form, jkt);
                case "refresh_token" -> refresh(form, jkt);
                default -> clientCredentials(form, jkt);
            };
            stats.tokenRequest(new Stats.TokenRequest("token", recordedGrant, method, jkt != null, "ok", jkt));
            return out;
        } catch (HttpError e) {
            stats.tokenRequest(new Stats.TokenRequest("token", recordedGrant, method, jkt != null, e.error(), jkt));
            throw e;
        }
    }

    private String dpopJkt(List<String> dpopProofs, URI requestUri) {
        if (dpopProofs.size() > 1) {
            throw Dpop.invalid(false, "More than one DPoP header");
        }
        if (dpopProofs.isEmpty()) {
            if (dpopRequired) {
                throw Dpop.invalid(false, "A DPoP proof is required");
            }
            return null;
        }
        return dpop.verify(dpopProofs.get(0), "POST", requestUri, null, false).jkt();
    }

    private Map<String, Object> clientCredentials(Map<String, String> form, String jkt) {
        String scope = form.getOrDefault("scope", profile == Profile.BANKID ? "" : SCOPE_SERVICE);
        Authorization credentialAuthorization = null;
        Instant expiresAt = clock.instant().plus(tokenLifetime);
        if (profile == Profile.BANKID) {
            if (!SCOPE_BANKID.equals(scope)) {
                throw new HttpError(400, "invalid_scope", "The scope must be " + SCOPE_BANKID);
            }
        } else if (SCOPE_CREDENTIAL.equals(scope)) {
            credentialAuthorization = credentialAuthorization(form.get("authorization_details"), expiresAt);
        } else if (!SCOPE_SERVICE.equals(scope)) {
            throw new HttpError(400, "invalid_scope", "The scope must be service or credential");
        } else if (form.containsKey("authorization_details")) {
            throw HttpError.badRequest("authorization_details is only allowed with scope credential");
        }
        return issue(scope, jkt, credentialAuthorization, null, expiresAt);
    }

    /** Stores a new access token and answers the common fields of the token response. */
    private Map<String, Object> issue(String scope, String jkt, Authorization credentialAuthorization, String grantId,
            Instant expiresAt) {
        String token = randomToken();
        if (tokens.size() > 1000) {
            Instant now = clock.instant();
            tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        }
        tokens.put(token, new AccessToken(clientId, scope, jkt, expiresAt, credentialAuthorization, grantId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("token_type", jkt == null ? "Bearer" : "DPoP");
        out.put("expires_in", seconds(Duration.between(clock.instant(), expiresAt)));
        out.put("scope", scope);
        return out;
    }

    // ---- authorization code grant

    /** Issues a single-use, short-lived code for an approved authorization request. */
    String issueCode(AuthorizeRequest request) {
        String code = randomToken();
        if (codes.size() > 1000) {
            // used codes are kept until they expire, so that a replay within their lifetime is noticed
            Instant now = clock.instant();
            codes.values().removeIf(c -> !now.isBefore(c.expiresAt()));
        }
        codes.put(code, new Code(randomToken(), request, clock.instant().plus(CODE_LIFETIME), new AtomicBoolean()));
        stats.request("oauth:codes:issued");
        return code;
    }

    private Map<String, Object> redeem(Map<String, String> form, String jkt) {
        String code = required(form, "code");
        String redirect = required(form, "redirect_uri");
        String verifier = required(form, "code_verifier");
        Code c = codes.get(code);
        if (c == null) {
            throw invalidGrant("The authorization code is unknown or expired");
        }
        if (!c.used().compareAndSet(false, true)) {
            // RFC 6749 §4.1.2: a code used twice revokes what it was exchanged for
            revokeGrant(c.grantId());
            stats.request("oauth:codes:replayed");
            throw invalidGrant("The authorization code was already used; the tokens issued for it are revoked");
        }
        Instant now = clock.instant();
        if (!now.isBefore(c.expiresAt())) {
            throw invalidGrant("The authorization code expired");
        }
        AuthorizeRequest req = c.request();
        if (!clientId.equals(req.clientId())) {
            throw invalidGrant("The authorization code was issued to another client");
        }
        if (!redirect.equals(req.redirectUri())) {
            throw invalidGrant("redirect_uri is not the one of the authorization request");
        }
        if (!VERIFIER.matcher(verifier).matches() || !s256(verifier).equals(req.codeChallenge())) {
            throw invalidGrant("code_verifier does not match the code_challenge");
        }
        stats.request("oauth:codes:redeemed");
        Instant expiresAt = now.plus(tokenLifetime);
        if (!req.credentialScope()) {
            Map<String, Object> out = issue(SCOPE_SERVICE, jkt, null, c.grantId(), expiresAt);
            String refresh = randomToken();
            refreshTokens.put(refresh, new Refresh(c.grantId(), clientId, SCOPE_SERVICE, jkt, now.plus(REFRESH_LIFETIME)));
            out.put("refresh_token", refresh);
            out.put("refresh_expires_in", REFRESH_LIFETIME.toSeconds());
            return out;
        }
        Authorization a = new Authorization(req.credentialId(), clientId, req.numSignatures(), req.hashes(), req.hashOid(),
                expiresAt);
        Map<String, Object> out = issue(SCOPE_CREDENTIAL, jkt, a, c.grantId(), expiresAt);
        out.put("credentialID", req.credentialId());
        if (req.authorizationDetails() != null) {
            out.put("authorization_details", req.authorizationDetails());
        }
        return out;
    }

    private Map<String, Object> refresh(Map<String, String> form, String jkt) {
        String token = required(form, "refresh_token");
        Refresh r = refreshTokens.get(token);
        Instant now = clock.instant();
        if (r == null || !now.isBefore(r.expiresAt())) {
            throw invalidGrant("The refresh token is unknown, revoked or expired");
        }
        if (!r.clientId().equals(clientId)) {
            throw invalidGrant("The refresh token was issued to another client");
        }
        if (r.jkt() != null && !r.jkt().equals(jkt)) {
            throw invalidGrant("The refresh token is bound to a DPoP key: send a proof with that key");
        }
        String scope = form.get("scope");
        if (scope != null && !scope.equals(r.scope())) {
            throw new HttpError(400, "invalid_scope", "A refresh can only ask for the scope of the grant");
        }
        // the refresh token stays valid until it expires (no rotation, like a Keycloak realm by default)
        Map<String, Object> out = issue(r.scope(), jkt, null, r.grantId(), now.plus(tokenLifetime));
        out.put("refresh_token", token);
        out.put("refresh_expires_in", seconds(Duration.between(now, r.expiresAt())));
        return out;
    }

    // ---- revocation (RFC 7009)

    /** Revokes an access or refresh token of the client (a refresh token takes its grant's access tokens along). */
    void revoke(String contentType, byte[] body, String authorization) {
        Map<String, String> form = form(contentType, body, "The revocation request");
        String method = "none";
        try {
            method = authenticateClient(form, authorization);
            String token = required(form, "token");
            stats.request("oauth:revoke");
            AccessToken access = tokens.remove(token);
            if (access != null) {
                stats.request("oauth:revoke:revoked");
            }
            Refresh refresh = refreshTokens.get(token);
            if (refresh != null) {
                for (int i = revokeGrant(refresh.grantId()); i > 0; i--) {
                    stats.request("oauth:revoke:revoked");
                }
            }
            stats.tokenRequest(new Stats.TokenRequest("revoke", null, method, false, "ok"));
        } catch (HttpError e) {
            stats.tokenRequest(new Stats.TokenRequest("revoke", null, method, false, e.error()));
            throw e;
        }
    }

    /** Removes every access and refresh token of a grant; returns how many there were. */
    private int revokeGrant(String grantId) {
        int before = tokens.size() + refreshTokens.size();
        tokens.values().removeIf(t -> grantId.equals(t.grantId()));
        refreshTokens.values().removeIf(r -> grantId.equals(r.grantId()));
        return Math.max(0, before - tokens.size() - refreshTokens.size());
    }

    /** Whole seconds left, rounded up (the milliseconds spent answering do not make a 300 s token say 299). */
    private static long seconds(Duration d) {
        return Math.max(0, (d.toMillis() + 999) / 1000);
    }

    private static String required(Map<String, String> form, String name) {
        String v = form.get(name);
        if (v == null || v.isEmpty()) {
            throw HttpError.badRequest("Missing parameter " + name);
        }
        return v;
    }

    private static HttpError invalidGrant(String description) {
        return new HttpError(400, "invalid_grant", description);
    }

    static String s256(String verifier) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Parses a form body after checking its content type. */
    static Map<String, String> form(String contentType, byte[] body, String what) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw HttpError.badRequest(what + " must be application/x-www-form-urlencoded");
        }
        return parseForm(new String(body, StandardCharsets.UTF_8));
    }

    private Authorization credentialAuthorization(String details, Instant expiresAt) {
        if (details == null || details.isEmpty()) {
            throw HttpError.badRequest("Missing parameter authorization_details: required with scope credential");
        }
        JsonNode array;
        try {
            array = JsonBody.MAPPER.readTree(details);
        } catch (java.io.IOException e) {
            throw HttpError.badRequest("Invalid parameter authorization_details: not valid JSON");
        }
        if (array == null || !array.isArray() || array.size() != 1 || !array.get(0).isObject()) {
            throw HttpError.badRequest("Invalid parameter authorization_details: must be an array of one object");
        }
        JsonBody d = JsonBody.parse(array.get(0).toString().getBytes(StandardCharsets.UTF_8));
        if (!"credential".equals(d.string("type").orElse(null))) {
            throw HttpError.badRequest("Invalid parameter authorization_details.type: must be credential");
        }
        String credentialId = d.string("credentialID").orElseThrow(
                () -> HttpError.badRequest("Missing parameter authorization_details.credentialID"));
        if (credentials.apply(credentialId).isEmpty()) {
            throw HttpError.badRequest("Invalid parameter authorization_details.credentialID: unknown credential");
        }
        int num = d.integer("numSignatures").orElseThrow(
                () -> HttpError.badRequest("Missing parameter authorization_details.numSignatures"));
        if (num < 1 || num > multisign) {
            throw HttpError.badRequest("Invalid parameter authorization_details.numSignatures: must be 1.." + multisign);
        }
        List<byte[]> hashes = null;
        String hashOid = d.string("hashAlgorithmOID").orElse(null);
        Optional<JsonNode> digests = d.raw("documentDigests");
        if (digests.isPresent()) {
            if (hashOid == null) {
                throw HttpError.badRequest("Missing parameter authorization_details.hashAlgorithmOID: required with documentDigests");
            }
            int len = SignAlgorithms.hashLength(hashOid).orElseThrow(() -> HttpError.badRequest(
                    "Invalid parameter authorization_details.hashAlgorithmOID: not supported"));
            JsonNode list = digests.get();
            if (!list.isArray()) {
                throw HttpError.badRequest("Invalid parameter authorization_details.documentDigests: must be an array");
            }
            hashes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode h = list.get(i).get("hash");
                String field = "authorization_details.documentDigests[" + i + "].hash";
                if (h == null || !h.isTextual()) {
                    throw HttpError.badRequest("Missing parameter " + field);
                }
                byte[] raw = JsonBody.base64(h.textValue(), field);
                if (raw.length != len) {
                    throw HttpError.badRequest("Invalid parameter " + field + ": must be " + len + " bytes");
                }
                hashes.add(raw);
            }
            if (hashes.size() != num) {
                throw HttpError.badRequest("Invalid parameter authorization_details.documentDigests: must hold numSignatures hashes");
            }
        } else if (scal == 2) {
            throw HttpError.badRequest("Missing parameter authorization_details.documentDigests: required at SCAL 2");
        }
        return new Authorization(credentialId, clientId, num, hashes, hashOid, expiresAt);
    }

    /**
     * Authenticates the client of a token, PAR or revocation request.
     *
     * @return the method it used: client_secret_basic, client_secret_post or private_key_jwt
     */
    String authenticateClient(Map<String, String> form, String authorization) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean post = form.containsKey("client_secret");
        boolean jwt = form.containsKey("client_assertion") || form.containsKey("client_assertion_type");
        int methods = (basic ? 1 : 0) + (post ? 1 : 0) + (jwt ? 1 : 0);
        if (methods > 1) {
            throw HttpError.badRequest("Use exactly one client authentication method");
        }
        if (authorization != null && !basic) {
            throw invalidClient("Unsupported Authorization scheme at the token endpoint", false);
        }
        if (basic) {
            String id;
            String secret;
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw invalidClient("Malformed Basic credentials", true);
                }
                id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalidClient("Malformed Basic credentials", true);
            }
            if (form.containsKey("client_id") && !form.get("client_id").equals(id)) {
                throw HttpError.badRequest("client_id does not match the authenticated client");
            }
            if (!clientId.equals(id) || !constantTimeEquals(secret, clientSecret)) {
                throw invalidClient("Client authentication failed", true);
            }
            return "client_secret_basic";
        } else if (post) {
            if (!clientId.equals(form.get("client_id")) || !constantTimeEquals(form.get("client_secret"), clientSecret)) {
                throw invalidClient("Client authentication failed", false);
            }
            return "client_secret_post";
        } else if (jwt) {
            verifyAssertion(form);
            return "private_key_jwt";
        }
        throw invalidClient("Client authentication is required", false);
    }

    private void verifyAssertion(Map<String, String> form) {
        if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
            throw invalidClient("client_assertion_type must be " + JWT_BEARER, false);
        }
        String assertion = form.get("client_assertion");
        if (assertion == null || assertion.isEmpty()) {
            throw invalidClient("Missing client_assertion", false);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalidClient("client_assertion is not a signed JWT", false);
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        boolean verified;
        try {
            if (JWSAlgorithm.ES256.equals(alg)) {
                verified = jwt.verify(new ECDSAVerifier(clientEcKey));
            } else if (JWSAlgorithm.RS256.equals(alg)) {
                verified = jwt.verify(new RSASSAVerifier(clientRsaKey));
            } else {
                throw invalidClient("client_assertion alg must be ES256 or RS256", false);
            }
        } catch (JOSEException e) {
            verified = false;
        }
        if (!verified) {
            throw invalidClient("client_assertion signature does not verify with the registered key", false);
        }
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            throw invalidClient("client_assertion iss and sub must be the client_id", false);
        }
        if (form.containsKey("client_id") && !clientId.equals(form.get("client_id"))) {
            throw invalidClient("client_id does not match the client_assertion", false);
        }
        List<String> aud = claims.getAudience();
        // RFC 7523: the token endpoint; RFC 9126 and OpenID: the issuer too (used at PAR and revocation)
        if (aud == null || aud.stream().noneMatch(a -> a.equals(tokenUrl.toString()) || a.equals(baseUrl.toString())
                || a.equals(baseUrl + "/") || a.equals(endpoints.issuer().toString()))) {
            throw invalidClient("client_assertion aud must be the token endpoint", false);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(now)) {
            throw invalidClient("client_assertion is expired or has no exp", false);
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plusSeconds(5))) {
            throw invalidClient("client_assertion iat is in the future", false);
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty()) {
            throw invalidClient("client_assertion has no jti", false);
        }
        if (!assertionReplay.firstUse(jti, exp.toInstant())) {
            throw invalidClient("client_assertion jti was already used", false);
        }
    }

    private static HttpError invalidClient(String description, boolean basic) {
        HttpError e = new HttpError(401, "invalid_client", description);
        if (basic) {
            e.header("WWW-Authenticate", "Basic realm=\"cscsign sandbox\"");
        }
        return e;
    }

    private static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("The form body is not valid URL encoding");
            }
            if (out.put(name, value) != null) {
                throw HttpError.badRequest("Parameter " + name + " is repeated");
            }
        }
        return out;
    }

    /** Finds a live token, or null. */
    AccessToken lookup(String token) {
        AccessToken t = tokens.get(token);
        if (t == null) {
            return null;
        }
        if (!clock.instant().isBefore(t.expiresAt())) {
            tokens.remove(token);
            return null;
        }
        return t;
    }

    void expireAll() {
        tokens.clear();
    }

    OAuthEndpoints endpoints() {
        return endpoints;
    }

    Dpop dpop() {
        return dpop;
    }
}
