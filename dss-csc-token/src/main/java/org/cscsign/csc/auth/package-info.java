/**
 * Authentication and authorization for the CSC client: OAuth2 {@code client_credentials} with
 * {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt}; DPoP (RFC 9449);
 * the OAuth2 authorization-code flow ({@link org.cscsign.csc.auth.AuthorizationCodeFlow}: PKCE S256,
 * state, PAR, RAR, primesign's {@link org.cscsign.csc.auth.AccountToken account_token}, refresh,
 * revocation) for web applications and, through a {@link org.cscsign.csc.auth.LoopbackReceiver}, for
 * command-line and desktop programs; the authorization server's endpoints
 * ({@link org.cscsign.csc.OAuth2Endpoints}, RFC 8414 / OpenID discovery); and how a credential is
 * authorized before signHash ({@link org.cscsign.csc.auth.CredentialAuthorizer}: explicit PIN/OTP,
 * implicit, the authorization-code flow, none, or a given SAD).
 */
package org.cscsign.csc.auth;
