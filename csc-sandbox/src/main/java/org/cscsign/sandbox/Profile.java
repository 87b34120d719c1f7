package org.cscsign.sandbox;

/**
 * The flavour of CSC service the {@link Sandbox} imitates.
 */
public enum Profile {
    /**
     * A CSC v2 service at {@code /csc/v2} (and v1 at {@code /csc/v1}) with OAuth2 client credentials,
     * explicit credential authorization (PIN, OTP) and SADs, as described by the CSC API specification.
     */
    STANDARD,
    /**
     * BankID B2B: CSC v2 at {@code /v0/b2b/csc/v2} with only {@code info}, {@code credentials/list} and
     * {@code signatures/signHash}, DPoP-bound tokens of scope {@code esign/b2b}, no SAD, and a
     * BasicOCSPResponse for the signer in every signHash response.
     */
    BANKID,
    /**
     * primesign: CSC v2 at {@code /csc/v2} and v1 at {@code /csc/v1} with {@code info},
     * {@code credentials/list}, {@code credentials/info} and {@code signatures/signHash}; every credential
     * is authorized by the OAuth2 authorization-code flow ({@code auth.mode} {@code oauth2code}) at an
     * authorization server found through {@code info.oauth2Issuer} metadata (a Keycloak-like realm at
     * {@code /realms/sandbox}, not at the CSC {@code /oauth2/...} paths), and the {@code credential}-scope
     * access token is the SAD of signHash (bound to its hashes and count; SCAL 2 by default).
     */
    PRIMESIGN
}
