package org.cscsign.token;

import eu.europa.esig.dss.model.DSSException;

/**
 * The token refused to sign, or refused the signatures it got, because the credential's certificate
 * cannot make a valid signature: revoked (by {@code cert.status} or by the OCSP response signHash
 * returned), expired or not yet valid. Callers can tell this apart from a service failure.
 */
public class CredentialUnusableException extends DSSException {

    private static final long serialVersionUID = 1L;

    /** Whether the certificate is revoked (false: it is outside its validity). */
    private final boolean revoked;

    /**
     * @param message what is wrong with the credential (no secret in it)
     * @param revoked true when the certificate is revoked, false when it is outside its validity
     */
    public CredentialUnusableException(String message, boolean revoked) {
        super(message);
        this.revoked = revoked;
    }

    /** @return true when the certificate is revoked, false when it is expired or not yet valid */
    public boolean isRevoked() {
        return revoked;
    }
}
