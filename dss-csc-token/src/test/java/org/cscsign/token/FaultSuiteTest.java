package org.cscsign.token;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.Digest;
import org.cscsign.csc.CertificatesMode;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CscAuthenticationException;
import org.cscsign.csc.CscAuthorizationException;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscConnectionLostException;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.CscResponseTooLargeException;
import org.cscsign.csc.CscServiceUnavailableException;
import org.cscsign.csc.CscTimeoutException;
import org.cscsign.csc.CscTransportException;
import org.cscsign.csc.CscUnreachableException;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.FaultProxy.Fault;
import org.cscsign.sandbox.junit.FaultProxy;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The fault suite of the CSC client over real HTTP: a {@link FaultProxy} between the client and the
 * sandbox plays every failure a service or a network can produce. Each row asserts the exception type
 * (or success), the requests seen at the proxy, that a call which makes or authorizes a signature was
 * executed at most once by the sandbox, and that the call ended within its deadline (2 s in these
 * tests; asserted as completion, never as a time figure). Retries wait through a recording sleeper, so
 * no row sleeps for real.
 */
class FaultSuiteTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final long CAP = 64 * 1024;
    private static final String SIGN = "signatures/signHash";
    private static final String AUTHORIZE = "credentials/authorize";
    private static final String LIST = "credentials/list";
    private static final String TOKEN = "oauth2/token";

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static FaultProxy proxy;
    private static String foreignOcsp;
    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = FaultProxy.start(sandbox.get().baseUrl());
        // an OCSP response about another credential's certificate, for the "foreign OCSP" row
        List<String> captured = new CopyOnWriteArrayList<>();
        proxy.on(SIGN, Fault.rewriteJson(json -> {
            json.path("validationInfo").path("ocsp").forEach(o -> captured.add(o.asText()));
            return json;
        }));
        try (CscClient client = newClient(sandbox.get(), new ArrayList<>());
             CscSignatureToken token = newToken(client)) {
            token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, token.getKey("ecp256"));
        }
        foreignOcsp = captured.get(0);
        proxy.reset();
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @BeforeEach
    void clean() {
        proxy.reset();
    }

    private static CscClient newClient(Sandbox s, List<Duration> slept) {
        return CscClientConfig.builder().profile(CscProfile.STANDARD).baseUrl(proxy.via(s.cscUrl()))
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret())))
                .tokenUrl(proxy.via(s.tokenUrl())).callTimeout(DEADLINE).maxResponseBytes(CAP)
                .sleeper(slept::add).buildClient();
    }

    private static CscSignatureToken newToken(CscClient client) {
        return CscSignatureToken.builder().client(client).authorizer(TestSupport.pinAuthorizer(sandbox.get())).build();
    }

    private static List<Digest> digests(int n) throws Exception {
        List<Digest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256", new byte[]{(byte) i, 7})));
        }
        return out;
    }

    /** What a row does with the client. */
    enum Op {
        /** two RSA digests through the DSS token: authorize + signHash */
        SIGN,
        /** credentials/authorize alone */
        AUTHORIZE,
        /** credentials/list */
        LIST,
        /** credentials/info */
        INFO
    }

    /**
     * @param name what the row plays
     * @param path the path suffix the fault is on
     * @param fault the fault
     * @param op what the client does
     * @param expected the CSC exception expected in the cause chain, null for success
     * @param message a fragment of its message, may be null
     * @param seenAtProxy how many requests to {@code path} reach the proxy
     */
    record Row(String name, String path, Fault fault, Op op, Class<? extends Throwable> expected, String message,
               int seenAtProxy) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, String path, Fault fault, Op op, Class<? extends Throwable> expected,
                           String message, int seen) {
        return new Row(name, path, fault, op, expected, message, seen);
    }

    static Stream<Row> rows() {
        String json = "application/json";
        return Stream.of(
                // at most once: a connection dropped after the request was sent is never resent
                row("signHash executed, then the connection dropped", SIGN, Fault.dropAfterForwarding(), Op.SIGN,
                        CscConnectionLostException.class, "may have executed it", 1),
                row("signHash read, then the connection dropped", SIGN, Fault.dropBeforeForwarding(), Op.SIGN,
                        CscConnectionLostException.class, "after the request was sent", 1),
                row("authorize executed, then the connection dropped", AUTHORIZE, Fault.dropAfterForwarding(),
                        Op.AUTHORIZE, CscConnectionLostException.class, "may have executed it", 1),
                row("authorize read, then the connection dropped", AUTHORIZE, Fault.dropBeforeForwarding(),
                        Op.AUTHORIZE, CscConnectionLostException.class, "credentials/authorize", 1),
                row("signHash redirected (307) is not followed", SIGN,
                        Fault.respond(307, json, "{}", "Location", "/csc/v2/signatures/signHash2"), Op.SIGN,
                        CscException.class, "HTTP 307", 1),
                // bounded: deadline and size cap
                row("signHash answer drip-fed", SIGN, Fault.dripFeed(Duration.ofMillis(300)), Op.SIGN,
                        CscTimeoutException.class, "within 2 s (the call deadline)", 1),
                row("credentials/list answer drip-fed", LIST, Fault.dripFeed(Duration.ofMillis(300)), Op.LIST,
                        CscTimeoutException.class, "credentials/list", 1),
                row("signHash answer never ends", SIGN, Fault.endlessBody(), Op.SIGN,
                        CscResponseTooLargeException.class, "exceeds the size limit of 64 KiB", 1),
                row("credentials/list answer never ends", LIST, Fault.endlessBody(), Op.LIST,
                        CscResponseTooLargeException.class, "64 KiB", 1),
                row("credentials/info answer never ends", "credentials/info", Fault.endlessBody(), Op.INFO,
                        CscResponseTooLargeException.class, "credentials/info", 1),
                row("signHash answer declared larger than the cap", SIGN,
                        Fault.respond(200, json, "{\"signatures\":[\"" + "A".repeat((int) CAP) + "\"]}"), Op.SIGN,
                        CscResponseTooLargeException.class, "size limit", 1),
                row("token answer never ends", TOKEN, Fault.endlessBody(), Op.LIST,
                        CscResponseTooLargeException.class, "oauth2/token", 1),
                row("token answer drip-fed", TOKEN, Fault.dripFeed(Duration.ofMillis(300)), Op.LIST,
                        CscTimeoutException.class, "oauth2/token", 1),
                row("token request dropped", TOKEN, Fault.dropBeforeForwarding(), Op.LIST,
                        CscConnectionLostException.class, "oauth2/token", 1),
                row("signHash answer with a 300 KB header", SIGN, Fault.hugeHeader(300 * 1024), Op.SIGN,
                        CscTransportException.class, SIGN, 1),
                // wrong answers
                row("signHash returns fewer signatures", SIGN, Fault.rewriteJson(j -> {
                    ((ArrayNode) j.get("signatures")).remove(1);
                    return j;
                }), Op.SIGN, CscResponseException.class, "1 signatures for 2 hashes", 1),
                row("signHash returns more signatures", SIGN, Fault.rewriteJson(j -> {
                    ((ArrayNode) j.get("signatures")).add(j.get("signatures").get(0).asText());
                    return j;
                }), Op.SIGN, CscResponseException.class, "3 signatures for 2 hashes", 1),
                row("signHash returns the signatures reordered", SIGN, Fault.rewriteJson(j -> {
                    ArrayNode s = (ArrayNode) j.get("signatures");
                    String first = s.get(0).asText();
                    s.set(0, s.get(1));
                    s.set(1, first);
                    return j;
                }), Op.SIGN, CscResponseException.class, "does not verify", 1),
                row("signHash returns a signature that is not Base64", SIGN, Fault.rewriteJson(j -> {
                    ((ArrayNode) j.get("signatures")).set(0, "%%%not-base64%%%");
                    return j;
                }), Op.SIGN, CscResponseException.class, "signatures[0]", 1),
                row("signHash returns garbage as OCSP", SIGN, Fault.rewriteJson(j -> {
                    ((ObjectNode) j.get("validationInfo")).putArray("ocsp").add("bm90IGFuIE9DU1AgcmVzcG9uc2U=");
                    return j;
                }), Op.SIGN, CscResponseException.class, "ocsp[0]", 1),
                row("signHash returns OCSP about another certificate", SIGN, Fault.rewriteJson(j -> {
                    ((ObjectNode) j.get("validationInfo")).putArray("ocsp").add(foreignOcsp);
                    return j;
                }), Op.SIGN, null, null, 1),
                row("signHash JSON with a duplicate key", SIGN, Fault.rewriteText(t ->
                        t.replaceFirst("\\{", "{\"signatures\":[\"AAAA\",\"AAAA\"],")), Op.SIGN,
                        CscResponseException.class, "appears twice", 1),
                row("signHash answers 200 with malformed JSON", SIGN, Fault.respond(200, json, "{\"signatures\":["),
                        Op.SIGN, CscResponseException.class, "not JSON", 1),
                row("signHash answers 200 with an HTML page", SIGN,
                        Fault.respond(200, "text/html", "<html><body>maintenance</body></html>"), Op.SIGN,
                        CscResponseException.class, "Content-Type text/html", 1),
                row("signHash answers 200 with a JSON array", SIGN, Fault.respond(200, json, "[1,2]"), Op.SIGN,
                        CscResponseException.class, "not a JSON object", 1),
                row("signHash answers 500 with an HTML page", SIGN, Fault.respond(500, "text/html", "<h1>oops</h1>"),
                        Op.SIGN, CscException.class, "HTTP 500", 1),
                row("credentials/list without chains: the credential is not offered", LIST, Fault.rewriteJson(j -> {
                    j.withArray("credentialInfos").forEach(c -> ((ObjectNode) c.get("cert")).remove("certificates"));
                    return j;
                }), Op.SIGN, DSSException.class, "no credential 'rsa2048'", 1),
                row("token answer malformed", TOKEN, Fault.respond(200, json, "{\"access_token\":"), Op.LIST,
                        CscResponseException.class, "oauth2/token", 1),
                // retries: only where the protocol says it is safe
                row("signHash 401 once, then a new token and success", SIGN,
                        Fault.firstTimes(1, Fault.respond(401, json, "{\"error\":\"invalid_token\"}")), Op.SIGN,
                        null, null, 2),
                row("signHash 401 for ever", SIGN, Fault.respond(401, json, "{\"error\":\"invalid_token\"}"), Op.SIGN,
                        CscAuthenticationException.class, "invalid_token", 2),
                row("signHash 429 with Retry-After, then success", SIGN,
                        Fault.firstTimes(1, Fault.respond(429, json, "{\"error\":\"slow_down\"}", "Retry-After", "1")),
                        Op.SIGN, null, null, 2),
                row("signHash 503 with Retry-After for ever", SIGN,
                        Fault.respond(503, json, "{\"error\":\"temporarily_unavailable\"}", "Retry-After", "1"), Op.SIGN,
                        CscServiceUnavailableException.class, "HTTP 503", 3),
                row("signHash 503 without Retry-After is not retried", SIGN,
                        Fault.respond(503, json, "{\"error\":\"temporarily_unavailable\"}"), Op.SIGN,
                        CscServiceUnavailableException.class, "HTTP 503", 1),
                row("signHash 503 with Retry-After beyond the deadline is not waited for", SIGN,
                        Fault.respond(503, json, "{}", "Retry-After", "30"), Op.SIGN,
                        CscServiceUnavailableException.class, "HTTP 503", 1),
                row("authorize 403 access_denied", AUTHORIZE,
                        Fault.respond(403, json, "{\"error\":\"access_denied\",\"error_description\":\"no\"}"), Op.AUTHORIZE,
                        CscAuthorizationException.class, "access_denied", 1),
                row("latency below the deadline is fine", SIGN, Fault.delayed(Duration.ofMillis(300), Fault.forward()),
                        Op.SIGN, null, null, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void faultEndsTypedWithinTheDeadlineAndSignsAtMostOnce(Row row) {
        Sandbox s = sandbox.get();
        String signHashPath = s.cscUrl().getPath() + "/" + SIGN;
        String authorizePath = s.cscUrl().getPath() + "/" + AUTHORIZE;
        proxy.on(row.path(), row.fault());
        s.stats().reset();
        Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            try (CscClient client = newClient(s, slept); CscSignatureToken token = newToken(client)) {
                run(row.op(), client, token);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        if (row.expected() == null) {
            assertThat(failure).as("row succeeds").isNull();
        } else {
            Throwable typed = cause(failure, row.expected());
            assertThat(typed).as(row.expected().getSimpleName() + " in " + failure).isNotNull();
            if (row.message() != null) {
                assertThat(typed.getMessage()).contains(row.message());
            }
        }
        assertThat(proxy.count(row.path())).as("requests at the proxy").isEqualTo(row.seenAtProxy());
        assertThat(s.stats().count(signHashPath)).as("signHash executed by the service").isLessThanOrEqualTo(1);
        assertThat(s.stats().count(authorizePath)).as("authorize executed by the service").isLessThanOrEqualTo(1);
    }

    private static void run(Op op, CscClient client, CscSignatureToken token) throws Exception {
        switch (op) {
            case SIGN -> {
                SignedBatch batch = token.signDigests(digests(2), SignatureAlgorithm.RSA_SHA256, token.getKey("rsa2048"));
                assertThat(batch.signatureValues()).hasSize(2);
            }
            case AUTHORIZE -> client.authorize(new CredentialId("rsa2048"), 1, List.of(), null,
                    new java.util.HashMap<>(Map.of("PIN", sandbox.get().pin().toCharArray())));
            case LIST -> client.listCredentials(ListRequest.withInfos());
            case INFO -> client.credentialInfo(new CredentialId("rsa2048"), CertificatesMode.CHAIN, true, true);
        }
    }

    /** The first of the cause chain that is a CSC exception (or, for DSS-level rows, the expected type). */
    private static Throwable cause(Throwable failure, Class<? extends Throwable> expected) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CscException) {
                return expected.isInstance(t) ? t : null;
            }
        }
        return expected.isInstance(failure) ? failure : null;
    }

    @Test
    void retriesWaitThroughTheSleeperAsRetryAfterSays() {
        proxy.on(SIGN, Fault.respond(503, "application/json", "{}", "Retry-After", "1"));
        try (CscClient client = newClient(sandbox.get(), slept); CscSignatureToken token = newToken(client)) {
            try {
                token.signDigests(digests(1), SignatureAlgorithm.RSA_SHA256, token.getKey("rsa2048"));
            } catch (Exception expected) {
                // 503 after the retries
            }
        }
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void refusedConnectionIsUnreachableAndRetriedBecauseNothingWasSent() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Sandbox s = sandbox.get();
        try (CscClient client = CscClientConfig.builder().baseUrl(URI.create("http://127.0.0.1:" + port + "/csc/v2"))
                .login(Login.token("t")).callTimeout(DEADLINE).sleeper(slept::add).buildClient()) {
            Throwable failure = catchFailure(() -> client.signHash(new org.cscsign.csc.SignHashRequest(
                    new CredentialId("rsa2048"), List.of(new byte[32]), HashAlgorithm.SHA256, "1.2.840.113549.1.1.11",
                    null, null)));
            assertThat(failure).isInstanceOf(CscUnreachableException.class)
                    .hasMessageContaining("cannot reach 127.0.0.1:" + port);
        }
        assertThat(slept).as("a request that never left may be retried").hasSize(2);
        assertThat(s.stats().count(s.cscUrl().getPath() + "/" + SIGN)).isZero();
    }

    private static Throwable catchFailure(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
