package org.cscsign.sandbox;

import java.net.URI;

/**
 * Where the sandbox's OAuth2 authorization server lives for a profile. STANDARD serves it at the CSC
 * {@code oauth2} base ({@code /oauth2/authorize}, {@code /oauth2/token}, …, issuer = the base URL);
 * PRIMESIGN imitates a Keycloak realm, so a client can only find it through the issuer's metadata;
 * BANKID has only the token endpoint.
 *
 * @param issuer the RFC 8414 issuer identifier, no trailing slash
 * @param authorizePath GET authorization endpoint, null when there is none
 * @param consentPath where the consent form is POSTed
 * @param tokenPath the token endpoint
 * @param parPath the pushed authorization request endpoint
 * @param revokePath the RFC 7009 revocation endpoint
 * @param metadataPaths paths that serve the authorization server metadata
 */
record OAuthEndpoints(URI issuer, String authorizePath, String consentPath, String tokenPath, String parPath,
        String revokePath, java.util.List<String> metadataPaths) {

    static final String REALM = "/realms/sandbox";
    private static final String OIDC = REALM + "/protocol/openid-connect";

    static OAuthEndpoints of(Profile profile, URI baseUrl) {
        return switch (profile) {
            case BANKID -> new OAuthEndpoints(baseUrl, null, null, "/oauth2/token", null, null, java.util.List.of());
            case STANDARD -> new OAuthEndpoints(baseUrl, "/oauth2/authorize", "/oauth2/consent", "/oauth2/token",
                    "/oauth2/pushed_authorize", "/oauth2/revoke", java.util.List.of("/.well-known/oauth-authorization-server"));
            case PRIMESIGN -> new OAuthEndpoints(URI.create(baseUrl + REALM), OIDC + "/auth", REALM + "/login-actions/consent",
                    OIDC + "/token", OIDC + "/ext/par/request", OIDC + "/revoke",
                    java.util.List.of(REALM + "/.well-known/openid-configuration",
                            "/.well-known/oauth-authorization-server" + REALM));
        };
    }

    /** True for the paths the authorization server answers besides the token endpoint. */
    boolean serves(String path) {
        return authorizePath != null && (path.equals(authorizePath) || path.equals(consentPath) || path.equals(parPath)
                || path.equals(revokePath) || metadataPaths.contains(path));
    }

    URI url(String path) {
        return URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority() + path);
    }
}
