package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscConnectionLostException;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.FaultProxy.Fault;
import org.cscsign.sandbox.junit.FaultProxy;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak: several threads sign documents of mixed formats through one {@link DocumentSigner}
 * while the network between them and the sandbox injects HTTP 503 (with Retry-After), latency and
 * dropped connections (before and after the service executed the call). Every output must validate, and
 * the service's signHash count must equal the calls the client reports plus the calls whose connection
 * was lost after sending (which the client reports as "may have executed it") — a hidden resend would
 * break the equality. Small in {@code mvn verify} (3 threads × 4 documents); the full size runs with
 * {@code -Dcscsign.soak.threads=8 -Dcscsign.soak.documents=50} (see {@code benchmarks}).
 */
class SoakTest {

    private static final int THREADS = Integer.getInteger("cscsign.soak.threads", 3);
    private static final int DOCUMENTS = Integer.getInteger("cscsign.soak.documents", 4);
    private static final int ATTEMPTS = 6;

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    @Test
    void everyOutputValidatesAndSignHashCountsAgreeUnderFaults() throws Exception {
        Sandbox s = sandbox.get();
        try (FaultProxy proxy = FaultProxy.start(s.baseUrl())) {
            String retry = "{\"error\":\"temporarily_unavailable\"}";
            Fault slow = Fault.delayed(Duration.ofMillis(20), Fault.forward());
            AtomicInteger executedThenDropped = new AtomicInteger();
            AtomicInteger droppedUnexecuted = new AtomicInteger();
            proxy.on("signatures/signHash", Fault.cycle(slow,
                    Fault.respond(503, "application/json", retry, "Retry-After", "0"), slow,
                    counted(executedThenDropped, Fault.dropAfterForwarding()), slow,
                    counted(droppedUnexecuted, Fault.dropBeforeForwarding()), Fault.forward()));
            proxy.on("credentials/authorize", Fault.everyNth(7, Fault.dropBeforeForwarding()));
            CscClientConfig config = CscClientConfig.builder().profile(CscProfile.STANDARD)
                    .baseUrl(proxy.via(s.cscUrl()))
                    .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret())))
                    .callTimeout(Duration.ofSeconds(20)).sleeper(d -> { }).build();
            try (CscSignatureToken token = CscSignatureToken.builder().config(config).credentialIds("rsa2048")
                    .authorizer(CredentialAuthorizer.pin(s.pin().toCharArray())).build()) {
                DocumentSigner signer = DocumentSigner.builder().token(token).trustAnchorFile(s.trustAnchor()).build();
                s.stats().reset();
                AtomicInteger reportedCalls = new AtomicInteger();
                AtomicInteger lostAfterSending = new AtomicInteger(); // as the client sees it
                List<SignedDocument> outputs = java.util.Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    running.add(pool.submit(() -> {
                        for (int d = 0; d < DOCUMENTS; d++) {
                            SignatureFormat format = SignatureFormat.values()[(thread + d) % 4];
                            DSSDocument doc = document(format, "t" + thread + "-d" + d);
                            outputs.add(signWithRetries(signer, doc, format, reportedCalls, lostAfterSending));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get(10, TimeUnit.MINUTES);
                }
                pool.shutdown();

                assertThat(outputs).hasSize(THREADS * DOCUMENTS);
                DocumentValidator validator = DocumentValidator.builder().trustAnchorFile(s.trustAnchor()).online(true)
                        .build();
                for (SignedDocument out : outputs) {
                    ValidationResult result = validator.validate(out.document(), List.of());
                    assertThat(result.allPassed()).as(out.name()).isTrue();
                }
                long executed = s.stats().count(s.cscUrl().getPath() + "/signatures/signHash");
                assertThat(executedThenDropped.get()).as("faults really happened").isPositive();
                assertThat(executed).as("signHash at the service = reported by the client + executed but lost")
                        .isEqualTo(reportedCalls.get() + executedThenDropped.get());
                assertThat(lostAfterSending.get()).as("every dropped connection surfaced, none was resent")
                        .isEqualTo(executedThenDropped.get() + droppedUnexecuted.get());
            }
        }
    }

    private static SignedDocument signWithRetries(DocumentSigner signer, DSSDocument doc, SignatureFormat format,
                                                  AtomicInteger reportedCalls, AtomicInteger lostAfterSending) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                SigningResult r = signer.sign(List.of(doc), SignatureOptions.builder(format).level(Level.B).build(),
                        ProgressListener.NONE);
                reportedCalls.addAndGet(r.signHashCalls());
                return r.documents().get(0);
            } catch (RuntimeException e) {
                CscException csc = cscCause(e);
                if (csc == null) {
                    throw e;
                }
                if (csc instanceof CscConnectionLostException && "signatures/signHash".equals(csc.method())) {
                    lostAfterSending.incrementAndGet();
                }
                last = e;
            }
        }
        throw last;
    }

    private static Fault counted(AtomicInteger counter, Fault fault) {
        return ex -> {
            counter.incrementAndGet();
            fault.apply(ex);
        };
    }

    private static CscException cscCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CscException c) {
                return c;
            }
        }
        return null;
    }

    private static DSSDocument document(SignatureFormat format, String name) {
        return switch (format) {
            case PADES -> Fixtures.pdf(name + ".pdf");
            case XADES -> Fixtures.xml(name + ".xml");
            case JADES -> Fixtures.json(name + ".json");
            default -> Fixtures.text(name + ".txt");
        };
    }
}
