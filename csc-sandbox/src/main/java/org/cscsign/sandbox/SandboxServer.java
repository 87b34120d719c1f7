package org.cscsign.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;
import org.cscsign.sandbox.pki.SandboxCredential;
import org.cscsign.sandbox.pki.TestPki;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the sandbox: one Javalin (Jetty) server on 127.0.0.1 whose single dispatcher
 * routes CSC methods, the token endpoint and the PKI services, so that unknown paths, wrong verbs and
 * every error come back in the CSC JSON error shape.
 */
final class SandboxServer {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    private static final String JSON = "application/json";

    /** Everything the dispatcher needs once the PKI is open. */
    record Services(TestPki pki, CscApi csc, OAuthServer oauth, AuthorizationServer authz, Stats stats, Profile profile,
            Duration latency) {
    }

    /** The most a form POST to the authorization server may carry (a PAR with many digests fits easily). */
    static final int MAX_FORM_BYTES = 64 * 1024;

    /** The {@code logo} that {@code info} points at: a small generated PNG (no resource files to ship). */
    private static final byte[] LOGO = logo();

    /** The largest request body accepted (a signHash with hundreds of hashes is far smaller); more is 413. */
    static final long MAX_REQUEST_BYTES = 1024 * 1024;

    private final Javalin app;
    private volatile Services services;

