package org.cscsign.csc.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Receives the one redirect of an authorization-code flow for a command-line or desktop program
 * (RFC 8252 section 7.3): a small HTTP server on {@code 127.0.0.1} only, on a given or any free port,
 * that takes the first request to {@code /callback}, answers the browser with a short page saying the
 * window can be closed, and hands the callback URL to the one waiting {@link #await}. One-shot: later
 * requests get 404. The wait is bounded and can be cancelled from another thread ({@link #cancel()},
 * e.g. on Ctrl-C). Close it when done.
 */
public final class LoopbackReceiver implements AutoCloseable {

    /** The path the browser is sent back to. */
    public static final String PATH = "/callback";

    private static final String PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>cscsign</title></head><body style=\"font-family:sans-serif;margin:3em\">"
            + "<h1 id=\"done\">cscsign received the answer</h1>"
            + "<p>You can close this window and return to the program.</p></body></html>";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI redirectUri;
    private final CompletableFuture<URI> callback = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean taken = new java.util.concurrent.atomic.AtomicBoolean();

    private LoopbackReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.redirectUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /**
     * Starts listening.
     *
     * @param port the port on 127.0.0.1, or 0 for any free one
     * @return the running receiver
     * @throws IllegalArgumentException if the port is out of range
     * @throws IllegalStateException if the port cannot be bound (e.g. in use)
     */
    public static LoopbackReceiver open(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("redirect port must be 0..65535, not " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4);
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " for the authorization redirect"
                    + " (port in use?)", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cscsign-loopback-receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        LoopbackReceiver receiver = new LoopbackReceiver(server, executor);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** @return {@code http://127.0.0.1:PORT/callback}, the {@code redirect_uri} to send */
    public URI redirectUri() {
        return redirectUri;
    }

    /**
     * Waits for the browser to come back.
     *
     * @param timeout the longest wait
     * @return the full callback URL, with its query ({@code code}, {@code state} or {@code error})
     * @throws AuthorizationFlowException {@code TIMED_OUT} when the time is up, {@code CANCELLED} when
     *                                    {@link #cancel()} was called or the waiting thread was interrupted
     */
    public URI await(Duration timeout) {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.TIMED_OUT, null, null,
                    "the browser did not come back within " + timeout.toSeconds() + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            throw cancelled();
        }
    }

    /**
     * Ends a wait in progress (or the next one) with {@code CANCELLED}.
     *
     * @return true when no callback had arrived yet
     */
    public boolean cancel() {
        return callback.completeExceptionally(cancelled());
    }

    private static AuthorizationFlowException cancelled() {
        return new AuthorizationFlowException("oauth2/authorize", AuthorizationFlowException.Reason.CANCELLED, null, null,
                "the authorization was cancelled", null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            boolean isCallback = "GET".equals(exchange.getRequestMethod()) && PATH.equals(uri.getPath())
                    && uri.getRawQuery() != null;
            if (!isCallback || callback.isDone() || !taken.compareAndSet(false, true)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            URI received = URI.create(redirectUri + "?" + uri.getRawQuery());
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // the URL held the code: do not let it travel on as a Referer
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            } finally {
                // only now: the waiting program may close the receiver as soon as it has the callback
                callback.complete(received);
            }
        }
    }

    /** Stops listening. */
    @Override
    public void close() {
        callback.completeExceptionally(cancelled());
        server.stop(1); // lets a page being written finish

        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "LoopbackReceiver[" + redirectUri + "]";
    }
}
