package org.cscsign.signer.internal;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSRevocationUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.cscsign.signer.CertificateRevokedException;
import org.cscsign.signer.CertificateStatusException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses OCSPResponse DER and checks what it says about one certificate. */
public final class OcspResponses {

    private OcspResponses() {
    }

    /**
     * @param ocspResponses DER OCSPResponse structures (as {@code ValidationData} holds them)
     * @return the BasicOCSPResponses inside
     * @throws CertificateStatusException when one is not a successful OCSPResponse
     */
    public static List<BasicOCSPResp> parse(List<byte[]> ocspResponses) {
        List<BasicOCSPResp> result = new ArrayList<>();
        for (byte[] der : ocspResponses) {
            try {
                OCSPResp resp = new OCSPResp(der);
                if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                    throw new CertificateStatusException("OCSP response from the signing service has status "
                            + resp.getStatus() + " (not successful)");
                }
                Object object = resp.getResponseObject();
                if (!(object instanceof BasicOCSPResp basic)) {
                    throw new CertificateStatusException("OCSP response from the signing service is not a basic response");
                }
                result.add(basic);
            } catch (IOException | OCSPException | RuntimeException e) {
                if (e instanceof CertificateStatusException cse) {
                    throw cse;
                }
                throw new CertificateStatusException("OCSP response from the signing service cannot be parsed: "
                        + e.getMessage(), e);
            }
        }
        return result;
    }

    /**
     * Checks the status of {@code certificate} in the responses that are about it (CertID matching the
     * certificate's serial and its issuer's name and key hash).
     *
     * @param responses parsed responses
     * @param certificate the certificate (the signer's leaf)
     * @param issuer its issuer
     * @return true when at least one response is about the certificate (and says good)
     * @throws CertificateRevokedException when the latest matching response says revoked
     * @throws CertificateStatusException when it says unknown
     */
    public static boolean checkGood(List<BasicOCSPResp> responses, CertificateToken certificate, CertificateToken issuer) {
        boolean found = false;
        for (BasicOCSPResp response : responses) {
            SingleResp single = DSSRevocationUtils.getLatestSingleResponse(response, certificate, issuer);
            if (single == null) {
                continue;
            }
            found = true;
            Object status = single.getCertStatus();
            if (status instanceof RevokedStatus revoked) {
                String reason = revoked.hasRevocationReason() ? ", reason " + revoked.getRevocationReason() : "";
                throw new CertificateRevokedException("signing certificate " + describe(certificate)
                        + " is revoked since " + revoked.getRevocationTime().toInstant() + reason
                        + " (OCSP returned by the signing service)");
            }
            if (status instanceof UnknownStatus) {
                throw new CertificateStatusException("signing certificate " + describe(certificate)
                        + " has OCSP status unknown (OCSP returned by the signing service)");
            }
        }
        return found;
    }

    private static String describe(CertificateToken certificate) {
        return "'" + certificate.getSubject().getRFC2253() + "' (serial " + certificate.getSerialNumber().toString(16) + ")";
    }
}
