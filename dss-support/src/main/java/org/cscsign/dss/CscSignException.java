package org.cscsign.dss;

import java.util.Objects;

/**
 * The one unchecked root of every error the cscsign library raises ({@code dss-csc-token},
 * {@code signer-core}, {@code validator}), so that a caller can catch what it can handle by
 * {@link #family()} or by subclass, without walking cause chains: DSS's own exceptions and JDK exceptions
 * are wrapped at the public boundary of the library. Messages are one line naming the document, the service
 * or the option, and never contain a token, secret, SAD, PIN or OTP.
 */
public class CscSignException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, in the terms a caller acts on (the CLI maps each to one exit code). */
    public enum Family {
        /** A remote service (CSC, OAuth2, TSA, OCSP, CRL) was unreachable, refused, malformed, too slow or too large. */
        REMOTE_SERVICE,
        /** The signing service refused to authorize the credential (PIN, OTP, SAD, consent). */
        AUTHORIZATION,
        /** An input document is unreadable, not of the format, or too large for the memory given. */
        BAD_DOCUMENT,
        /** The signing certificate (or one of its chain) is revoked, expired or its status cannot be established. */
        CERTIFICATE_STATUS,
        /** The outputs cannot be written. */
        OUTPUT,
        /** A signature did not validate, or validation itself could not be carried out. */
        VALIDATION,
        /** The signature could not be made for any other reason (e.g. DSS refused to finish it). */
        SIGNING
    }

    /** what kind of failure this is (decides the exit code of the CLI). */
    private final Family family;

    /**
     * @param family the kind of failure
     * @param message one line naming the document, service or option
     * @param cause the underlying failure, may be null
     */
    public CscSignException(Family family, String message, Throwable cause) {
        super(message, cause);
        this.family = Objects.requireNonNull(family, "family");
    }

    /** @return the kind of failure */
    public Family family() {
        return family;
    }
}
