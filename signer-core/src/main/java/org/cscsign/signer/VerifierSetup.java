package org.cscsign.signer;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.model.x509.revocation.ocsp.OCSP;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.spi.x509.CompositeRevocationSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.cscsign.dss.DataLoaders;
import org.cscsign.dss.TrustAnchors;
import org.cscsign.signer.internal.BatchOnlineSources;
import org.cscsign.signer.internal.InjectedCrlSource;
import org.cscsign.signer.internal.InjectedOcspSource;
import org.cscsign.signer.internal.OcspResponses;
import org.cscsign.token.SignHashOcsp;
import org.cscsign.token.ValidationData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signer's part that builds the DSS certificate verifier of a batch: trust anchors, the key's chain, the
 * batch's online sources (from the signer's {@link DataLoaders}, cached for the batch), the DSS alerts
 * ({@link DssAlerts}), and — once signHash has answered — the validation data it returned, placed before the
 * online sources so the leaf's revocation data needs no network call.
 */
final class VerifierSetup {

    private static final Logger LOG = LoggerFactory.getLogger(VerifierSetup.class);

    private final DSSPrivateKeyEntry key;
    private final List<X509Certificate> trustAnchors;
    private final DataLoaders dataLoaders;

    VerifierSetup(DSSPrivateKeyEntry key, List<X509Certificate> trustAnchors, DataLoaders dataLoaders) {
        this.key = key;
        this.trustAnchors = trustAnchors;
        this.dataLoaders = dataLoaders;
    }

    /** @return the batch's online sources (one cache per batch), or null when the loaders fetch nothing */
    BatchOnlineSources onlineSources() {
        return dataLoaders.fetches() ? new BatchOnlineSources(dataLoaders) : null;
    }

    /** A verifier without revocation sources yet: they come with signHash's answer. */
    CommonCertificateVerifier newVerifier(BatchOnlineSources online) {
        // 'true': no default AIA source; the loaders' one is set explicitly
        CommonCertificateVerifier verifier = new CommonCertificateVerifier(true);
        verifier.setTrustedCertSources(TrustAnchors.source(trustAnchors));
        CommonCertificateSource adjunct = new CommonCertificateSource();
        if (key.getCertificateChain() != null) {
            for (CertificateToken c : key.getCertificateChain()) {
                adjunct.addCertificate(c);
            }
        }
        verifier.setAdjunctCertSources(adjunct);
        verifier.setAIASource(online == null ? null : online.aia());
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
        DssAlerts.install(verifier, !dataLoaders.fetches());
        return verifier;
    }

    /**
     * Checks the OCSP signHash returned (about the signer's leaf, says good) and makes signHash's validation data
     * the verifier's first revocation source.
     *
     * @throws CertificateRevokedException when the signHash OCSP says the leaf is revoked
     * @throws CertificateStatusException when it says unknown or cannot be read
     */
    void injectValidationData(CommonCertificateVerifier verifier, BatchOnlineSources online, ValidationData data) {
        List<BasicOCSPResp> ocsp = OcspResponses.parse(data.ocspResponses());
        CertificateToken leaf = key.getCertificate();
        CertificateToken issuer = issuerOf(leaf, data);
        if (issuer == null && !ocsp.isEmpty()) {
            LOG.warn("the issuer of the signing certificate is unknown: the OCSP returned by the signing service"
                    + " is matched by serial only (DSS still checks it for LT/LTA)");
        }
        // the token's rule for reading the signHash OCSP (SignHashOcsp), reported with the signer's exceptions
        SignHashOcsp.LeafStatus status = SignHashOcsp.leafStatus(data.ocspResponses(), leaf.getCertificate(),
                issuer == null ? null : issuer.getCertificate()).orElse(null);
        String subject = "'" + leaf.getSubject().getRFC2253() + "' (serial " + leaf.getSerialNumber().toString(16) + ")";
        if (status == null) {
            if (!ocsp.isEmpty()) {
                LOG.warn("the OCSP response(s) returned by the signing service are not about the signing certificate");
            }
        } else if (status.status() == SignHashOcsp.Status.REVOKED) {
            throw new CertificateRevokedException("signing certificate " + subject + " is revoked since "
                    + status.revokedAt() + (status.reason() == null ? "" : ", reason " + status.reason())
                    + " (OCSP returned by the signing service)");
        } else if (status.status() == SignHashOcsp.Status.UNKNOWN) {
            throw new CertificateStatusException("signing certificate " + subject
                    + " has OCSP status unknown (OCSP returned by the signing service)");
        }
        CommonCertificateSource extra = new CommonCertificateSource();
        for (byte[] der : data.certificates()) {
            extra.addCertificate(DSSUtils.loadCertificate(der));
        }
        verifier.addAdjunctCertSources(extra);

        Map<String, RevocationSource<OCSP>> ocspSources = new LinkedHashMap<>();
        ocspSources.put("signHash validation data", new InjectedOcspSource(ocsp));
        Map<String, RevocationSource<CRL>> crlSources = new LinkedHashMap<>();
        crlSources.put("signHash validation data", new InjectedCrlSource(data.crls()));
        if (online != null && online.ocsp() != null) {
            ocspSources.put("online OCSP", online.ocsp());
        }
        if (online != null && online.crl() != null) {
            crlSources.put("online CRL", online.crl());
        }
        CompositeRevocationSource<OCSP> ocspComposite = new CompositeRevocationSource<>();
        ocspComposite.setSources(ocspSources);
        CompositeRevocationSource<CRL> crlComposite = new CompositeRevocationSource<>();
        crlComposite.setSources(crlSources);
        verifier.setOcspSource(ocspComposite);
        verifier.setCrlSource(crlComposite);
    }

    private CertificateToken issuerOf(CertificateToken leaf, ValidationData data) {
        List<CertificateToken> candidates = new ArrayList<>(key.getCertificateChain() == null
                ? List.of() : List.of(key.getCertificateChain()));
        for (byte[] der : data.certificates()) {
            candidates.add(DSSUtils.loadCertificate(der));
        }
        trustAnchors.forEach(a -> candidates.add(new CertificateToken(a)));
        for (CertificateToken c : candidates) {
            if (!c.equals(leaf) && leaf.isSignedBy(c)) {
                return c;
            }
        }
        return null;
    }
}
