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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cscsign.sandbox.pki.SandboxCredential;

/**
 * The OAuth2 token endpoint (RFC 6749 client_credentials) with client_secret_basic,
 * client_secret_post and private_key_jwt client authentication, optional or required DPoP binding
 * (RFC 9449), and the store of issued access tokens.
 */
final class OAuthServer {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String SCOPE_SERVICE = "service";
    static final String SCOPE_CREDENTIAL = "credential";
    static final String SCOPE_BANKID = "esign/b2b";

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

    OAuthServer(Profile profile, Clock clock, Duration tokenLifetime, String clientId, String clientSecret,
            ECPublicKey clientEcKey, RSAPublicKey clientRsaKey, URI baseUrl, URI tokenUrl, Dpop dpop, int scal,
            int multisign, Function<String, Optional<SandboxCredential>> credentials) {
        this.profile = profile;
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clientEcKey = clientEcKey;
        this.clientRsaKey = clientRsaKey;
        this.baseUrl = baseUrl;
        this.tokenUrl = tokenUrl;
        this.dpop = dpop;
        this.scal = scal;
        this.multisign = multisign;
        this.credentials = credentials;
        this.assertionReplay = new ReplayCache(clock);
    }

    /** The token response fields, in order. */
    Map<String, Object> token(String contentType, byte[] body, String authorization, List<String> dpopProofs, URI requestUri) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw HttpError.badRequest("The token request must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
        String jkt = null;
        if (dpopProofs.size() > 1) {
            throw Dpop.invalid(false, "More than one DPoP header");
        }
        if (dpopProofs.isEmpty()) {
            if (profile == Profile.BANKID) {
                throw Dpop.invalid(false, "A DPoP proof is required");
            }
        } else {
            jkt = dpop.verify(dpopProofs.get(0), "POST", requestUri, null, false).jkt();
        }
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw HttpError.badRequest("Missing parameter grant_type");
        }
        if (!"client_credentials".equals(grantType)) {
            throw new HttpError(400, "unsupported_grant_type", "Only grant_type client_credentials is supported");
        }
        authenticateClient(form, authorization);
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
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        if (tokens.size() > 1000) {
            Instant now = clock.instant();
            tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        }
        tokens.put(token, new AccessToken(clientId, scope, jkt, expiresAt, credentialAuthorization));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("token_type", jkt == null ? "Bearer" : "DPoP");
        out.put("expires_in", tokenLifetime.toSeconds());
        out.put("scope", scope);
        return out;
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

    private void authenticateClient(Map<String, String> form, String authorization) {
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
        } else if (post) {
            if (!clientId.equals(form.get("client_id")) || !constantTimeEquals(form.get("client_secret"), clientSecret)) {
                throw invalidClient("Client authentication failed", false);
            }
        } else if (jwt) {
            verifyAssertion(form);
        } else {
            throw invalidClient("Client authentication is required", false);
        }
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
        if (aud == null || aud.stream().noneMatch(a -> a.equals(tokenUrl.toString()) || a.equals(baseUrl.toString())
                || a.equals(baseUrl + "/"))) {
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

    Dpop dpop() {
        return dpop;
    }
}
