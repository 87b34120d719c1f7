package org.cscsign.token;

import eu.europa.esig.dss.model.DSSException;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;

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
        X509Certificate leaf = key.getCertificate().getCertificate();
        X509Certificate[] chain = key.getCertificateChain().length > 1
                ? new X509Certificate[]{key.getCertificateChain()[1].getCertificate()} : new X509Certificate[0];
        for (byte[] der : data.ocspResponses()) {
            try {
                Object object = new OCSPResp(OCSPResponse.getInstance(der)).getResponseObject();
                if (!(object instanceof BasicOCSPResp basic)) {
                    continue;
                }
                for (SingleResp single : basic.getResponses()) {
                    if (single.getCertID().getSerialNumber().equals(leaf.getSerialNumber())
                            && issuerMatches(single, chain) && single.getCertStatus() instanceof RevokedStatus revoked) {
                        throw new CredentialUnusableException("credential " + key.credentialId() + " is revoked since "
                                + revoked.getRevocationTime().toInstant()
                                + " (OCSP returned by signHash): signature refused", true);
                    }
                }
            } catch (OCSPException e) {
                throw new DSSException("unreadable OCSP response from signHash: " + e.getMessage(), e);
            }
        }
    }

    private static boolean issuerMatches(SingleResp single, X509Certificate[] issuer) {
        if (issuer.length == 0) {
            return true;
        }
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            return single.getCertID().matchesIssuer(new X509CertificateHolder(issuer[0].getEncoded()), digests);
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException | java.io.IOException e) {
            return true; // cannot tell: a serial match is enough to refuse
        }
    }
}
