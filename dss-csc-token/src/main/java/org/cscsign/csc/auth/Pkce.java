package org.cscsign.csc.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Proof Key for Code Exchange (RFC 7636) with method {@code S256} only: a fresh high-entropy
 * {@code code_verifier} per authorization and its {@code code_challenge} =
 * BASE64URL(SHA-256(ASCII(verifier))). The verifier is secret until the code exchange:
 * {@link #toString()} never shows it.
 */
public final class Pkce {

    /** The only challenge method used: {@code S256}. */
    public static final String METHOD = "S256";

    private final String verifier;
    private final String challenge;

    private Pkce(String verifier) {
        this.verifier = verifier;
        this.challenge = challengeOf(verifier);
    }

    /**
     * @param random the randomness source
     * @return a new verifier (43 characters of Base64url, 256 bits) and its challenge
     */
    public static Pkce generate(SecureRandom random) {
        byte[] raw = new byte[32];
        Objects.requireNonNull(random, "random").nextBytes(raw);
        return new Pkce(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    }

    /**
     * @param verifier a {@code code_verifier} (43 to 128 characters of {@code [A-Za-z0-9-._~]})
     * @return the S256 {@code code_challenge} of it
     * @throws IllegalArgumentException if the verifier breaks RFC 7636 section 4.1
     */
    public static String challengeOf(String verifier) {
        if (verifier == null || !verifier.matches("[A-Za-z0-9\\-._~]{43,128}")) {
            throw new IllegalArgumentException("a PKCE code_verifier has 43 to 128 characters of [A-Za-z0-9-._~]");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the {@code code_verifier} (secret: sent only to the token endpoint) */
    public String verifier() {
        return verifier;
    }

    /** @return the {@code code_challenge} sent with the authorization request */
    public String challenge() {
        return challenge;
    }

    @Override
    public String toString() {
        return "Pkce[S256, challenge=" + challenge + ", verifier=***]";
    }
}
