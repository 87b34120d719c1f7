package org.cscsign.signer;

/**
 * The revocation status of the signing certificate does not allow signing: the OCSP response
 * returned by {@code signatures/signHash} (or fetched by DSS) says "unknown", or no usable status
 * could be established. Nothing was returned or written.
 */
public class CertificateStatusException extends SigningException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the certificate and its status
     */
    public CertificateStatusException(String message) {
        super(Family.CERTIFICATE_STATUS, message, null);
    }

    /**
     * @param message the certificate and its status
     * @param cause the underlying error
     */
    public CertificateStatusException(String message, Throwable cause) {
        super(Family.CERTIFICATE_STATUS, message, cause);
    }
}
