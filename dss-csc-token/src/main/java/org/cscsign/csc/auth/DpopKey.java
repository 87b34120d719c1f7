package org.cscsign.csc.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * The key a client proves possession of with DPoP (RFC 9449). Tokens issued with a proof of this key
 * are bound to its JWK SHA-256 thumbprint. Immutable and thread-safe; {@link #toString()} shows only
 * the thumbprint.
 */
public final class DpopKey {

    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final JWK publicJwk;
    private final String thumbprint;

    private DpopKey(KeyPair keys) {
        this.algorithm = JwsKeys.algorithm(keys);
        this.signer = JwsKeys.signer(keys);
        this.publicJwk = JwsKeys.publicJwk(keys);
        try {
            this.thumbprint = publicJwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot compute the JWK thumbprint: " + e.getMessage(), e);
        }
    }

    /** @return a fresh EC P-256 key (ES256), the usual DPoP key */
    public static DpopKey generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new DpopKey(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate an EC P-256 key", e);
        }
    }

    /**
     * @param keys an EC (P-256/384/521) or RSA key pair
     * @return a DPoP key using it (ES256/384/512 or RS256)
     */
    public static DpopKey of(KeyPair keys) {
        return new DpopKey(Objects.requireNonNull(keys, "keys"));
    }

    /**
     * @param pkcs8Pem an unencrypted PKCS#8 PEM private key file
     * @return a DPoP key using it
     */
    public static DpopKey fromPem(Path pkcs8Pem) {
        return new DpopKey(KeyMaterial.readPkcs8Pem(pkcs8Pem));
    }

    /** @return the JWK SHA-256 thumbprint (RFC 7638) the service binds tokens to */
    public String thumbprint() {
        return thumbprint;
    }

    /** @return the JWS algorithm of the proofs */
    public String algorithm() {
        return algorithm.getName();
    }

    /**
     * Creates a DPoP proof JWT: header {@code typ=dpop+jwt}, {@code alg}, {@code jwk} (public only);
     * claims {@code htm}, {@code htu} (without query and fragment), {@code iat}, a fresh {@code jti},
     * {@code ath} when an access token is given, {@code nonce} when given.
     *
     * @param htm the HTTP method
     * @param url the request URL
     * @param accessToken the access token the request carries, or null (token endpoint)
     * @param nonce the server's DPoP nonce, or null
     * @param now the issue time
     * @return the compact JWT
     */
    public String proof(String htm, URI url, String accessToken, String nonce, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", htm)
                .claim("htu", htu(url))
                .issueTime(Date.from(now));
        if (accessToken != null) {
            claims.claim("ath", ath(accessToken));
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        JWSHeader header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType("dpop+jwt")).jwk(publicJwk).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the DPoP proof: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * @param url a request URL
     * @return the {@code htu} value: scheme, authority and path, without query and fragment
     */
    static String htu(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    static String ath(String accessToken) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(h).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DpopKey[" + algorithm + ", thumbprint=" + thumbprint + "]";
    }
}
