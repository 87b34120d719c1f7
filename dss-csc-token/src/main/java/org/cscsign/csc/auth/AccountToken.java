package org.cscsign.csc.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * The primesign {@code account_token}: a JWT naming the user account so that {@code oauth2/authorize}
 * (or PAR) can skip account selection. Claims {@code iat}, {@code jti}, {@code sub} = account ID,
 * {@code iss} = the integrating software, {@code azp} = client ID; signed HS256 with key =
 * SHA-256(client secret), or unsigned ({@code alg: none}) where the service is configured so.
 */
public final class AccountToken {

    private AccountToken() {
    }

    /**
     * @param accountId the user's account ID ({@code sub})
     * @param issuer the integrating software ({@code iss})
     * @param clientId the OAuth2 client ID ({@code azp})
     * @param clientSecret the client secret (its SHA-256 is the HS256 key)
     * @param now the issue time
     * @return the compact HS256 JWT
     */
    public static String hs256(String accountId, String issuer, String clientId, String clientSecret, Instant now) {
        Objects.requireNonNull(clientSecret, "clientSecret");
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(clientSecret.getBytes(StandardCharsets.UTF_8));
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(accountId, issuer, clientId, now));
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot sign the account_token: " + e.getMessage(), e);
        }
    }

    /**
     * @param accountId the account ID
     * @param issuer the integrating software
     * @param clientId the client ID
     * @param now the issue time
     * @return the unsigned ({@code alg: none}) JWT
     */
    public static String unsigned(String accountId, String issuer, String clientId, Instant now) {
        return new PlainJWT(new PlainHeader(), claims(accountId, issuer, clientId, now)).serialize();
    }

    private static JWTClaimsSet claims(String accountId, String issuer, String clientId, Instant now) {
        return new JWTClaimsSet.Builder().issueTime(Date.from(Objects.requireNonNull(now, "now")))
                .jwtID(UUID.randomUUID().toString()).subject(Objects.requireNonNull(accountId, "accountId"))
                .issuer(Objects.requireNonNull(issuer, "issuer")).claim("azp", Objects.requireNonNull(clientId, "clientId"))
                .build();
    }
}
