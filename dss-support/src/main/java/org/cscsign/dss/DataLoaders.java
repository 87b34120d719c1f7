package org.cscsign.dss;

import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.http.commons.TimestampDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one place where cscsign's signer and validator get their DSS {@link DataLoader}s: every network
 * access DSS makes on their behalf goes through a loader of this value, so a caller can replace any of
 * them, wrap all of them (deadlines, size caps, caches: {@link #decorated(UnaryOperator)}), or switch
 * fetching off ({@link #offline()}).
 *
 * <p>Five roles, each with its own loader:
 * <ul>
 *   <li><b>OCSP</b>: DSS {@link OnlineOCSPSource} (POSTs OCSP requests);</li>
 *   <li><b>CRL</b>: DSS {@link OnlineCRLSource} (GETs CRLs from the CRL distribution points);</li>
 *   <li><b>AIA</b>: DSS {@link DefaultAIASource} (GETs issuer certificates, {@code caIssuers});</li>
 *   <li><b>trusted lists</b>: the ETSI TS 119 612 lists (and LOTLs) a validator is told to trust;</li>
 *   <li><b>TSA</b>: DSS {@link OnlineTSPSource} (POSTs RFC 3161 requests) — used only for a time-stamping
 *       service the caller names explicitly, see {@link #tspSource(URI)}.</li>
 * </ul>
 *
 * <p><b>Offline</b> ({@link #offline()}) has no OCSP, CRL, AIA or trusted-list loader: DSS fetches nothing
 * and works with what the document, signHash's validation data and the trust settings hold. A TSA is not
 * "fetching": a signer given a TSA URL still calls that one service (the signature level asks for it), and
 * with {@link Builder#tsa(DataLoader) tsa(null)} not even that.
 *
 * <p>Immutable and thread-safe as far as the loaders are (DSS's are); share one value between signers and
 * validators.
 */
public final class DataLoaders {

    private final DataLoader ocsp;
    private final DataLoader crl;
    private final DataLoader aia;
    private final DataLoader trustedLists;
    private final DataLoader tsa;

    private DataLoaders(DataLoader ocsp, DataLoader crl, DataLoader aia, DataLoader trustedLists, DataLoader tsa) {
        this.ocsp = ocsp;
        this.crl = crl;
        this.aia = aia;
        this.trustedLists = trustedLists;
        this.tsa = tsa;
    }

    /** The largest answer a bounded loader accepts by default: far above any OCSP, CRL or trusted list. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    /**
     * DSS's own HTTP loaders for every role: {@link OCSPDataLoader} for OCSP, {@link CommonsDataLoader} for
     * CRL, AIA and trusted lists, {@link TimestampDataLoader} for the TSA. Each call makes fresh loaders.
     *
     * @return loaders for every role
     */
    public static DataLoaders online() {
        return builder().build();
    }

    /**
     * No fetching at all: no OCSP, CRL, AIA or trusted-list loader. The TSA loader stays (a
     * {@link TimestampDataLoader}) for a time-stamping service the caller configures explicitly.
     *
     * @return loaders that fetch nothing
     */
    public static DataLoaders offline() {
        return builder().ocsp(null).crl(null).aia(null).trustedLists(null).build();
    }

    /**
     * @param online {@code true} for {@link #online()}, {@code false} for {@link #offline()}
     * @return the matching loaders
     */
    public static DataLoaders of(boolean online) {
        return online ? online() : offline();
    }

    /** @return a builder starting from {@link #online()}'s loaders */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this value's loaders */
    public Builder toBuilder() {
        return new Builder().ocsp(ocsp).crl(crl).aia(aia).trustedLists(trustedLists).tsa(tsa);
    }

    /**
     * The same roles with every present loader replaced by {@code decoration.apply(loader)}: the hook for
     * wrappers that add a deadline, a response-size cap or a cache to all network access at once. Absent
     * roles stay absent (decorating never turns an offline value online).
     *
     * @param decoration applied once to each present loader; must not return {@code null}
     * @return the decorated loaders
     * @throws NullPointerException when {@code decoration} is null or returns null
     */
    public DataLoaders decorated(UnaryOperator<DataLoader> decoration) {
        Objects.requireNonNull(decoration, "decoration");
        return new DataLoaders(apply(decoration, ocsp), apply(decoration, crl), apply(decoration, aia),
                apply(decoration, trustedLists), apply(decoration, tsa));
    }

    /**
     * Every present loader with an overall deadline per call and a cap on the answer's size
     * ({@link BoundedDataLoader}): a responder that drips its answer or never stops fails within the
     * deadline, with bounded memory, as a DSS external-resource error naming the URL.
     *
     * @param deadline the most time one call may take, answer included
     * @param maxBytes the largest answer accepted
     * @return the bounded loaders
     */
    public DataLoaders bounded(java.time.Duration deadline, long maxBytes) {
        return decorated(loader -> BoundedDataLoader.bound(loader, deadline, maxBytes));
    }

    private static DataLoader apply(UnaryOperator<DataLoader> decoration, DataLoader loader) {
        return loader == null ? null : Objects.requireNonNull(decoration.apply(loader), "decoration returned null");
    }

    /**
     * @return whether DSS may fetch validation data: true when any of the OCSP, CRL, AIA or trusted-list
     *         loaders is present
     */
    public boolean fetches() {
        return ocsp != null || crl != null || aia != null || trustedLists != null;
    }

    /** @return the OCSP loader, empty when OCSP responders are not asked */
    public Optional<DataLoader> ocspLoader() {
        return Optional.ofNullable(ocsp);
    }

    /** @return the CRL loader, empty when CRLs are not downloaded */
    public Optional<DataLoader> crlLoader() {
        return Optional.ofNullable(crl);
    }

    /** @return the AIA ({@code caIssuers}) loader, empty when issuer certificates are not downloaded */
    public Optional<DataLoader> aiaLoader() {
        return Optional.ofNullable(aia);
    }

    /** @return the trusted-list loader, empty when remote trusted lists are only read from a cache */
    public Optional<DataLoader> trustedListLoader() {
        return Optional.ofNullable(trustedLists);
    }

    /** @return the TSA loader, empty when no time-stamping service may be called */
    public Optional<DataLoader> tsaLoader() {
        return Optional.ofNullable(tsa);
    }

    /** @return a DSS OCSP source over the OCSP loader, empty without one */
    public Optional<OnlineOCSPSource> ocspSource() {
        return ocspLoader().map(OnlineOCSPSource::new);
    }

    /** @return a DSS CRL source over the CRL loader, empty without one */
    public Optional<OnlineCRLSource> crlSource() {
        return crlLoader().map(OnlineCRLSource::new);
    }

    /** @return a DSS AIA source over the AIA loader, empty without one */
    public Optional<DefaultAIASource> aiaSource() {
        return aiaLoader().map(DefaultAIASource::new);
    }

    /**
     * A DSS RFC 3161 source for one time-stamping service, over the TSA loader.
     *
     * @param tsaUrl the service's URL
     * @return the source
     * @throws NullPointerException when {@code tsaUrl} is null
     * @throws IllegalStateException when this value has no TSA loader
     */
    public OnlineTSPSource tspSource(URI tsaUrl) {
        Objects.requireNonNull(tsaUrl, "tsaUrl");
        DataLoader loader = tsaLoader().orElseThrow(() -> new IllegalStateException(
                "tsa: these data loaders allow no time-stamping service (no TSA loader)"));
        return new OnlineTSPSource(tsaUrl.toString(), loader);
    }

    /**
     * Gives a DSS certificate verifier this value's OCSP, CRL and AIA sources, or clears them for absent
     * loaders (so DSS's defaults never fetch behind the caller's back).
     *
     * @param verifier the verifier to configure
     * @throws NullPointerException when {@code verifier} is null
     */
    public void applyTo(CommonCertificateVerifier verifier) {
        Objects.requireNonNull(verifier, "verifier");
        verifier.setOcspSource(ocspSource().orElse(null));
        verifier.setCrlSource(crlSource().orElse(null));
        verifier.setAIASource(aiaSource().orElse(null));
    }

    @Override
    public String toString() {
        return "DataLoaders[ocsp=" + name(ocsp) + ", crl=" + name(crl) + ", aia=" + name(aia) + ", trustedLists="
                + name(trustedLists) + ", tsa=" + name(tsa) + "]";
    }

    private static String name(DataLoader loader) {
        return loader == null ? "none" : loader.getClass().getSimpleName();
    }

    /**
     * Builds {@link DataLoaders}; starts from DSS's HTTP loaders for every role, {@code null} removes a role.
     * Not thread-safe.
     */
    public static final class Builder {
        private DataLoader ocsp = new OCSPDataLoader();
        private DataLoader crl = new CommonsDataLoader();
        private DataLoader aia = new CommonsDataLoader();
        private DataLoader trustedLists = new CommonsDataLoader();
        private DataLoader tsa = new TimestampDataLoader();

        private Builder() {
        }

        /**
         * @param loader posts OCSP requests (it must send {@code application/ocsp-request}, as DSS's
         *        {@link OCSPDataLoader} does); {@code null}: no OCSP responder is asked
         * @return this
         */
        public Builder ocsp(DataLoader loader) {
            this.ocsp = loader;
            return this;
        }

        /**
         * @param loader downloads CRLs; {@code null}: none is downloaded
         * @return this
         */
        public Builder crl(DataLoader loader) {
            this.crl = loader;
            return this;
        }

        /**
         * @param loader downloads issuer certificates (AIA caIssuers); {@code null}: none is
         * @return this
         */
        public Builder aia(DataLoader loader) {
            this.aia = loader;
            return this;
        }

        /**
         * @param loader downloads trusted lists; {@code null}: only cached or local lists are read
         * @return this
         */
        public Builder trustedLists(DataLoader loader) {
            this.trustedLists = loader;
            return this;
        }

        /**
         * @param loader posts RFC 3161 requests (it must send {@code application/timestamp-query}, as DSS's
         *        {@link TimestampDataLoader} does); {@code null}: no TSA may be called
         * @return this
         */
        public Builder tsa(DataLoader loader) {
            this.tsa = loader;
            return this;
        }

        /** @return the immutable loaders */
        public DataLoaders build() {
            return new DataLoaders(ocsp, crl, aia, trustedLists, tsa);
        }
    }
}
