package org.cscsign.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.SignHashPool;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.SignedDocument;
import org.cscsign.signer.SigningException;
import org.cscsign.token.BatchSignatureToken;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sample: a small web application that signs the PDF of every {@code POST /sign} request as PAdES-BASELINE-LT.
 * Requests arrive on many threads at once; a {@link SignHashPool} gathers their digests so that the signing
 * service sees one {@code signatures/signHash} call per window instead of one per request.
 *
 * <p>Started against {@code cscsign sandbox --profile bankid} in {@code PooledSigningWebAppTest}.
 */
public final class PooledSigningWebApp implements AutoCloseable {

    private final SignHashPool pool;
    private final HttpServer server;
    private final ExecutorService requestThreads;

    /**
     * Starts the application on a free loopback port.
     *
     * @param token       the application's one CSC token (it stays the caller's to close)
     * @param tsaUrl      an RFC 3161 time-stamping service
     * @param trustAnchor a PEM file with the root the credential's chain ends in
     * @param window      how long a request waits at most for others to share its signHash
     * @param maxDigests  a window is signed as soon as it holds this many documents (e.g. the multisign)
     * @throws IOException when the HTTP server cannot bind
     */
    public PooledSigningWebApp(BatchSignatureToken token, URI tsaUrl, Path trustAnchor, Duration window, int maxDigests)
            throws IOException {
        // tag::pooling[]
        pool = SignHashPool.builder()
                .token(token)                  // one CscSignatureToken for the whole application
                .window(window)                // a request waits at most this long for others
                .maxDigests(maxDigests)        // ... or until this many documents are in
                .build();
        DocumentSigner signer = DocumentSigner.builder()
                .token(pool)                   // every request's digest goes through the pool
                .tsa(tsaUrl)
                .trustAnchorFile(trustAnchor)
                .build();                      // immutable, thread-safe: shared by all requests
        SignatureOptions pades = SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build();

        requestThreads = Executors.newFixedThreadPool(16);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(requestThreads);    // many requests at once
        server.createContext("/sign", exchange -> {
            byte[] pdf = exchange.getRequestBody().readAllBytes();
            try {
                SignedDocument signed = signer.sign(new InMemoryDocument(pdf, "upload.pdf"), pades);
                respond(exchange, 200, DSSUtils.toByteArray(signed.document()));
            } catch (SigningException e) {     // one request's failure is that request's answer only
                respond(exchange, 422, e.getMessage().getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        // end::pooling[]
    }

    /** @return the URL of the signing endpoint, {@code http://127.0.0.1:PORT/sign} */
    public URI signUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sign");
    }

    /** @return the signHash calls the pool made so far */
    public int signHashCalls() {
        return pool.signHashCalls();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops the server, then signs what is still waiting and stops the pool. */
    @Override
    public void close() {
        server.stop(0);
        requestThreads.shutdown();
        pool.close();
    }
}
