package org.cscsign.signer.internal;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.cscsign.signer.RemoteServiceException;

/**
 * A {@link TSPSource} whose failures are what they are: a remote service error of the time-stamping
 * service (unreachable, refused, malformed answer), typed as {@link RemoteServiceException} and naming
 * the TSA, instead of a generic DSS exception that reads like a refusal of the signature.
 */
public final class RemoteTspSource implements TSPSource {

    private static final long serialVersionUID = 1L;

    /** the source that really asks the TSA. */
    private final TSPSource delegate;
    /** how the TSA is named in messages (its URL as configured). */
    private final String name;

    /**
     * @param delegate the source that calls the TSA
     * @param name how messages name the TSA (its URL)
     */
    public RemoteTspSource(TSPSource delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    /**
     * Checks that a TCP connection to the TSA can be made, without asking for a timestamp (nothing is
     * spent): called before any signHash, so that a TSA that is down costs no signature.
     *
     * @param tsa the TSA URL
     * @param timeout the connect timeout
     * @throws RemoteServiceException naming the TSA when no connection can be made
     */
    public static void probe(java.net.URI tsa, java.time.Duration timeout) {
        int port = tsa.getPort() != -1 ? tsa.getPort() : "https".equalsIgnoreCase(tsa.getScheme()) ? 443 : 80;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(tsa.getHost(), port), (int) timeout.toMillis());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new RemoteServiceException("time-stamping service " + tsa + " cannot be reached ("
                    + e.getClass().getSimpleName() + "): nothing was signed", e);
        }
    }

    @Override
    public TimestampBinary getTimeStampResponse(DigestAlgorithm digestAlgorithm, byte[] digest) {
        try {
            return delegate.getTimeStampResponse(digestAlgorithm, digest);
        } catch (RemoteServiceException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new RemoteServiceException("time-stamping service " + name + " failed: " + message, e);
        }
    }
}
