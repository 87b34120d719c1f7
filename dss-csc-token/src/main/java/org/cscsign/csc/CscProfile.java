package org.cscsign.csc;

/**
 * Presets for the services cscsign knows, applied to a {@link CscClientConfig.Builder}: nothing
 * more than default values, which later builder calls may override.
 */
public enum CscProfile {
    /** Any CSC v1/v2 service: scope {@code service}, explicit credential authorization (PIN/OTP → SAD). */
    STANDARD,
    /**
     * BankID B2B ({@code …/v0/b2b/csc/v2}): scope {@code esign/b2b}, DPoP on every call, no SAD, and
     * {@code returnValidationInfo} (it returns the leaf's OCSP as a BasicOCSPResponse).
     */
    BANKID,
    /**
     * primesign ({@code /csc/v1} or {@code /csc/v2}): scope {@code service}; {@code clientData} and
     * {@code account_token} (see {@code org.cscsign.csc.auth.AccountToken}) as the integration needs.
     */
    PRIMESIGN;

    /** BankID B2B test environment base URL. */
    public static final String BANKID_TEST_BASE_URL = "https://api.preprod.esign-stoetest.cloud/v0/b2b/csc/v2";
    /** BankID B2B production base URL. */
    public static final String BANKID_PRODUCTION_BASE_URL = "https://api.esign-stoe.cloud/v0/b2b/csc/v2";

    /**
     * Sets this profile's defaults on the builder.
     *
     * @param builder the builder
     */
    void applyTo(CscClientConfig.Builder builder) {
        switch (this) {
            case STANDARD, PRIMESIGN -> builder.scope("service");
            case BANKID -> builder.scope("esign/b2b").dpop(true).returnValidationInfo(true);
        }
    }

    /**
     * @return whether the service has {@code credentials/info}; BankID B2B has only
     *     {@code credentials/list}, whose {@code credentialInfo} answer carries the same data
     */
    public boolean servesCredentialInfo() {
        return this != BANKID;
    }

    /** @return whether credentials of this profile are used without SAD (BankID B2B) */
    public boolean usesSad() {
        return this != BANKID;
    }
}
