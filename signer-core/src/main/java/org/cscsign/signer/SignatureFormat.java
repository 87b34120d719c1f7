package org.cscsign.signer;

/** The AdES signature formats signer-core produces (ETSI baseline profiles through DSS). */
public enum SignatureFormat {
    /** PDF signature (ETSI EN 319 142), DSS {@code PAdESService}. */
    PADES,
    /** CMS signature (ETSI EN 319 122), DSS {@code CAdESService}. */
    CADES,
    /** XML signature (ETSI EN 319 132), DSS {@code XAdESService}. */
    XADES,
    /** JSON web signature (ETSI TS 119 182), DSS {@code JAdESService}. */
    JADES,
    /** ASiC-E container (ETSI EN 319 162) holding XAdES or CAdES signatures over all inputs. */
    ASIC_E
}
