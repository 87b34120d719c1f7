package org.cscsign.signer.internal;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.cscsign.signer.CertificateStatusException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the OCSPResponse DER signHash returned into the basic responses DSS is given; what they say about the
 * leaf is {@code org.cscsign.token.SignHashOcsp}'s to read.
 */
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
}
