package org.cscsign.signer;

/** ETSI baseline levels (DSS {@code SignatureLevel} *_BASELINE_*). */
public enum Level {
    /** Basic signature. */
    B,
    /** With a signature timestamp (RFC 3161 TSA). */
    T,
    /** With timestamp and the validation data (certificates, OCSP/CRL) of every certificate. */
    LT,
    /** LT plus an archive timestamp. */
    LTA;

    /** @return true when this level needs a TSA */
    public boolean needsTimestamp() {
        return this != B;
    }

    /** @return true when this level embeds revocation data */
    public boolean needsRevocationData() {
        return this == LT || this == LTA;
    }
}
