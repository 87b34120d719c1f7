package org.cscsign.token;

import eu.europa.esig.dss.model.DSSException;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Refuses to hand out signatures made with a credential whose certificate is known to be unusable:
 * before the call when {@code cert.status} says revoked/expired, the key is disabled or the leaf is
 * outside its validity (or, with no {@code cert.status}, when the leaf's OCSP/CRL says revoked),
 * after the call when the service's own OCSP answer (validationInfo) says revoked. Such a signature
 * could never validate, and users must learn it at signing time, not from a validation report.
 */
final class RevocationGuard {

    private RevocationGuard() {
    }

    /**
     * The service's own word first ({@link org.cscsign.csc.CredentialInfo#unusable}: key, cert.status,
     * validity); when it does not report cert.status, the leaf's OCSP/CRL through {@code leafStatus}.
     */
    static void checkBeforeSigning(CscKeyEntry key, Instant now, LeafStatusCheck leafStatus) {
        var unusable = key.credentialInfo().unusable(now);
        if (unusable.isEmpty() && key.credentialInfo().cert().status() == null && key.getCertificateChain().length > 1) {
            unusable = leafStatus.check(key.getCertificate().getCertificate(), key.getCertificateChain()[1].getCertificate())
                    .map(u -> new org.cscsign.csc.CredentialInfo.Unusable("credential " + key.credentialId()
                            + " cannot sign: " + u.reason(), u.revoked()));
        }
        if (unusable.isPresent()) {
            throw new CredentialUnusableException(unusable.get().reason(), unusable.get().revoked());
        }
    }

    static void checkAfterSigning(CscKeyEntry key, ValidationData data) {
        X509Certificate issuer = key.getCertificateChain().length > 1 ? key.getCertificateChain()[1].getCertificate() : null;
        SignHashOcsp.LeafStatus status;
        try {
            status = SignHashOcsp.leafStatus(data.ocspResponses(), key.getCertificate().getCertificate(), issuer)
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            throw new DSSException(e.getMessage(), e);
        }
        if (status != null && status.status() == SignHashOcsp.Status.REVOKED) {
            throw new CredentialUnusableException("credential " + key.credentialId() + " is revoked since "
                    + status.revokedAt() + " (OCSP returned by signHash): signature refused", true);
        }
    }
}
