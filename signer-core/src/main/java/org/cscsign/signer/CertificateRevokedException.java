package org.cscsign.signer;

/**
 * The signing certificate (or another certificate of the chain) is revoked according to OCSP or CRL
 * data: the signature is refused and no output is returned or written.
 */
public class CertificateRevokedException extends CertificateStatusException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which certificate, since when, and why
     */
    public CertificateRevokedException(String message) {
        super(message);
    }

    /**
     * @param message which certificate, since when, and why
     * @param cause the underlying error (e.g. a DSS alert)
     */
    public CertificateRevokedException(String message, Throwable cause) {
        super(message, cause);
    }
}
