package org.cscsign.signer.internal;

import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.x509.aia.AIASource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;

/**
 * The online OCSP, CRL and AIA sources of ONE batch, each behind a {@link BatchCachingDataLoader}: every
 * document of the batch shares them, so a CRL, an OCSP response or a CA certificate is downloaded once
 * per batch however many documents need it. Make a new instance for every batch.
 */
public final class BatchOnlineSources {

    private final BatchCachingDataLoader ocspLoader;
    private final BatchCachingDataLoader fileLoader;
    private final OnlineOCSPSource ocsp;
    private final OnlineCRLSource crl;
    private final DefaultAIASource aia;

    /**
     * @param ocspLoader the loader for OCSP requests (POST, {@code application/ocsp-request})
     * @param fileLoader the loader for CRLs and CA certificates (GET)
     */
    public BatchOnlineSources(DataLoader ocspLoader, DataLoader fileLoader) {
        this.ocspLoader = new BatchCachingDataLoader(ocspLoader);
        this.fileLoader = new BatchCachingDataLoader(fileLoader);
        this.ocsp = new OnlineOCSPSource(this.ocspLoader);
        this.crl = new OnlineCRLSource(this.fileLoader);
        this.aia = new DefaultAIASource(this.fileLoader);
    }

    /** @return the batch's online OCSP source */
    public OCSPSource ocsp() {
        return ocsp;
    }

    /** @return the batch's online CRL source */
    public CRLSource crl() {
        return crl;
    }

    /** @return the batch's AIA source (issuer certificates) */
    public AIASource aia() {
        return aia;
    }

    /** @return how many OCSP, CRL and AIA downloads the batch actually made */
    public long downloads() {
        return ocspLoader.downloads() + fileLoader.downloads();
    }
}
