package org.cscsign.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 9449 DPoP proof checks for the token endpoint and the CSC API: header ({@code typ},
 * asymmetric {@code alg}, public {@code jwk}), signature, {@code htm}, {@code htu}, {@code iat} within
 * ±60 s, unique {@code jti}, {@code ath} on API calls and the server nonce when required.
 */
final class Dpop {
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    private static final Duration IAT_WINDOW = Duration.ofSeconds(60);
    private static final long NONCE_PERIOD_SECONDS = 300;

    /** A checked proof: the SHA-256 JWK thumbprint of its key. */
    record Proof(String jkt) {
    }

    private final Clock clock;
    private final boolean nonceRequired;
    private final ReplayCache replay;
    private final byte[] nonceKey = new byte[32];

    Dpop(Clock clock, boolean nonceRequired) {
        this.clock = clock;
        this.nonceRequired = nonceRequired;
        this.replay = new ReplayCache(clock);
        new SecureRandom().nextBytes(nonceKey);
    }

    boolean nonceRequired() {
        return nonceRequired;
    }

    /** The current server nonce; it changes every five minutes and the previous one stays valid. */
    String currentNonce() {
        return nonce(clock.instant().getEpochSecond() / NONCE_PERIOD_SECONDS);
    }

    private String nonce(long period) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(nonceKey, "HmacSHA256"));
            byte[] out = mac.doFinal(Long.toString(period).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(out, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks one proof.
     *
     * @param proof the DPoP header value
     * @param htm the request's HTTP method
     * @param requestUri the URL the request was sent to (scheme, host, port, path)
     * @param accessToken the access token on API calls (for {@code ath}), null at the token endpoint
     * @param api true for API calls (401 errors with WWW-Authenticate), false at the token endpoint (400)
     */
    Proof verify(String proof, String htm, URI requestUri, String accessToken, boolean api) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(proof);
        } catch (ParseException e) {
            throw invalid(api, "DPoP proof is not a signed JWT");
        }
        if (!new JOSEObjectType("dpop+jwt").equals(jwt.getHeader().getType())) {
            throw invalid(api, "DPoP proof typ must be dpop+jwt");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw invalid(api, "DPoP proof alg " + alg + " is not accepted");
        }
        JWK jwk = jwt.getHeader().getJWK();
        if (jwk == null) {
            throw invalid(api, "DPoP proof has no jwk header");
        }
        if (jwk.isPrivate()) {
            throw invalid(api, "DPoP proof jwk must not contain a private key");
        }
        String jkt;
        try {
            JWSVerifier verifier;
            if (jwk instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
                verifier = new ECDSAVerifier(ec);
            } else if (jwk instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                throw invalid(api, "DPoP proof jwk does not fit alg " + alg);
            }
            if (!jwt.verify(verifier)) {
                throw invalid(api, "DPoP proof signature does not verify");
            }
            jkt = jwk.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw invalid(api, "DPoP proof signature cannot be verified");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid(api, "DPoP proof claims are not valid JSON");
        }
        String jti = claimString(claims, "jti", api);
        if (!htm.equals(claimString(claims, "htm", api))) {
            throw invalid(api, "DPoP proof htm does not match the request method");
        }
        if (!sameUrl(claimString(claims, "htu", api), requestUri)) {
            throw invalid(api, "DPoP proof htu does not match the request URL");
        }
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw invalid(api, "DPoP proof has no iat");
        }
        Instant now = clock.instant();
        if (iat.toInstant().isBefore(now.minus(IAT_WINDOW)) || iat.toInstant().isAfter(now.plus(IAT_WINDOW))) {
            throw invalid(api, "DPoP proof iat is not within 60 seconds of the server time");
        }
        if (accessToken != null) {
            Object ath = claims.getClaim("ath");
            if (!(ath instanceof String s) || !s.equals(ath(accessToken))) {
                throw invalid(api, "DPoP proof ath does not match the access token");
            }
        }
        if (nonceRequired) {
            Object nonce = claims.getClaim("nonce");
            long period = now.getEpochSecond() / NONCE_PERIOD_SECONDS;
            if (!(nonce instanceof String n) || !(n.equals(nonce(period)) || n.equals(nonce(period - 1)))) {
                HttpError e = api
                        ? new HttpError(401, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof")
                                .header("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\"")
                        : new HttpError(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof");
                throw e.header("DPoP-Nonce", currentNonce());
            }
        }
        // Recorded last, so a proof refused for a missing nonce can be retried with the nonce.
        if (!replay.firstUse(jti, now.plus(IAT_WINDOW.multipliedBy(3)))) {
            throw invalid(api, "DPoP proof jti was already used");
        }
        return new Proof(jkt);
    }

    static String ath(String accessToken) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claimString(JWTClaimsSet claims, String name, boolean api) {
        Object v = claims.getClaim(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw invalid(api, "DPoP proof has no " + name + " claim");
        }
        return s;
    }

    static boolean sameUrl(String htu, URI request) {
        URI u;
        try {
            u = new URI(htu);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (u.getScheme() == null || u.getHost() == null || u.getRawPath() == null) {
            return false;
        }
        return u.getScheme().equalsIgnoreCase(request.getScheme())
                && u.getHost().equalsIgnoreCase(request.getHost())
                && port(u) == port(request)
                && u.getRawPath().equals(request.getRawPath());
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    static HttpError invalid(boolean api, String description) {
        if (api) {
            return new HttpError(401, "invalid_dpop_proof", description)
                    .header("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\", algs=\"ES256 ES384 RS256 PS256\"");
        }
        return new HttpError(400, "invalid_dpop_proof", description);
    }
}
