package org.cscsign.csc.internal;

import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;
import org.cscsign.csc.CscConnectionLostException;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscResponseTooLargeException;
import org.cscsign.csc.CscTimeoutException;
import org.cscsign.csc.CscUnreachableException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * The one place where the CSC client executes an HTTP call: with a size cap on the response body (read
 * through a limit, so an endless body costs at most the cap in memory), and with a failure message that
 * says what really happened — no connection made ("cannot reach"), connection lost after the request was
 * sent ("the service may have executed it"), no complete answer within the deadline or read timeout.
 *
 * <p>Calls that make or authorize a signature go through a client from {@link #atMostOnce(OkHttpClient)}
 * with a one-shot body ({@link #jsonBody(byte[], boolean)}), so no layer of okhttp resends them.
 */
public final class BoundedExchange {

    /** Default cap on a response body: 16 MiB (a signHash with CRLs in its validation info fits). */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    /**
     * The CSC and OAuth2 methods that make or authorize a signature (or spend an authorization): sent at
     * most once by every layer. Reads ({@code info}, {@code credentials/list|info}) and
     * {@code signatures/signPolling} may be repeated safely. The exchange of an authorization code at
     * {@code oauth2/token} is at most once too: its caller uses {@link #atMostOnce(OkHttpClient)} itself
     * (the same path serves {@code client_credentials}, which may be repeated).
     */
    private static final Set<String> AT_MOST_ONCE = Set.of("signatures/signHash", "credentials/authorize",
            "credentials/extendTransaction", "credentials/sendOTP", "oauth2/pushed_authorize",
            "signatures/timestamp");

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private BoundedExchange() {
    }

    /**
     * A complete response, read within the cap.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}, may be null
     * @param body the body as text (empty when there was none)
     * @param response the response (already closed; for its headers)
     */
    public record Result(int status, String contentType, String body, Response response) {
        /** @return whether the status is 2xx */
        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * @param method a CSC method or OAuth2 call name
     * @return whether it makes or authorizes a signature, so that it must never be resent once sent
     */
    public static boolean isAtMostOnce(String method) {
        return AT_MOST_ONCE.contains(method);
    }

    /**
     * Installs the listener that tells "no connection" from "request sent" on a client (replacing any
     * event listener factory of an injected client).
     *
     * @param builder an okhttp client builder
     * @return the builder
     */
    public static OkHttpClient.Builder track(OkHttpClient.Builder builder) {
        return builder.eventListenerFactory(call -> new Tracker(call.request().tag(CallState.class)));
    }

    /**
     * @param client the client for repeatable calls
     * @return a client sharing its pool that never resends a request once it may have reached the server
     *         (no transparent retry on a connection failure, no redirect followed)
     */
    public static OkHttpClient atMostOnce(OkHttpClient client) {
        return client.newBuilder().retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false)
                .build();
    }

    /**
     * @param bytes the JSON bytes
     * @param oneShot whether okhttp must treat the body as not resendable
     * @return the request body
     */
    public static RequestBody jsonBody(byte[] bytes, boolean oneShot) {
        RequestBody plain = RequestBody.create(bytes, JSON_TYPE);
        if (!oneShot) {
            return plain;
        }
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON_TYPE;
            }

            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(bytes);
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        };
    }

    /**
     * Executes one call and reads its whole body within {@code maxBytes}.
     *
     * @param http the client (its {@code callTimeout} is the deadline)
     * @param request the request
     * @param method the CSC method or OAuth2 call, for messages
     * @param maxBytes the cap on the response body
     * @return the response, closed
     * @throws CscUnreachableException when no connection could be made (the request never left)
     * @throws CscConnectionLostException when the connection broke after the request was sent
     * @throws CscTimeoutException when no complete answer came within the deadline or the read timeout
     * @throws CscResponseTooLargeException when the body exceeds {@code maxBytes}
     */
    public static Result execute(OkHttpClient http, Request request, String method, long maxBytes) {
        CallState state = new CallState();
        Request tagged = request.newBuilder().tag(CallState.class, state).build();
        String service = service(request);
        try (Response response = http.newCall(tagged).execute()) {
            ResponseBody rb = response.body();
            String contentType = response.header("Content-Type");
            String text = rb == null ? "" : readCapped(rb, method, service, response.code(), maxBytes);
            return new Result(response.code(), contentType, text, response);
        } catch (CscException e) {
            throw e;
        } catch (IOException e) {
            throw failure(e, state, method, service, http);
        }
    }

    private static String readCapped(ResponseBody rb, String method, String service, int status, long maxBytes)
            throws IOException {
        if (rb.contentLength() > maxBytes) {
            throw tooLarge(method, service, status, maxBytes);
        }
        BufferedSource source = rb.source();
        if (source.request(maxBytes + 1)) {
            throw tooLarge(method, service, status, maxBytes);
        }
        MediaType type = rb.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return source.readString(charset);
    }

    private static CscResponseTooLargeException tooLarge(String method, String service, int status, long maxBytes) {
        return new CscResponseTooLargeException(method, status, method + ": the response of " + service
                + " exceeds the size limit of " + bytes(maxBytes) + "; reading stopped", null);
    }

    private static CscException failure(IOException e, CallState state, String method, String service,
                                        OkHttpClient http) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
            // okhttp's callTimeout fired (or the call was cancelled): the deadline of the whole call
            return new CscTimeoutException(method, 0, method + ": no complete answer from " + service + " within "
                    + seconds(Duration.ofMillis(http.callTimeoutMillis())) + " (the call deadline)"
                    + (state.sent ? "; the service may have executed it" : ""), e);
        }
        if (e instanceof SocketTimeoutException && state.sent) {
            return new CscTimeoutException(method, 0, method + ": no answer from " + service + " within "
                    + seconds(Duration.ofMillis(http.readTimeoutMillis()))
                    + " (read timeout); the service may have executed it", e);
        }
        if (!state.sent) {
            return new CscUnreachableException(method, 0, method + ": cannot reach " + service + " (" + kind
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")", e);
        }
        return new CscConnectionLostException(method, 0, method + ": the connection to " + service
                + " was lost after the request was sent; the service may have executed it (" + kind + ")", e);
    }

    /**
     * @param request a request
     * @return {@code host:port} of its URL, as messages name the service
     */
    public static String service(Request request) {
        return request.url().host() + ":" + request.url().port();
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String bytes(long n) {
        if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
            return n / (1024 * 1024) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " bytes";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Whether the request of the current attempt has started to leave; reset when its response began. */
    static final class CallState {
        volatile boolean sent;
    }

    /** Records, per call, when a request is put on the wire. */
    private static final class Tracker extends EventListener {
        private final CallState state;

        Tracker(CallState state) {
            this.state = state;
        }

        @Override
        public void requestHeadersStart(Call call) {
            if (state != null) {
                state.sent = true;
            }
        }

        @Override
        public void dnsStart(Call call, String domainName) {
            reset();
        }

        @Override
        public void connectStart(Call call, java.net.InetSocketAddress address, java.net.Proxy proxy) {
            reset();
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            reset();
        }

        /** A new attempt (e.g. after a 503 and Retry-After) starts from "not sent". */
        private void reset() {
            if (state != null) {
                state.sent = false;
            }
        }
    }
}
