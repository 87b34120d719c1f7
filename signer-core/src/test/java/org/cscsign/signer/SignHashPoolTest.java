package org.cscsign.signer;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.token.SignedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SignHashPool} against the BankID sandbox through the real CSC token: many callers, one signHash, each
 * caller's signatures over its own digests; the window bound driven by a hand-advanced scheduler (no sleeps).
 */
@Timeout(120)
class SignHashPoolTest {

    private static final String SIGN_HASH = "/v0/b2b/csc/v2/signatures/signHash";

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.bankid();

    static CscSignatureToken token;
    static DSSPrivateKeyEntry key;

    @BeforeAll
    static void connect() {
        token = Fixtures.cscToken(sandbox.get(), "rsa2048");
        key = token.getKeys().get(0);
    }

    @AfterAll
    static void disconnect() {
        token.close();
    }

    /** A scheduler whose tasks run only when the test says so; it records the delays asked for. */
    static final class ManualScheduler implements SignHashPool.Scheduler {
        record Task(Runnable task, Duration delay) {
        }

        final BlockingQueue<Task> scheduled = new LinkedBlockingQueue<>();

        @Override
        public Runnable schedule(Runnable task, Duration delay) {
            scheduled.add(new Task(task, delay));
            return () -> { };
        }
    }

    @Test
    void concurrentCallersShareOneSignHashAndEachGetsSignaturesOverItsOwnDigests() throws Exception {
        int callers = 8;
        ManualScheduler timer = new ManualScheduler();
        // callers i sign i+1 digests: 36 in all, below the sandbox's multisign of 50
        int total = callers * (callers + 1) / 2;
        try (SignHashPool pool = SignHashPool.builder().token(token).window(Duration.ofHours(1)).maxDigests(total)
                .scheduler(timer).executor(Runnable::run).build()) {
            CyclicBarrier start = new CyclicBarrier(callers);
            ExecutorService threads = Executors.newFixedThreadPool(callers);
            try {
                List<Future<SignedBatch>> results = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    List<Digest> digests = digests("caller-" + i, i + 1);
                    results.add(threads.submit(() -> {
                        start.await(); // all callers really overlap
                        return pool.signDigests(digests, SignatureAlgorithm.RSA_SHA256, key);
                    }));
                }
                for (int i = 0; i < callers; i++) {
                    SignedBatch mine = results.get(i).get(60, TimeUnit.SECONDS);
                    assertThat(mine.signatureValues()).hasSize(i + 1);
                    for (int d = 0; d < mine.signatureValues().size(); d++) {
                        assertThat(verifies("caller-" + i, d, mine.signatureValues().get(d)))
                                .as("caller %d digest %d", i, d).isTrue();
                    }
                    // and not over another caller's digest at the same place
                    if (i > 0) {
                        assertThat(verifies("caller-" + (i - 1), 0, mine.signatureValues().get(0))).isFalse();
                    }
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(sandbox.get().stats().count(SIGN_HASH)).isEqualTo(1);
            assertThat(pool.signHashCalls()).isEqualTo(1);
            assertThat(pool.windowsSigned()).isEqualTo(1);
        }
    }

    @Test
    void aWindowIsSignedWhenItsTimeIsUpWithoutWaitingForMoreCallers() throws Exception {
        ManualScheduler timer = new ManualScheduler();
        try (SignHashPool pool = SignHashPool.builder().token(token).window(Duration.ofMillis(250)).maxDigests(50)
                .scheduler(timer).executor(Runnable::run).build()) {
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                List<Digest> digests = digests("alone", 2);
                Future<SignedBatch> waiting = thread.submit(
                        () -> pool.signDigests(digests, SignatureAlgorithm.RSA_SHA256, key));

                ManualScheduler.Task due = timer.scheduled.poll(60, TimeUnit.SECONDS);
                assertThat(due).isNotNull();
                assertThat(due.delay()).isEqualTo(Duration.ofMillis(250));
                assertThat(waiting).isNotDone(); // 2 of 50: it waits for others until the window ends
                assertThat(sandbox.get().stats().count(SIGN_HASH)).isZero();

                due.task().run(); // the window is over

                SignedBatch signed = waiting.get(60, TimeUnit.SECONDS);
                assertThat(verifies("alone", 1, signed.signatureValues().get(1))).isTrue();
                assertThat(sandbox.get().stats().count(SIGN_HASH)).isEqualTo(1);
                assertThat(timer.scheduled).isEmpty(); // one timer per window, not per caller
            } finally {
                thread.shutdownNow();
            }
        }
    }

