package org.cscsign.dss;

import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.CommonsHttpClientResponseHandler;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A DSS {@link DataLoader} (TSA, OCSP, CRL, AIA) with an overall deadline and a cap on the response size:
 * a responder that drips its answer one byte at a time, or never stops sending, fails within the deadline
 * with bounded memory, as a {@link DSSExternalResourceException} naming the URL and the limit. DSS's
 * {@link CommonsDataLoader} gets its connect/response/socket timeouts set to the deadline and a response
 * handler that reads through the cap and checks the deadline between reads; any other loader is bounded
 * in time only between calls (its own reads are its business).
 */
public final class BoundedDataLoader implements DataLoader {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    /** the loader that really downloads. */
    private final DataLoader delegate;
    /** the longest one download may take. */
    private final Duration deadline;

    private BoundedDataLoader(DataLoader delegate, Duration deadline) {
        this.delegate = delegate;
        this.deadline = deadline;
    }

    /**
     * @param loader the loader to bound (a {@link CommonsDataLoader} is configured in place)
     * @param deadline the most time one call may take, answer included
     * @param maxBytes the largest answer accepted
     * @return the bounded loader
     */
    public static DataLoader bound(DataLoader loader, Duration deadline, long maxBytes) {
        Objects.requireNonNull(loader, "loader");
        if (loader instanceof BoundedDataLoader) {
            return loader;
        }
        if (loader instanceof CommonsDataLoader commons) {
            int ms = (int) Math.min(Integer.MAX_VALUE, deadline.toMillis());
            commons.setTimeoutConnection(ms);
            commons.setTimeoutConnectionRequest(ms);
            commons.setTimeoutResponse(ms);
            commons.setTimeoutSocket(ms);
            commons.setHttpClientResponseHandler(new CappedHandler(maxBytes));
        }
        return new BoundedDataLoader(loader, deadline);
    }

    @Override
    public byte[] get(String url) {
        return within(() -> delegate.get(url));
    }

    @Override
    public DataAndUrl get(List<String> urlStrings) {
        return within(() -> delegate.get(urlStrings));
    }

    @Override
    public byte[] post(String url, byte[] content) {
        return within(() -> delegate.post(url, content));
    }

    @Override
    public void setContentType(String contentType) {
        delegate.setContentType(contentType);
    }

    private <T> T within(java.util.function.Supplier<T> call) {
        Long outer = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + deadline.toNanos());
        try {
            return call.get();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    /** DSS's handler (accepted statuses, closing), reading the body through the cap and the deadline. */
    private static final class CappedHandler extends CommonsHttpClientResponseHandler {
        private final long maxBytes;

        CappedHandler(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        protected byte[] getContent(HttpEntity entity) throws IOException {
            if (entity.getContentLength() > maxBytes) {
                throw new IOException("the answer is larger than the limit of " + maxBytes + " bytes");
            }
            Long until = DEADLINE.get();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            InputStream in = entity.getContent();
            try {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                    if (out.size() > maxBytes) {
                        throw new IOException("the answer is larger than the limit of " + maxBytes + " bytes");
                    }
                    if (until != null && System.nanoTime() > until) {
                        throw new IOException("no complete answer within the deadline");
                    }
                }
            } catch (IOException e) {
                // drop the connection: closing the stream would read the rest of the answer first, which is
                // exactly what must not happen with a drip-feeding or endless responder
                if (in instanceof EofSensorInputStream sensor) {
                    sensor.abort();
                }
                throw e;
            }
            in.close();
            return out.toByteArray();
        }
    }

    @Override
    public String toString() {
        return "Bounded[" + delegate + ", " + deadline + "]";
    }
}
