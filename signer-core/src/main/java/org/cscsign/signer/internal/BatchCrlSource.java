package org.cscsign.signer.internal;

import eu.europa.esig.dss.crl.CRLValidity;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.CertificateExtensionsUtils;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;

import java.util.List;
import java.util.Objects;

/**
 * The batch's online CRL source, in front of DSS's {@code OnlineCRLSource}: a CRL is parsed and its signature
 * verified ONCE per batch, not once per document. DSS builds a new {@code CRLValidity} (parse + signature check
 * against the issuer's key) every time it asks an online source, although within a batch every document asks
 * for the same CRL (the download itself is already shared by {@link BatchCachingDataLoader}). Here the checked
 * validity is kept per issuer and CRL location, and each request still gets its own {@link CRLToken}, built from
 * it for the certificate asked about (so the certificate's own status is read from the CRL every time) — as
 * DSS's offline CRL sources do with the CRLs a document carries.
 *
 * <p>One instance per batch (nothing is kept beyond it); safe for the batch's concurrent documents.
 */
public final class BatchCrlSource implements CRLSource {

    private static final long serialVersionUID = 1L;

    /** A batch needs one CRL per CA; more than this and the rest are checked each time. */
    private static final int MAX_ENTRIES = 64;

    /** the source that downloads, parses and verifies. */
    private final CRLSource online;
    /** the checked CRLs of this batch, one per issuer and CRL location; counts the checks really made. */
    private final transient SingleFlight<String, Checked> checked = new SingleFlight<>(MAX_ENTRIES);

    /** A CRL as DSS checked it, and where it came from. */
    private record Checked(CRLValidity validity, String sourceUrl) {
    }

    /**
     * @param online the source that downloads and checks CRLs (DSS {@code OnlineCRLSource} over the batch's loader)
     * @throws NullPointerException when {@code online} is null
     */
    public BatchCrlSource(CRLSource online) {
        this.online = Objects.requireNonNull(online, "online");
    }

    /** @return how many CRLs were parsed and had their signature checked (asked of the online source) in this batch */
    public long crlChecks() {
        return checked.computations();
    }

    @Override
    public CRLToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
        List<String> locations = CertificateExtensionsUtils.getCRLAccessUrls(certificate);
        // the validity depends on the CRL (its locations; the batch loader gives one answer per URL) and the issuer key
        String key = issuer.getDSSIdAsString() + " " + locations;
        CRLToken[] fresh = new CRLToken[1];
        Checked found = checked.get(key, () -> {
            CRLToken token = online.getRevocationToken(certificate, issuer);
            fresh[0] = token;
            return token == null ? null : new Checked(token.getCrlValidity(), token.getSourceURL());
        }, "the CRL at " + locations);
        if (fresh[0] != null || found == null) {
            return fresh[0];
        }
        CRLToken token = new CRLToken(certificate, found.validity());
        token.setExternalOrigin(RevocationOrigin.EXTERNAL);
        token.setSourceURL(found.sourceUrl());
        return token;
    }
}