    @Test
    void aCallerThatWouldOverfillTheWindowStartsTheNextOne() {
        ManualScheduler timer = new ManualScheduler();
        try (SignHashPool pool = SignHashPool.builder().token(token).window(Duration.ofHours(1)).maxDigests(3)
                .scheduler(timer).executor(Runnable::run).build()) {
            // alone, each caller of 3 digests fills a window: signed at once, no timer needed
            SignedBatch first = pool.signDigests(digests("first", 3), SignatureAlgorithm.RSA_SHA256, key);
            SignedBatch second = pool.signDigests(digests("second", 3), SignatureAlgorithm.RSA_SHA256, key);

            assertThat(first.signatureValues()).hasSize(3);
            assertThat(second.signatureValues()).hasSize(3);
            assertThat(pool.windowsSigned()).isEqualTo(2);
            assertThat(sandbox.get().stats().count(SIGN_HASH)).isEqualTo(2);
        }
    }

    @Test
    void aJobThatFailsBeforeSigningDoesNotHoldUpTheOthers() throws Exception {
        ManualScheduler timer = new ManualScheduler();
        try (SignHashPool pool = SignHashPool.builder().token(token).window(Duration.ofHours(1)).maxDigests(2)
                .scheduler(timer).executor(Runnable::run).build()) {
            DocumentSigner signer = DocumentSigner.builder().token(pool).tsa(sandbox.get().tsaUrl())
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();
            SignatureOptions pades = SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build();
            SignatureOptions xades = SignatureOptions.builder(SignatureFormat.XADES).level(Level.LT).build();
            CyclicBarrier start = new CyclicBarrier(3);
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                Future<SignedDocument> broken = threads.submit(() -> {
                    start.await();
                    // not a PDF: refused while preparing, before it asks for a signature
                    return signer.sign(new InMemoryDocument("not a pdf".getBytes(StandardCharsets.UTF_8), "x.pdf"), pades);
                });
                Future<SignedDocument> pdf = threads.submit(() -> {
                    start.await();
                    return signer.sign(Fixtures.pdf("a.pdf"), pades);
                });
                Future<SignedDocument> xml = threads.submit(() -> {
                    start.await();
                    return signer.sign(Fixtures.xml("invoice.xml"), xades);
                });

                assertThat(pdf.get(60, TimeUnit.SECONDS).signatureLevel()).isEqualTo("PAdES-BASELINE-LT");
                assertThat(xml.get(60, TimeUnit.SECONDS).signatureLevel()).isEqualTo("XAdES-BASELINE-LT");
                assertThatThrownBy(() -> broken.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(BadDocumentException.class);
            } finally {
                threads.shutdownNow();
            }
            // the two good jobs filled the window themselves: no timer ran, one signHash for both
            assertThat(sandbox.get().stats().count(SIGN_HASH)).isEqualTo(1);
            assertThat(timer.scheduled).hasSize(1).allSatisfy(t -> assertThat(t.delay()).isEqualTo(Duration.ofHours(1)));
        }
    }

    @Test
    void aBuilderWithoutWindowOrTokenIsRefusedNamingTheField() {
        assertThatThrownBy(() -> SignHashPool.builder().build()).hasMessageStartingWith("token");
        assertThatThrownBy(() -> SignHashPool.builder().token(token).window(Duration.ZERO).build())
                .hasMessageStartingWith("window");
        assertThatThrownBy(() -> SignHashPool.builder().token(token).maxDigests(0).build())
                .hasMessageStartingWith("maxDigests");
    }

    private static byte[] data(String prefix, int index) {
        return (prefix + "#" + index).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Digest> digests(String prefix, int n) {
        List<Digest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Digest(DigestAlgorithm.SHA256, DSSUtils.digest(DigestAlgorithm.SHA256, data(prefix, i))));
        }
        return out;
    }

    /** Whether the value is an RSA signature over exactly this caller's data, by the credential's public key. */
    private static boolean verifies(String prefix, int index, SignatureValue value) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key.getCertificate().getPublicKey());
        rsa.update(data(prefix, index));
        return rsa.verify(value.getValue());
    }
}
