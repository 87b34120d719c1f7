package org.cscsign.signer.internal;

import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.spi.client.http.DataLoader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A DSS {@link DataLoader} in front of the online OCSP, CRL and AIA loaders that answers a request it has
 * already seen in this batch from memory: the issuing CA's CRL, the TSA certificate's OCSP response and
 * the CA certificates fetched by AIA are then downloaded once per batch instead of once per document.
 *
 * <p>Keys are the URL for GET and the URL plus the SHA-256 of the body for POST (an OCSP request without
 * a nonce is the same bytes for the same certificate; one with a nonce is never answered from the cache,
 * as it should not be). Concurrent requests for the same key wait for the one download in flight. Only
 * successful responses are kept; a failure is reported to every waiter and the next request tries again.
 * One instance per batch, so nothing outlives the batch (revocation data is never stale across batches).
 */
public final class BatchCachingDataLoader implements DataLoader {

    private static final long serialVersionUID = 1L;

    /** At most this many responses are kept; beyond, requests go through uncached (a batch needs a handful). */
    private static final int MAX_ENTRIES = 256;

    /** the loader that really downloads. */
    private final DataLoader delegate;
    /** the downloads of this batch, one per key; counts the downloads really made. */
    private final transient SingleFlight<String, byte[]> responses = new SingleFlight<>(MAX_ENTRIES);

    /**
     * @param delegate the loader that goes to the network
     */
    public BatchCachingDataLoader(DataLoader delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return how many requests reached the delegate (downloads actually made) */
    public long downloads() {
        return responses.computations();
    }

    @Override
    public byte[] get(String url) {
        return cached("GET " + url, () -> delegate.get(url));
    }

    @Override
    public DataAndUrl get(List<String> urls) {
        // DSS tries the URLs in order and stops at the first that answers: cache per URL the same way
        DSSException last = null;
        for (String url : urls) {
            try {
                byte[] data = get(url);
                if (data != null && data.length > 0) {
                    return new DataAndUrl(url, data);
                }
            } catch (DSSException e) {
                last = e;
            }
        }
        throw last != null ? last : new DSSException("none of the URLs " + urls + " returned data");
    }

    @Override
    public byte[] post(String url, byte[] content) {
        return cached("POST " + url + " " + sha256(content), () -> delegate.post(url, content));
    }

    @Override
    public void setContentType(String contentType) {
        delegate.setContentType(contentType);
    }

    private byte[] cached(String key, java.util.function.Supplier<byte[]> download) {
        byte[] data = responses.get(key, download, key.substring(key.indexOf(' ') + 1));
        // each caller gets its own copy: DSS may keep or change the array it is given
        return data == null ? null : data.clone();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content == null ? "".getBytes(StandardCharsets.US_ASCII) : content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