    SandboxServer(int port) {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4, 60_000);
        pool.setName("csc-sandbox");
        pool.setDaemon(true);
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jetty.defaultHost = "127.0.0.1";
            config.jetty.defaultPort = port;
            config.jetty.threadPool = pool;
            config.http.disableCompression();
            // authorization requests carry hashes (and RAR labels) in the URL: 50 documents need more than
            // Jetty's default 8 KiB request line, as they would at a real authorization server
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(32 * 1024));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
        });
        for (io.javalin.http.HandlerType verb : List.of(io.javalin.http.HandlerType.GET, io.javalin.http.HandlerType.POST,
                io.javalin.http.HandlerType.PUT, io.javalin.http.HandlerType.DELETE, io.javalin.http.HandlerType.PATCH,
                io.javalin.http.HandlerType.OPTIONS)) {
            app.addHttpHandler(verb, "/", this::handle);
            app.addHttpHandler(verb, "/*", this::handle);
        }
    }

    int start() {
        app.start("127.0.0.1", app.unsafeConfig().jetty.defaultPort);
        return app.port();
    }

    void ready(Services s) {
        this.services = s;
    }

    void stop() {
        app.stop();
    }

    private void handle(Context ctx) {
        Services s = services;
        String path = ctx.path();
        String verb = ctx.method().name();
        try {
            if (s == null) {
                throw new HttpError(503, "temporarily_unavailable", "The sandbox is starting");
            }
            String counted = path.startsWith("/ocsp/") ? "/ocsp" : path;
            s.stats().request(counted);
            s.stats().started(counted);
            try {
                route(s, ctx, path, verb);
            } finally {
                s.stats().finished(counted);
            }
        } catch (HttpError e) {
            LOG.debug("{} {} -> {} {}", verb, path, e.status(), e.error());
            e.headers().forEach(ctx::header);
            if (s != null && s.profile() == Profile.BANKID && s.oauth().dpop().nonceRequired() && !e.headers().containsKey("DPoP-Nonce")) {
                ctx.header("DPoP-Nonce", s.oauth().dpop().currentNonce());
            }
            writeJson(ctx, e.status(), error(e.error(), e.getMessage()));
        } catch (io.javalin.http.HttpResponseException e) {
            // Javalin's own refusal of a client's request (413 for a body over maxRequestSize): the
            // client's mistake, answered in the CSC error format and logged without a stack trace
            LOG.debug("{} {} -> {} ({})", verb, path, e.getStatus(), e.getMessage());
            writeJson(ctx, e.getStatus(), error("invalid_request", e.getStatus() == 413
                    ? "The request body is larger than the sandbox accepts (" + MAX_REQUEST_BYTES + " bytes)"
                    : e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", verb, path, e);
            writeJson(ctx, 500, error("server_error", "Internal error of the sandbox"));
        }
    }

    private void route(Services s, Context ctx, String path, String verb) {
        if (path.equals(s.oauth().endpoints().tokenPath())) {
            allow(verb, "POST");
            delay(s);
            ctx.header("Cache-Control", "no-store");
            ctx.header("Pragma", "no-cache");
            Map<String, Object> out = s.oauth().token(ctx.header("Content-Type"), formBody(ctx),
                    ctx.header("Authorization"), headers(ctx, "DPoP"), requestUri(ctx, s));
            nonceHeader(s, ctx);
            writeJson(ctx, 200, out);
            return;
        }
        if (s.authz() != null && s.authz().serves(path)) {
            delay(s);
            byte[] body = "POST".equals(verb) ? formBody(ctx) : new byte[0];
            AuthorizationServer.Reply reply = s.authz().handle(new AuthorizationServer.Request(verb, path,
                    ctx.queryString(), ctx.header("Content-Type"), body, ctx.header("Authorization"),
                    headers(ctx, "DPoP"), requestUri(ctx, s)));
            reply.headers().forEach(ctx::header);
            ctx.status(reply.status());
            ctx.contentType(reply.contentType());
            ctx.result(reply.body());
            return;
        }
        String prefix = s.profile() == Profile.BANKID ? "/v0/b2b/csc/v2/" : null;
        int version = 2;
        if (prefix != null && path.startsWith(prefix)) {
            csc(s, ctx, path.substring(prefix.length()), 2, verb);
            return;
        }
        if (s.profile() != Profile.BANKID) {
            if (path.startsWith("/csc/v2/")) {
                csc(s, ctx, path.substring("/csc/v2/".length()), version, verb);
                return;
            }
            if (path.startsWith("/csc/v1/")) {
                csc(s, ctx, path.substring("/csc/v1/".length()), 1, verb);
                return;
            }
        }
        if (!path.startsWith("/sandbox/")) {
            // TSA, OCSP, CRL and certificates are as far away as the CSC service (DESIGN: --latency-ms)
            delay(s);
        }
        switch (path) {
            case "/pki/root.crt", "/pki/ca.crt" -> {
                allow(verb, "GET");
                ctx.contentType("application/pkix-cert");
                ctx.result(encoded(path.equals("/pki/root.crt") ? s.pki().rootCertificate() : s.pki().issuingCaCertificate()));
            }
            case "/pki/root.crl", "/pki/ca.crl" -> {
                allow(verb, "GET");
                ctx.contentType("application/pkix-crl");
                ctx.result(s.pki().crl(path.equals("/pki/root.crl") ? "root" : "ca"));
            }
            case "/ocsp" -> {
                allow(verb, "POST");
                ocsp(s, ctx, ctx.bodyAsBytes());
            }
            case "/tsa" -> {
                allow(verb, "POST");
                String type = ctx.header("Content-Type");
                if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/timestamp-query")) {
                    throw new HttpError(415, "invalid_request", "Content-Type must be application/timestamp-query");
                }
                ctx.contentType("application/timestamp-reply");
                ctx.result(s.pki().timeStampResponse(ctx.bodyAsBytes()));
            }
            case "/sandbox/logo.png" -> {
                allow(verb, "GET");
                ctx.contentType("image/png");
                ctx.result(LOGO);
            }
            case "/sandbox/stats" -> {
                allow(verb, "GET");
                writeJson(ctx, 200, s.stats().json());
            }
            default -> {
                if (path.startsWith("/ocsp/")) {
                    allow(verb, "GET");
                    ocsp(s, ctx, ocspFromUrl(path.substring("/ocsp/".length())));
                } else if (path.startsWith("/sandbox/otp/")) {
                    allow(verb, "GET");
                    String id = URLDecoder.decode(path.substring("/sandbox/otp/".length()), StandardCharsets.UTF_8);
                    String otp = s.csc().lastOtp(id).orElseThrow(
                            () -> new HttpError(404, "not_found", "No OTP was sent for this credential"));
                    writeJson(ctx, 200, Map.of("otp", otp));
                } else {
                    throw new HttpError(404, "not_found", "No such resource: " + path);
                }
            }
        }
    }

    private void csc(Services s, Context ctx, String method, int version, String verb) {
        if (!s.csc().serves(method, version)) {
            throw new HttpError(404, "invalid_request", "Unknown CSC method " + method);
        }
        if (method.equals("info")) {
            allow(verb, "GET", "POST");
        } else {
            allow(verb, "POST");
        }
        delay(s);
        byte[] body = "GET".equals(verb) ? new byte[0] : ctx.bodyAsBytes();
        String type = ctx.header("Content-Type");
        if (body.length > 0 && (type == null || !type.toLowerCase(Locale.ROOT).startsWith(JSON))) {
            throw new HttpError(415, "invalid_request", "Content-Type must be application/json");
        }
        JsonBody json = JsonBody.parse(body);
        Map<String, Object> out;
        if (method.equals("auth/login")) {
            out = s.csc().login(ctx.header("Authorization"), json);
        } else {
            AccessToken token = method.equals("info") ? null : authenticate(s, ctx);
            out = s.csc().call(method, version, json, token);
        }
        if (s.profile() == Profile.BANKID) {
            nonceHeader(s, ctx);
        }
        if (out == null) {
            ctx.status(204);
        } else {
            writeJson(ctx, out instanceof CscApi.Accepted ? 202 : 200, out);
        }
    }

    /** Checks the Authorization header (Bearer, or DPoP with a valid proof bound to the token). */
    private AccessToken authenticate(Services s, Context ctx) {
        String scheme = s.profile() == Profile.BANKID ? "DPoP" : "Bearer";
        String header = ctx.header("Authorization");
        if (s.profile() == Profile.STANDARD && s.csc().quirks().login() == ServiceQuirks.Login.NONE) {
            // a service without login: a client that sends credentials anyway is told so (and the test sees it)
            if (header != null) {
                throw HttpError.invalidToken("This service needs no login: send no Authorization header");
            }
            return new AccessToken("anonymous", "service", null, java.time.Instant.MAX, null);
        }
        if (header == null || header.isBlank()) {
            throw HttpError.invalidToken("Missing access token").header("WWW-Authenticate", scheme + " realm=\"csc\"");
        }
        int space = header.indexOf(' ');
        String given = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        boolean dpop = given.equalsIgnoreCase("DPoP");
        if (!dpop && !given.equalsIgnoreCase("Bearer")) {
            throw HttpError.invalidToken("Unsupported authorization scheme").header("WWW-Authenticate", scheme + " realm=\"csc\"");
        }
        AccessToken token = value.isEmpty() ? null : s.oauth().lookup(value);
        if (token == null && !value.isEmpty()) {
            token = s.csc().basicToken(value);
        }
        if (token == null) {
            throw HttpError.invalidToken("The access token is unknown or expired")
                    .header("WWW-Authenticate", scheme + " realm=\"csc\", error=\"invalid_token\"");
        }
        if (!dpop) {
            if (token.jkt() != null) {
                throw HttpError.invalidToken("A DPoP-bound access token must be sent with the DPoP scheme")
                        .header("WWW-Authenticate", "DPoP error=\"invalid_token\"");
            }
            return token;
        }
        if (token.jkt() == null) {
            throw HttpError.invalidToken("The access token is not DPoP-bound: use the Bearer scheme")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        List<String> proofs = headers(ctx, "DPoP");
        if (proofs.size() != 1) {
            throw Dpop.invalid(true, proofs.isEmpty() ? "A DPoP proof is required" : "More than one DPoP header");
        }
        Dpop.Proof proof = s.oauth().dpop().verify(proofs.get(0), ctx.method().name(), requestUri(ctx, s), value, true);
        if (!proof.jkt().equals(token.jkt())) {
            throw Dpop.invalid(true, "The DPoP proof key is not the key the access token is bound to");
        }
        return token;
    }

    private void ocsp(Services s, Context ctx, byte[] request) {
        countOcsp(s, request);
        ctx.contentType("application/ocsp-response");
        ctx.result(s.pki().ocspResponse(request));
    }

    private static void countOcsp(Services s, byte[] request) {
        try {
            OCSPReq req = new OCSPReq(request);
            for (Req r : req.getRequestList()) {
                for (SandboxCredential c : s.pki().credentials()) {
                    if (c.certificate().getSerialNumber().equals(r.getCertID().getSerialNumber())) {
                        s.stats().ocspFor(c.id());
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // malformed: the PKI answers malformedRequest; nothing to count
        }
    }

    private static byte[] ocspFromUrl(String encoded) {
        // percent-decode only: a raw "+" of standard Base64 must stay a "+"
        String decoded = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8).trim();
        try {
            if (decoded.indexOf('-') >= 0 || decoded.indexOf('_') >= 0) {
                return Base64.getUrlDecoder().decode(decoded);
            }
            return Base64.getDecoder().decode(decoded);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("The OCSP request in the URL is not Base64");
        }
    }

    /** Reads a form body, refusing one over {@link #MAX_FORM_BYTES} before reading it where the length is declared. */
    private static byte[] formBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_FORM_BYTES) {
            throw new HttpError(413, "invalid_request", "The request body is larger than " + MAX_FORM_BYTES + " bytes");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_FORM_BYTES) {
            throw new HttpError(413, "invalid_request", "The request body is larger than " + MAX_FORM_BYTES + " bytes");
        }
        return body;
    }

    private static List<String> headers(Context ctx, String name) {
        return Collections.list(ctx.req().getHeaders(name));
    }

    /** The URL the client addressed, from the Host header (so htu may say localhost or 127.0.0.1). */
    private static URI requestUri(Context ctx, Services s) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            host = s.pki().baseUrl().getAuthority();
        }
        try {
            return new URI("http://" + host + ctx.req().getRequestURI());
        } catch (java.net.URISyntaxException e) {
            throw HttpError.badRequest("Bad Host header");
        }
    }

    private static void nonceHeader(Services s, Context ctx) {
        if (s.oauth().dpop().nonceRequired() && (s.profile() == Profile.BANKID || ctx.header("DPoP") != null)) {
            ctx.header("DPoP-Nonce", s.oauth().dpop().currentNonce());
        }
    }

    private static void delay(Services s) {
        if (!s.latency().isZero()) {
            try {
                Thread.sleep(s.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void allow(String verb, String... allowed) {
        if (!Set.of(allowed).contains(verb)) {
            throw new HttpError(405, "invalid_request", "Method " + verb + " is not allowed here")
                    .header("Allow", String.join(", ", allowed));
        }
    }

    private static byte[] encoded(java.security.cert.X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] logo() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, (x / 8 + y / 8) % 2 == 0 ? 0x1F4E79 : 0xF2C14E);
            }
        }
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot render the sandbox logo", e);
        }
    }

    private static Map<String, Object> error(String error, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("error_description", description);
        return m;
    }

    private static void writeJson(Context ctx, int status, Object body) {
        try {
            ctx.status(status);
            ctx.contentType(JSON);
            ctx.result(JsonBody.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
