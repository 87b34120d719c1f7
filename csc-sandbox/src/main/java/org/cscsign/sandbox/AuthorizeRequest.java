package org.cscsign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A checked authorization request (from the URL or from a pushed authorization request): what the
 * consent page shows and what the code, once redeemed, grants.
 *
 * @param clientId the registered client
 * @param redirectUri the redirect URI exactly as sent (the code exchange must repeat it)
 * @param state the client's state, echoed, may be null
 * @param codeChallenge the PKCE S256 challenge
 * @param scope {@code service} or {@code credential}
 * @param credentialId for scope credential: the credential
 * @param numSignatures for scope credential: how many signatures the token allows
 * @param hashes for scope credential: the exact digests it allows, null when not bound to hashes
 * @param hashOid the digest algorithm OID of the hashes, null when not given (v1 style)
 * @param labels one per hash from RAR {@code documentDigests[].label}, null when none came
 * @param authorizationDetails the RAR {@code authorization_details} as parsed, echoed in the token response, or null
 * @param lang the {@code lang} parameter or null
 * @param accountId the verified {@code sub} of an {@code account_token}, or null
 * @param clientData the raw {@code clientData} or null
 * @param par whether it came through PAR
 */
record AuthorizeRequest(String clientId, String redirectUri, String state, String codeChallenge, String scope,
        String credentialId, int numSignatures, List<byte[]> hashes, String hashOid, List<String> labels,
        JsonNode authorizationDetails, String lang, String accountId, String clientData, boolean par) {

    boolean credentialScope() {
        return OAuthServer.SCOPE_CREDENTIAL.equals(scope);
    }

    @Override
    public String toString() {
        // no state, challenge or hashes: this may end up in a log line
        return "AuthorizeRequest[scope=" + scope + ", credential=" + credentialId + ", numSignatures=" + numSignatures
                + ", par=" + par + ", rar=" + (authorizationDetails != null) + "]";
    }
}
