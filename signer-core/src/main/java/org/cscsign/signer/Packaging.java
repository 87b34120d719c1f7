package org.cscsign.signer;

/** Where the signature sits relative to the signed data (DSS {@code SignaturePackaging}). */
public enum Packaging {
    /** The signature is inside the signed document (PAdES, XAdES over XML). */
    ENVELOPED,
    /** The signed data is inside the signature (CAdES .p7m, XAdES, JAdES). */
    ENVELOPING,
    /** The signature is a separate file referring to the data (CAdES .p7s, XAdES, JAdES). */
    DETACHED
}
