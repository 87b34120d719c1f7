package org.cscsign.dss;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataLoadersTest {

    @Test
    void offlineHasNoFetchingLoaderAndClearsTheVerifiersDefaultSources() {
        DataLoaders offline = DataLoaders.offline();
        // DSS's verifier comes with a default AIA source: offline must remove it, not leave it
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        assertThat(verifier.getAIASource()).isNotNull();

        offline.applyTo(verifier);

        assertThat(offline.fetches()).isFalse();
        assertThat(offline.ocspLoader()).isEmpty();
        assertThat(offline.crlLoader()).isEmpty();
        assertThat(offline.aiaLoader()).isEmpty();
        assertThat(offline.trustedListLoader()).isEmpty();
        assertThat(verifier.getAIASource()).isNull();
        assertThat(verifier.getOcspSource()).isNull();
        assertThat(verifier.getCrlSource()).isNull();
    }

    @Test
    void onlineGivesTheVerifierAllThreeSources() {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier(true);

        DataLoaders.online().applyTo(verifier);

        assertThat(verifier.getOcspSource()).isNotNull();
        assertThat(verifier.getCrlSource()).isNotNull();
        assertThat(verifier.getAIASource()).isNotNull();
    }

    @Test
    void decorationWrapsEveryPresentLoaderOnceAndKeepsAbsentOnesAbsent() {
        List<DataLoader> seen = new ArrayList<>();
        DataLoaders decorated = DataLoaders.builder().crl(null).build().decorated(loader -> {
            seen.add(loader);
            return new Recording(loader);
        });

        assertThat(seen).hasSize(4); // ocsp, aia, trusted lists, tsa; no crl
        assertThat(decorated.crlLoader()).isEmpty();
        assertThat(decorated.ocspLoader()).containsInstanceOf(Recording.class);
        assertThat(decorated.aiaLoader()).containsInstanceOf(Recording.class);
        assertThat(decorated.trustedListLoader()).containsInstanceOf(Recording.class);
        assertThat(decorated.tsaLoader()).containsInstanceOf(Recording.class);
        assertThat(DataLoaders.offline().decorated(Recording::new).fetches()).isFalse();
    }

    @Test
    void theTspSourceSendsThroughTheGivenTsaLoader() {
        Recording tsa = new Recording(new CommonsDataLoader());
        DataLoaders loaders = DataLoaders.offline().toBuilder().tsa(tsa).build();

        // the recording loader answers garbage: DSS fails to parse it, after the request went through us
        assertThatThrownBy(() -> loaders.tspSource(URI.create("http://127.0.0.1:9/tsa"))
                .getTimeStampResponse(DigestAlgorithm.SHA256, DSSUtils.digest(DigestAlgorithm.SHA256, new byte[1])))
                .isInstanceOf(RuntimeException.class);
        assertThat(tsa.posts).containsExactly("http://127.0.0.1:9/tsa");
    }

    @Test
    void noTsaLoaderRefusesATspSource() {
        DataLoaders none = DataLoaders.offline().toBuilder().tsa(null).build();

        assertThatThrownBy(() -> none.tspSource(URI.create("http://127.0.0.1:9/tsa")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("tsa: ");
    }

    /** Answers every request with a fixed non-response and records where it was sent. */
    static final class Recording implements DataLoader {
        private static final long serialVersionUID = 1L;
        final transient DataLoader inner;
        final List<String> posts = new ArrayList<>();

        Recording(DataLoader inner) {
            this.inner = inner;
        }

        @Override
        public byte[] get(String url) {
            posts.add(url);
            return new byte[] {1};
        }

        @Override
        public DataAndUrl get(List<String> urls) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] post(String url, byte[] content) {
            posts.add(url);
            return new byte[] {1};
        }

        @Override
        public void setContentType(String contentType) {
            inner.setContentType(contentType);
        }
    }
}
