package org.cscsign.sandbox;

import java.time.Instant;

/**
 * An access token the sandbox issued. {@code jkt} is the DPoP key thumbprint it is bound to (null for a
 * Bearer token); {@code credentialAuthorization} is set for scope {@code credential}, where the token
 * itself acts as the SAD; {@code grantId} ties the tokens of one authorization code (revoked together when
 * the code is replayed), null for client_credentials.
 */
record AccessToken(String clientId, String scope, String jkt, Instant expiresAt, Authorization credentialAuthorization,
        String grantId) {

    /** A token outside any authorization-code grant. */
    AccessToken(String clientId, String scope, String jkt, Instant expiresAt, Authorization credentialAuthorization) {
        this(clientId, scope, jkt, expiresAt, credentialAuthorization, null);
    }

    @Override
    public String toString() {
        return "AccessToken[clientId=" + clientId + ", scope=" + scope + ", dpop=" + (jkt != null) + "]";
    }
}
