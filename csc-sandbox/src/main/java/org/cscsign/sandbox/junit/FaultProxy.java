package org.cscsign.sandbox.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A misbehaving network between a client and a service, for fault tests: a raw HTTP/1.1 server on
 * loopback that forwards every request to an upstream (usually a {@link org.cscsign.sandbox.Sandbox})
 * unless a {@link Fault} is set for the path, in which case the fault decides what the client sees:
 * a connection dropped after the request was read (before or after the upstream executed it), a body
 * fed one byte at a time, an endless body, huge headers, any status and body, or the upstream's JSON
 * answer rewritten (fewer, more or reordered signatures, garbage OCSP, missing chains, duplicate keys).
 * Counts the requests it received per path. Works at the byte level on purpose: no HTTP library
 * smooths over what a faulty peer does. Connections are kept alive between requests, as a real service
 * keeps them.
 */
public final class FaultProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "accept-encoding", "content-encoding");

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    /**
     * @param upstream the scheme, host and port requests are forwarded to (any path is ignored)
     * @return a running proxy on a free loopback port
     * @throws IOException if no port can be bound
     */
    public static FaultProxy start(URI upstream) throws IOException {
        return new FaultProxy(upstream);
    }

    /**
     * @param upstreamUrl a URL of the upstream
     * @return the same URL through this proxy
     */
    public URI via(URI upstreamUrl) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + upstreamUrl.getRawPath()
                + (upstreamUrl.getRawQuery() == null ? "" : "?" + upstreamUrl.getRawQuery()));
    }

    /**
     * @param pathSuffix requests whose path ends with this get the fault, e.g. {@code signatures/signHash}
     * @param fault what to do instead of forwarding
     * @return this
     */
    public FaultProxy on(String pathSuffix, Fault fault) {
        faults.put(pathSuffix, fault);
        return this;
    }

    /**
     * @param pathSuffix a path suffix
     * @return how many requests whose path ends with it this proxy received
     */
    public int count(String pathSuffix) {
        return counts.entrySet().stream().filter(e -> e.getKey().endsWith(pathSuffix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Removes every fault and zeroes the counts. */
    public void reset() {
        faults.clear();
        counts.clear();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        pool.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                pool.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            // keep-alive, as real services do: a client then reuses the connection, which is when a
            // transparent retry after a dropped connection would resend a request
            while (!socket.isClosed()) {
                Exchange exchange = new Exchange(this, socket);
                if (!exchange.readRequest()) {
                    return;
                }
                counts.computeIfAbsent(exchange.path, k -> new AtomicInteger()).incrementAndGet();
                Fault fault = faults.entrySet().stream().filter(e -> exchange.path.endsWith(e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(Fault.forward());
                fault.apply(exchange);
                if (exchange.closeAfter) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the fault dropped the connection: nothing to tell anyone
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            open.remove(socket);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** What the proxy does with one request. */
    @FunctionalInterface
    public interface Fault {
        /**
         * @param exchange the request read from the client, and the means to answer
         * @throws IOException when the client goes away
         * @throws InterruptedException when the proxy stops
         */
        void apply(Exchange exchange) throws IOException, InterruptedException;

        /** @return forward to the upstream and pass its answer on unchanged */
        static Fault forward() {
            return ex -> ex.send(ex.forward());
        }

        /** @return read the request, then close the connection without forwarding it or answering */
        static Fault dropBeforeForwarding() {
            return Exchange::drop;
        }

        /** @return forward the request (the upstream executes it), then close the connection without answering */
        static Fault dropAfterForwarding() {
            return ex -> {
                ex.forward();
                ex.drop();
            };
        }

        /**
         * @param status the HTTP status
         * @param contentType the Content-Type, or null for none
         * @param body the body
         * @param headers more headers as name, value, name, value...
         * @return answer with exactly that, without forwarding
         */
        static Fault respond(int status, String contentType, String body, String... headers) {
            return ex -> ex.send(new Answer(status, headerMap(contentType, headers), body.getBytes(StandardCharsets.UTF_8)));
        }

        /**
         * @param perByte the pause after each byte
         * @return forward, then pass the upstream's answer on one byte at a time
         */
        static Fault dripFeed(Duration perByte) {
            return ex -> ex.sendSlowly(ex.forward(), perByte);
        }

        /** @return answer 200 with a JSON-looking body that never ends (until the client hangs up) */
        static Fault endlessBody() {
            return Exchange::sendEndless;
        }

        /**
         * @param bytes the size of one header value
         * @return answer 200 with a header of that size and an empty JSON object
         */
        static Fault hugeHeader(int bytes) {
            return ex -> ex.send(new Answer(200, headerMap("application/json", "X-Padding", "a".repeat(bytes)),
                    "{}".getBytes(StandardCharsets.UTF_8)));
        }

        /**
         * @param edit changes the upstream's JSON answer (a 2xx object)
         * @return forward, then answer with the edited JSON
         */
        static Fault rewriteJson(UnaryOperator<ObjectNode> edit) {
            return ex -> {
                Answer a = ex.forward();
                JsonNode node = JSON.readTree(a.body);
                byte[] body = JSON.writeValueAsBytes(edit.apply((ObjectNode) node));
                ex.send(new Answer(a.status, headerMap("application/json"), body));
            };
        }

        /**
         * @param edit changes the upstream's answer body as text (e.g. to duplicate a key)
         * @return forward, then answer with the edited text
         */
        static Fault rewriteText(UnaryOperator<String> edit) {
            return ex -> {
                Answer a = ex.forward();
                ex.send(new Answer(a.status, headerMap("application/json"),
                        edit.apply(new String(a.body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            };
        }

        /**
         * @param n how many requests get {@code fault}
         * @param fault the fault for the first n requests (counted from now)
         * @return a fault that afterwards forwards
         */
        static Fault firstTimes(int n, Fault fault) {
            AtomicInteger left = new AtomicInteger(n);
            return ex -> {
                if (left.getAndDecrement() > 0) {
                    fault.apply(ex);
                } else {
                    ex.send(ex.forward());
                }
            };
        }

        /**
         * @param n forward the first n requests (counted from now)
         * @param fault then apply this one
         * @return the combined fault
         */
        static Fault afterTimes(int n, Fault fault) {
            AtomicInteger seen = new AtomicInteger();
            return ex -> {
                if (seen.incrementAndGet() > n) {
                    fault.apply(ex);
                } else {
                    ex.send(ex.forward());
                }
            };
        }

        /**
         * @param every apply {@code fault} to every n-th request
         * @param fault the fault
         * @return the combined fault; the other requests are forwarded
         */
        static Fault everyNth(int every, Fault fault) {
            AtomicInteger seen = new AtomicInteger();
            return ex -> {
                if (seen.incrementAndGet() % every == 0) {
                    fault.apply(ex);
                } else {
                    ex.send(ex.forward());
                }
            };
        }

        /**
         * @param faults one per request, in turn: the n-th request (counted from now) gets
         *     {@code faults[n % faults.length]}
         * @return the combined fault
         */
        static Fault cycle(Fault... faults) {
            AtomicInteger seen = new AtomicInteger();
            return ex -> faults[Math.floorMod(seen.getAndIncrement(), faults.length)].apply(ex);
        }

        /**
         * @param delay how long to wait first
         * @param then what to do afterwards
         * @return the delayed fault (simulated latency)
         */
        static Fault delayed(Duration delay, Fault then) {
            return ex -> {
                Thread.sleep(delay.toMillis());
                then.apply(ex);
            };
        }
    }

    private static Map<String, String> headerMap(String contentType, String... more) {
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            h.put(more[i], more[i + 1]);
        }
        return h;
    }

    /**
     * An answer: status, headers, body.
     *
     * @param status the HTTP status
     * @param headers the headers (without Content-Length and Connection, which the proxy sets)
     * @param body the body
     */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** One request from the client: its line, headers and body, and the means to answer it. */
    public static final class Exchange {
        private final FaultProxy proxy;
        private final Socket socket;
        private String method;
        private String target;
        private String path;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private boolean closeAfter;

        private Exchange(FaultProxy proxy, Socket socket) {
            this.proxy = proxy;
            this.socket = socket;
        }

        /** @return the request path */
        public String path() {
            return path;
        }

        /** @return the request body */
        public byte[] body() {
            return body.clone();
        }

        private boolean readRequest() throws IOException {
            InputStream in = socket.getInputStream();
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return false;
            }
            String[] parts = requestLine.split(" ");
            method = parts[0];
            target = parts.length > 1 ? parts[1] : "/";
            int q = target.indexOf('?');
            path = q < 0 ? target : target.substring(0, q);
            String header;
            while ((header = line(in)) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(header.substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(header.substring(colon + 1).trim());
                }
            }
            int length = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-length"))
                    .map(e -> Integer.parseInt(e.getValue().get(0))).findFirst().orElse(0);
            body = in.readNBytes(length);
            return true;
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    break;
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return c == -1 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }

        /**
         * Sends the request to the upstream and returns its answer (the upstream executes it).
         *
         * @return the upstream's answer
         * @throws IOException when the upstream cannot be reached
         * @throws InterruptedException when the proxy stops
         */
        public Answer forward() throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(proxy.upstream.resolve(target))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            HttpResponse<byte[]> r = proxy.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    h.put(name, values.get(0));
                }
            });
            return new Answer(r.statusCode(), h, r.body());
        }

        /**
         * @param answer what to send back
         * @throws IOException when the client went away
         */
        public void send(Answer answer) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(head(answer, true));
            out.write(answer.body);
            out.flush();
            if (answer.status >= 300 && answer.status < 400) {
                closeAfter = true;
            }
        }

        private void sendSlowly(Answer answer, Duration perByte) throws IOException, InterruptedException {
            closeAfter = true;
            OutputStream out = socket.getOutputStream();
            out.write(head(answer, true));
            out.flush();
            for (byte b : answer.body) {
                out.write(b);
                out.flush();
                Thread.sleep(perByte.toMillis());
            }
        }

        private void sendEndless() throws IOException {
            closeAfter = true;
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"signatures\":[\"")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = "A".repeat(8192).getBytes(StandardCharsets.ISO_8859_1);
            try {
                while (!proxy.closed) {
                    out.write(chunk);
                }
            } catch (SocketException e) {
                // the client hung up: the point of the fault
            }
        }

        private void drop() throws IOException {
            // RST rather than FIN, as a crashed worker or a proxy that gives up does
            closeAfter = true;
            socket.setSoLinger(true, 0);
            socket.close();
        }

        private static byte[] head(Answer answer, boolean withLength) {
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(answer.status).append(' ')
                    .append(answer.status < 300 ? "OK" : "Error").append("\r\n");
            answer.headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
            if (withLength) {
                sb.append("Content-Length: ").append(answer.body.length).append("\r\n");
            }
            sb.append("\r\n");
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
