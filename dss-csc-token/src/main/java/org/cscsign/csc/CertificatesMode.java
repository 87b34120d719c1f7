package org.cscsign.csc;

import java.util.Locale;

/** The {@code certificates} parameter of {@code credentials/list} and {@code credentials/info}. */
public enum CertificatesMode {
    /** No certificate. */
    NONE,
    /** The end-entity certificate only (the service default). */
    SINGLE,
    /** The end-entity certificate and its chain, leaf first. */
    CHAIN;

    /** @return the wire value: {@code none}, {@code single} or {@code chain} */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
