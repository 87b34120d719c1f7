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
    BANKID
}
