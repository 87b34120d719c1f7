package org.cscsign.signer.internal;

import eu.europa.esig.dss.spi.x509.aia.AIASource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import org.cscsign.dss.DataLoaders;

import java.util.Objects;

/**
 * The online OCSP, CRL and AIA sources of ONE batch, built from the signer's {@link DataLoaders} with each
 * loader behind a {@link BatchCachingDataLoader}: every document of the batch shares them, so a CRL, an OCSP
 * response or a CA certificate is downloaded once per batch however many documents need it. Make a new
 * instance for every batch.
 */
public final class BatchOnlineSources {

    private final DataLoaders cached;
    private final BatchCrlSource crl;

    /**
     * @param loaders the signer's data loaders; roles they lack stay absent here
     * @throws NullPointerException when {@code loaders} is null
     */
    public BatchOnlineSources(DataLoaders loaders) {
        this.cached = Objects.requireNonNull(loaders, "loaders").toBuilder().tsa(null).build()
                .decorated(BatchCachingDataLoader::new);
        this.crl = cached.crlSource().map(BatchCrlSource::new).orElse(null);
    }

    /** @return the batch's online OCSP source, or null when the loaders have no OCSP role */
    public OCSPSource ocsp() {
        return cached.ocspSource().orElse(null);
    }

    /**
     * @return the batch's online CRL source (each CRL downloaded, parsed and verified once per batch), or null when
     *         the loaders have no CRL role
     */
    public CRLSource crl() {
        return crl;
    }

    /** @return how many CRLs the batch parsed and verified (see {@link BatchCrlSource}) */
    public long crlChecks() {
        return crl == null ? 0 : crl.crlChecks();
    }

    /** @return the batch's AIA source (issuer certificates), or null when the loaders have no AIA role */
    public AIASource aia() {
        return cached.aiaSource().orElse(null);
    }

    /** @return how many OCSP, CRL and AIA downloads the batch actually made */
    public long downloads() {
        return downloads(cached.ocspLoader().orElse(null)) + downloads(cached.crlLoader().orElse(null))
                + downloads(cached.aiaLoader().orElse(null));
    }

    private static long downloads(Object loader) {
        return loader instanceof BatchCachingDataLoader caching ? caching.downloads() : 0;
    }
}
