package org.cscsign.signer.internal;

import eu.europa.esig.dss.crl.CRLUtils;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.spi.x509.revocation.crl.OfflineCRLSource;

import java.util.List;

/**
 * Offline CRL source over DER CRLs obtained outside DSS ({@code validationInfo.crl} of signHash, or
 * given by the caller), with origin EXTERNAL, placed before the online CRL source.
 */
public final class InjectedCrlSource extends OfflineCRLSource {

    private static final long serialVersionUID = 1L;

    /**
     * @param crls DER-encoded CRLs
     */
    public InjectedCrlSource(List<byte[]> crls) {
        for (byte[] crl : crls) {
            addBinary(CRLUtils.buildCRLBinary(crl), RevocationOrigin.EXTERNAL);
        }
    }
}
