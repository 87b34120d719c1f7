package org.cscsign.csc.auth;

import org.cscsign.csc.AccessToken;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.Sad;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of the token endpoint to a code exchange or a refresh: the access token, a refresh token
 * where the server gave one, and what the token was asked for. For a credential authorization,
 * {@link #asSad()} makes the token the SAD of the signHash call it covers. Secret:
 * {@link #toString()} shows no token.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, null when none was given
 * @param request what the token was asked for
 */
public record OAuth2Tokens(AccessToken accessToken, String refreshToken, AuthorizationRequest request) {

    /**
     * Checks the fields.
     *
     * @param accessToken the access token
     * @param refreshToken the refresh token, null when none was given
     * @param request what the token was asked for
     */
    public OAuth2Tokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(request, "request");
    }

    /** @return the refresh token, if the server gave one */
    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    /**
     * The credential-scope token as the SAD of {@code signatures/signHash}: it covers the credential,
     * the hashes and the number of signatures asked for, until the token expires.
     *
     * @return the SAD
     * @throws IllegalStateException for a service-scope token
     */
    public Sad asSad() {
        if (!request.credentialScope()) {
            throw new IllegalStateException("a service-scope token is not a SAD");
        }
        CredentialId id = request.credentialId().orElseThrow();
        List<byte[]> hashes = request.hashes();
        Instant expiry = accessToken.expiresAt();
        return new Sad(accessToken.value(), id, expiry, request.numSignatures(), hashes);
    }

    /** @return the hash algorithm of a credential authorization */
    public Optional<HashAlgorithm> hashAlgorithm() {
        return request.hashAlgorithm();
    }

    @Override
    public String toString() {
        return "OAuth2Tokens[" + accessToken + ", refresh=" + (refreshToken == null ? "none" : "***") + ", " + request + "]";
    }
}
