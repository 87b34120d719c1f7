package org.cscsign.sandbox;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Checks the primesign {@code account_token}: a JWT signed HS256 with the SHA-256 of the client secret
 * as key (or unsigned, {@code alg: none}, only when the sandbox allows it), whose {@code iat} is recent,
 * whose {@code jti} was not seen before, whose {@code azp} is the client and whose {@code sub} names the
 * account. Every refusal is {@code invalid_request} and says which check failed, never the token.
 */
final class AccountTokens {
    /** How old an account_token may be; a little clock skew into the future is tolerated. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration MAX_SKEW = Duration.ofSeconds(30);
    private static final int MAX_LENGTH = 4096;

    private final Clock clock;
    private final String clientId;
    private final byte[] key;
    private final boolean allowNone;
    private final ReplayCache replay;

    AccountTokens(Clock clock, String clientId, String clientSecret, boolean allowNone) {
        this.clock = clock;
        this.clientId = clientId;
        this.allowNone = allowNone;
        this.replay = new ReplayCache(clock);
        try {
            this.key = MessageDigest.getInstance("SHA-256").digest(clientSecret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies the token and uses up its {@code jti}.
     *
     * @return the account id ({@code sub})
     * @throws HttpError invalid_request naming the failed check
     */
    String verify(String token) {
        if (token.length() > MAX_LENGTH) {
            throw bad("is too long");
        }
        JWT jwt;
        JWTClaimsSet claims;
        Map<String, Object> raw;
        try {
            jwt = JWTParser.parse(token);
            claims = jwt.getJWTClaimsSet();
            // the claims as sent: nimbus turns a numeric sub into a string, the account id must be one
            raw = ((JOSEObject) jwt).getPayload().toJSONObject();
        } catch (ParseException | ClassCastException e) {
            throw bad("is not a JWT");
        }
        if (raw == null) {
            throw bad("is not a JWT");
        }
        Algorithm alg = jwt.getHeader().getAlgorithm();
        if (jwt instanceof PlainJWT) {
            if (!allowNone) {
                throw bad("must be signed (alg none is not allowed for this client)");
            }
        } else if (jwt instanceof SignedJWT signed && JWSAlgorithm.HS256.equals(alg)) {
            boolean ok;
            try {
                ok = signed.verify(new MACVerifier(key));
            } catch (JOSEException e) {
                ok = false;
            }
            if (!ok) {
                throw bad("signature does not verify with the client's key");
            }
        } else {
            throw bad("alg must be HS256");
        }
        if (!clientId.equals(claims.getClaim("azp"))) {
            throw bad("azp is not the client_id");
        }
        if (!(raw.get("sub") instanceof String sub) || sub.isBlank()) {
            throw bad("has no sub (account id) string");
        }
        Date iat = claims.getIssueTime();
        Instant now = clock.instant();
        if (iat == null) {
            throw bad("has no iat");
        }
        if (iat.toInstant().isBefore(now.minus(MAX_AGE)) || iat.toInstant().isAfter(now.plus(MAX_SKEW))) {
            throw bad("iat is not within " + MAX_AGE.toMinutes() + " minutes of the server time");
        }
        Date exp = claims.getExpirationTime();
        if (exp != null && !exp.toInstant().isAfter(now)) {
            throw bad("is expired");
        }
        if (!(raw.get("jti") instanceof String jti) || jti.isEmpty()) {
            throw bad("has no jti string");
        }
        if (!replay.firstUse(jti, iat.toInstant().plus(MAX_AGE).plus(MAX_SKEW))) {
            throw bad("jti was already used");
        }
        return sub;
    }

    private static HttpError bad(String what) {
        return HttpError.badRequest("Invalid parameter account_token: " + what);
    }
}
