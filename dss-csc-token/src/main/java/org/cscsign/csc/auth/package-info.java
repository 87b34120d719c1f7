/**
 * Authentication and authorization for the CSC client: OAuth2 {@code client_credentials} with
 * {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt}; DPoP (RFC 9449);
 * the primesign {@code account_token}; and how a credential is authorized before signHash
 * ({@link org.cscsign.csc.auth.CredentialAuthorizer}: explicit PIN/OTP, none, or a given SAD).
 */
package org.cscsign.csc.auth;
