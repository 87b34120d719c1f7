package org.cscsign.sandbox.pki;

/**
 * The status of a sandbox credential's certificate as the test PKI reports it (in {@code credentials/info}
 * {@code cert.status}, OCSP and CRLs).
 */
public enum CertificateStatus {
    /** Within its validity period and not revoked. */
    VALID,
    /** Listed as revoked by the issuing CA (OCSP status revoked, present in the CA's CRL). */
    REVOKED,
    /** The clock is outside the certificate's validity period. */
    EXPIRED
}
