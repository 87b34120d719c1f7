package org.cscsign.validator;

import eu.europa.esig.dss.model.tsl.TLInfo;
import eu.europa.esig.dss.model.tsl.TLValidationJobSummary;
import eu.europa.esig.dss.service.http.commons.FileCacheDataLoader;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.client.http.IgnoreDataLoader;
import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.tsl.job.TLValidationJob;
import eu.europa.esig.dss.tsl.source.LOTLSource;
import eu.europa.esig.dss.tsl.source.TLSource;
import eu.europa.esig.dss.tsl.sync.ExpirationAndSignatureCheckStrategy;
import org.cscsign.dss.DataLoaders;
import org.cscsign.dss.TrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The trust a validator takes from EU-style trusted lists (TL and LOTL): loading them through DSS's
 * {@link TLValidationJob}, refusing the ones that cannot be trusted, and keeping a cache for offline use.
 * Kept apart from {@link DocumentValidator}, which only uses the resulting certificate source.
 */
final class TrustedLists {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedLists.class);

    /**
     * One configured list.
     *
     * @param url     where it is (URL or file URI)
     * @param lotl    whether it is a list of trusted lists
     * @param signers the certificates that may sign it
     */
    record Spec(String url, boolean lotl, List<X509Certificate> signers) {
    }

    private TrustedLists() {
    }

    /**
     * Downloads (or, without a trusted-list loader, reads from the cache) every configured list, checks
     * each one's signature against its signing certificates and its next update.
     *
     * @param trustedLists the lists, each with the certificates that may sign it
     * @param tlCacheDir where downloaded lists are kept for offline use; null: a new temporary folder
     * @param dataLoaders the trusted-list loader (absent: offline, the cache is all there is)
     * @return the certificates of the trust services the lists name
     * @throws IllegalArgumentException naming the list that could not be loaded, parsed or verified
     */
    static TrustedListsCertificateSource load(List<Spec> trustedLists, Path tlCacheDir, DataLoaders dataLoaders) {
        Path cacheDir = tlCacheDir;
        try {
            cacheDir = cacheDir == null ? Files.createTempDirectory("cscsign-tl-cache") : Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("tlCacheDir: cannot create " + cacheDir + ": " + e.getMessage(), e);
        }
        FileCacheDataLoader cache = new FileCacheDataLoader();
        cache.setFileCacheDirectory(cacheDir.toFile());
        DataLoader download = dataLoaders.trustedListLoader().orElse(null);
        if (download != null) {
            cache.setDataLoader(download);
            cache.setCacheExpirationTime(0); // always download afresh, keep the copy for offline use
        } else {
            cache.setDataLoader(new IgnoreDataLoader());
            cache.setCacheExpirationTime(-1); // the cache never expires: it is all we have
        }
        LocalOrCachedFileLoader loader = new LocalOrCachedFileLoader(cache);

        List<TLSource> tls = new ArrayList<>();
        List<LOTLSource> lotls = new ArrayList<>();
        for (Spec spec : trustedLists) {
            CommonTrustedCertificateSource signers = TrustAnchors.source(spec.signers());
            if (spec.lotl()) {
                LOTLSource source = new LOTLSource();
                source.setUrl(spec.url());
                source.setCertificateSource(signers);
                lotls.add(source);
            } else {
                TLSource source = new TLSource();
                source.setUrl(spec.url());
                source.setCertificateSource(signers);
                tls.add(source);
            }
        }
        TrustedListsCertificateSource result = new TrustedListsCertificateSource();
        TLValidationJob job = new TLValidationJob();
        job.setTrustedListSources(tls.toArray(TLSource[]::new));
        job.setListOfTrustedListSources(lotls.toArray(LOTLSource[]::new));
        job.setTrustedListCertificateSource(result);
        // refuse lists whose signature does not verify or that are past their next update
        job.setSynchronizationStrategy(new ExpirationAndSignatureCheckStrategy());
        ExecutorService executor = Executors.newFixedThreadPool(2);
        job.setExecutorService(executor);
        try {
            if (download != null) {
                job.setOnlineDataLoader(loader);
                job.onlineRefresh();
            } else {
                job.setOfflineDataLoader(loader);
                job.offlineRefresh();
            }
        } finally {
            executor.shutdownNow();
        }
        checkLoaded(job.getSummary());
        return result;
    }

    private static void checkLoaded(TLValidationJobSummary summary) {
        List<TLInfo> configured = new ArrayList<>(summary.getOtherTLInfos());
        configured.addAll(summary.getLOTLInfos());
        for (TLInfo info : configured) {
            String problem = problem(info);
            if (problem != null) {
                throw new IllegalArgumentException("trustedList: " + info.getUrl() + " " + problem);
            }
        }
        summary.getLOTLInfos().forEach(lotl -> lotl.getTLInfos().forEach(tl -> {
            String problem = problem(tl);
            if (problem != null) {
                // one broken national list must not make the whole LOTL unusable
                LOG.warn("trusted list {} from LOTL {} ignored: {}", tl.getUrl(), lotl.getUrl(), problem);
            }
        }));
    }

    private static String problem(TLInfo info) {
        if (info.getDownloadCacheInfo().isError()) {
            return "could not be loaded: " + info.getDownloadCacheInfo().getExceptionMessage();
        }
        if (info.getParsingCacheInfo().isError()) {
            return "could not be parsed: " + info.getParsingCacheInfo().getExceptionMessage();
        }
        if (info.getValidationCacheInfo().isError()) {
            return "could not be validated: " + info.getValidationCacheInfo().getExceptionMessage();
        }
        if (!info.getValidationCacheInfo().isResultExist() || !info.getValidationCacheInfo().isValid()) {
            return "has no valid signature by a configured signing certificate ("
                    + info.getValidationCacheInfo().getIndication() + ")";
        }
        if (info.getParsingCacheInfo().isResultExist() && info.getParsingCacheInfo().getNextUpdateDate() != null
                && info.getParsingCacheInfo().getNextUpdateDate().toInstant().isBefore(Instant.now())) {
            return "has expired (next update " + info.getParsingCacheInfo().getNextUpdateDate().toInstant() + ")";
        }
        return null;
    }
}
