package org.cscsign.signer.internal;

import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPResponseBinary;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OfflineOCSPSource;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;

import java.util.List;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.ocsp.OCSP;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;

/**
 * Offline OCSP source over responses obtained outside DSS (from {@code signatures/signHash} or given
 * by the caller), with origin EXTERNAL. Placed first in the verifier's composite so DSS uses these
 * before it would go to the network.
 */
public final class InjectedOcspSource extends OfflineOCSPSource {

    private static final long serialVersionUID = 1L;

    /**
     * @param responses the parsed BasicOCSPResponses
     */
    public InjectedOcspSource(List<BasicOCSPResp> responses) {
        for (BasicOCSPResp response : responses) {
            addBinary(OCSPResponseBinary.build(response), RevocationOrigin.EXTERNAL);
        }
    }

    /**
     * Marks the tokens as external, as DSS does for its own external sources (it copies the origin).
     * Synchronized: DSS's offline source builds and remembers tokens lazily in plain maps, and one source
     * serves all documents of a batch, which are finished concurrently.
     */
    @Override
    public synchronized List<RevocationToken<OCSP>> getRevocationTokens(CertificateToken certificate, CertificateToken issuer) {
        List<RevocationToken<OCSP>> tokens = super.getRevocationTokens(certificate, issuer);
        for (RevocationToken<OCSP> token : tokens) {
            token.setExternalOrigin(RevocationOrigin.EXTERNAL);
        }
        return tokens;
    }
}
