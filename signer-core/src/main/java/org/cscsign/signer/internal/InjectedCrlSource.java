package org.cscsign.signer.internal;

import eu.europa.esig.dss.crl.CRLUtils;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.spi.x509.revocation.crl.OfflineCRLSource;

import java.util.List;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;

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

    /**
     * Marks the tokens as external, as DSS does for its own external sources (it copies the origin).
     * Synchronized: DSS's offline source builds and remembers tokens lazily in plain maps, and one source
     * serves all documents of a batch, which are finished concurrently.
     */
    @Override
    public synchronized List<RevocationToken<CRL>> getRevocationTokens(CertificateToken certificate, CertificateToken issuer) {
        List<RevocationToken<CRL>> tokens = super.getRevocationTokens(certificate, issuer);
        for (RevocationToken<CRL> token : tokens) {
            token.setExternalOrigin(RevocationOrigin.EXTERNAL);
        }
        return tokens;
    }
}
