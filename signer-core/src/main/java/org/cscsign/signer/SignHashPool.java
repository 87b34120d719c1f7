package org.cscsign.signer;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.cscsign.token.BatchSignatureToken;
import org.cscsign.token.SignedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pools the digests of many concurrent callers into one {@code signatures/signHash} call per (credential,
 * signature algorithm) and window: a {@link BatchSignatureToken} in front of another one, so any number of
 * {@link DocumentSigner} jobs — different documents, formats, options, threads — that share it also share
 * the signing service's round trips.
 *
 * <p>The first digests for a (credential, algorithm) open a <em>window</em>; later callers join it. The window
 * is signed (one {@link BatchSignatureToken#signDigests} of the delegate, i.e. {@code ceil(n / multisign)}
 * signHash calls) as soon as it holds {@link Builder#maxDigests(int) maxDigests} digests, or when its
 * {@link Builder#window(Duration) window} has passed, whichever comes first: no caller waits longer than the
 * window for others. Each caller gets back exactly the signature values of its own digests, in its order,
 * with the validation data the service returned for the whole call.
 *
 * <p>No lock is held during a remote call: a window is taken out of the pool under the lock and signed outside
 * it (by the caller that filled it, or on the {@link Builder#executor(Executor) executor} when its time is up).
 * A caller that fails before it asks for signatures never holds anyone up; a failed signHash fails exactly the
 * callers of that window, and is never sent again.
 *
 * <p>Thread-safe. {@link #close()} releases the pool's own timer thread and executor (not the delegate, which
 * belongs to the caller); windows still open are signed first.
 */
public final class SignHashPool implements BatchSignatureToken {

    private static final Logger LOG = LoggerFactory.getLogger(SignHashPool.class);

    /**
     * Runs a task after a delay; the pool's clock. The default runs on one daemon thread; tests give one they
     * advance by hand.
     */
    @FunctionalInterface
    public interface Scheduler {
        /**
         * @param task  what to run
         * @param delay after how long
         * @return cancels the task if it has not run yet
         */
        Runnable schedule(Runnable task, Duration delay);
    }

    private final BatchSignatureToken delegate;
    private final Duration window;
    private final int maxDigests;
    private final Scheduler scheduler;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final ScheduledExecutorService ownedTimer;
    private final Object lock = new Object();
    private final Map<GroupKey, Window> open = new HashMap<>();
    private final AtomicInteger signHashCalls = new AtomicInteger();
    private final AtomicInteger poolCalls = new AtomicInteger();
    private boolean closed;

    private SignHashPool(Builder b) {
        this.delegate = b.delegate;
        this.window = b.window;
        this.maxDigests = b.maxDigests;
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownedTimer = null;
        } else {
            this.ownedTimer = Executors.newSingleThreadScheduledExecutor(daemon("cscsign-pool-timer"));
            this.scheduler = (task, delay) -> {
                ScheduledFuture<?> f = ownedTimer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            };
        }
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newCachedThreadPool(daemon("cscsign-pool-sign"));
            this.executor = ownedExecutor;
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the signHash calls the delegate reported for all windows signed so far */
    public int signHashCalls() {
        return signHashCalls.get();
    }

    /** @return how many windows were signed so far (one delegate {@code signDigests} each) */
    public int windowsSigned() {
        return poolCalls.get();
    }

    /**
     * Adds the digests to the open window of ({@code key}, {@code algorithm}) and waits until that window is
     * signed — at most the window's length plus the signing itself.
     *
     * @param digests   the digests to sign, computed with {@code algorithm}'s digest algorithm; not empty
     * @param algorithm the signature algorithm
     * @param key       a key entry of the delegate
     * @return this caller's signature values (one per digest, same order) and the window's validation data;
     *         {@code signHashCalls} is that of the whole window (shared with the other callers)
     * @throws IllegalArgumentException when {@code digests} is empty
     * @throws IllegalStateException    when the pool is closed
     * @throws SigningException         when the thread is interrupted while its digests are still waiting (they
     *                                  are then withdrawn, nothing is signed for them)
     * @throws RuntimeException         what the delegate threw for this window (the same exception for every
     *                                  caller of the window)
     */
    @Override
    public SignedBatch signDigests(List<Digest> digests, SignatureAlgorithm algorithm, DSSPrivateKeyEntry key) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        if (Objects.requireNonNull(digests, "digests").isEmpty()) {
            throw new IllegalArgumentException("digests: at least one digest is required");
        }
        Request request = new Request(List.copyOf(digests));
        GroupKey groupKey = GroupKey.of(key, algorithm);
        List<Window> full = new ArrayList<>(2);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the SignHashPool is closed");
            }
            Window w = open.get(groupKey);
            if (w != null && w.size + request.digests.size() > maxDigests) {
                // this caller would overfill the window: sign it now, start a fresh one
                full.add(detach(groupKey, w));
                w = null;
            }
            if (w == null) {
                Window fresh = new Window(key, algorithm);
                open.put(groupKey, fresh);
                fresh.cancelTimer = scheduler.schedule(() -> timeUp(groupKey, fresh), window);
                w = fresh;
            }
            w.requests.add(request);
            w.size += request.digests.size();
            if (w.size >= maxDigests) {
                full.add(detach(groupKey, w));
            }
        }
        // the remote calls happen here, with no lock held
        for (Window w : full) {
            sign(w);
        }
        return await(request, groupKey);
    }

    private SignedBatch await(Request request, GroupKey groupKey) {
        try {
            return request.result.get();
        } catch (InterruptedException e) {
            boolean withdrawn;
            synchronized (lock) {
                Window w = open.get(groupKey);
                withdrawn = w != null && w.requests.remove(request);
                if (withdrawn) {
                    w.size -= request.digests.size();
                }
            }
            Thread.currentThread().interrupt();
            throw new SigningException(withdrawn ? "interrupted while waiting for the signing window: nothing was"
                    + " signed for this caller" : "interrupted while the signing window was being signed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new SigningException("signing the pooled window failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new SigningException("the signing window was cancelled", e);
        }
    }

    /** Takes a window out of the pool (caller holds the lock); it will be signed by whoever took it. */
    private Window detach(GroupKey groupKey, Window w) {
        open.remove(groupKey, w);
        if (w.cancelTimer != null) {
            w.cancelTimer.run();
        }
        return w;
    }

    private void timeUp(GroupKey groupKey, Window w) {
        synchronized (lock) {
            if (open.get(groupKey) != w) {
                return; // already filled and taken
            }
            detach(groupKey, w);
        }
        try {
            executor.execute(() -> sign(w));
        } catch (RuntimeException e) {
            fail(w, e);
        }
    }

    private void sign(Window w) {
        List<Request> requests;
        synchronized (lock) {
            // interrupted callers may have left between detach and now
            requests = List.copyOf(w.requests);
        }
        if (requests.isEmpty()) {
            return;
        }
        List<Digest> all = new ArrayList<>();
        requests.forEach(r -> all.addAll(r.digests));
        SignedBatch batch;
        try {
            batch = delegate.signDigests(all, w.algorithm, w.key);
            if (batch.signatureValues().size() != all.size()) {
                throw new RemoteServiceException("the token returned " + batch.signatureValues().size()
                        + " signature value(s) for " + all.size() + " pooled digest(s)", null);
            }
        } catch (RuntimeException e) {
            fail(requests, e);
            return;
        } catch (Error e) {
            fail(requests, new SigningException("signing the pooled window failed: " + e, e));
            throw e;
        }
        poolCalls.incrementAndGet();
        signHashCalls.addAndGet(batch.signHashCalls());
        LOG.debug("signed a window of {} digest(s) from {} caller(s) with {} signHash call(s)", all.size(),
                requests.size(), batch.signHashCalls());
        int from = 0;
        for (Request r : requests) {
            List<SignatureValue> slice = batch.signatureValues().subList(from, from + r.digests.size());
            from += r.digests.size();
            r.result.complete(new SignedBatch(slice, batch.validationData(), batch.signHashCalls()));
        }
    }

    private void fail(Window w, RuntimeException e) {
        List<Request> requests;
        synchronized (lock) {
            requests = List.copyOf(w.requests);
        }
        fail(requests, e);
    }

    private static void fail(List<Request> requests, RuntimeException e) {
        requests.forEach(r -> r.result.completeExceptionally(e));
    }

    /**
     * Signs the windows still open, then stops the pool's own threads. The delegate stays open.
     */
    @Override
    public void close() {
        List<Window> rest;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            rest = new ArrayList<>();
            for (Map.Entry<GroupKey, Window> e : List.copyOf(open.entrySet())) {
                rest.add(detach(e.getKey(), e.getValue()));
            }
        }
        rest.forEach(this::sign);
        if (ownedTimer != null) {
            ownedTimer.shutdownNow();
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    /** @return the delegate's keys ({@code credentials/list} and {@code credentials/info} for a CSC token) */
    @Override
    public List<DSSPrivateKeyEntry> getKeys() {
        return delegate.getKeys();
    }

    /**
     * Signs one document's data, pooled like {@link #signDigests}.
     *
     * @throws SigningException or what the delegate throws, as {@link #signDigests}
     */
    @Override
    public SignatureValue sign(ToBeSigned toBeSigned, DigestAlgorithm digestAlgorithm, DSSPrivateKeyEntry keyEntry) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.getAlgorithm(keyEntry.getEncryptionAlgorithm(), digestAlgorithm);
        return sign(toBeSigned, algorithm, keyEntry);
    }

    /**
     * Signs one document's data, pooled like {@link #signDigests}.
     *
     * @throws SigningException or what the delegate throws, as {@link #signDigests}
     */
    @Override
    public SignatureValue sign(ToBeSigned toBeSigned, SignatureAlgorithm signatureAlgorithm, DSSPrivateKeyEntry keyEntry) {
        DigestAlgorithm digestAlgorithm = signatureAlgorithm.getDigestAlgorithm();
        Digest digest = new Digest(digestAlgorithm,
                eu.europa.esig.dss.spi.DSSUtils.digest(digestAlgorithm, toBeSigned.getBytes()));
        return signDigest(digest, signatureAlgorithm, keyEntry);
    }

    /**
     * Signs one digest, pooled like {@link #signDigests}.
     *
     * @throws SigningException or what the delegate throws, as {@link #signDigests}
     */
    @Override
    public SignatureValue signDigest(Digest digest, DSSPrivateKeyEntry keyEntry) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.getAlgorithm(keyEntry.getEncryptionAlgorithm(),
                digest.getAlgorithm());
        return signDigest(digest, algorithm, keyEntry);
    }

    /**
     * Signs one digest, pooled like {@link #signDigests}.
     *
     * @throws SigningException or what the delegate throws, as {@link #signDigests}
     */
    @Override
    public SignatureValue signDigest(Digest digest, SignatureAlgorithm signatureAlgorithm, DSSPrivateKeyEntry keyEntry) {
        return signDigests(List.of(digest), signatureAlgorithm, keyEntry).signatureValues().get(0);
    }

    @Override
    public String toString() {
        return "SignHashPool[window=" + window + ", maxDigests=" + maxDigests + ", delegate=" + delegate + "]";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One caller's digests and, once its window is signed, its slice. */
    private static final class Request {
        final List<Digest> digests;
        final CompletableFuture<SignedBatch> result = new CompletableFuture<>();

        Request(List<Digest> digests) {
            this.digests = digests;
        }
    }

    /** The callers waiting for one signHash of one (credential, algorithm). Guarded by the pool's lock. */
    private static final class Window {
        final DSSPrivateKeyEntry key;
        final SignatureAlgorithm algorithm;
        final List<Request> requests = new ArrayList<>();
        int size;
        Runnable cancelTimer;

        Window(DSSPrivateKeyEntry key, SignatureAlgorithm algorithm) {
            this.key = key;
            this.algorithm = algorithm;
        }
    }

    /** Windows are per credential (its id, or the key entry itself, plus its certificate) and algorithm. */
    private record GroupKey(Object keyId, CertificateToken certificate, SignatureAlgorithm algorithm) {
        static GroupKey of(DSSPrivateKeyEntry key, SignatureAlgorithm algorithm) {
            String id = KeyChoice.idOf(key);
            return new GroupKey(id != null ? id : new Identity(key), key.getCertificate(), algorithm);
        }
    }

    /** Identity equality for key entries without an id. */
    private record Identity(Object target) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.target == target;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(target);
        }
    }

    /** Configures a {@link SignHashPool}; not thread-safe. */
    public static final class Builder {
        private BatchSignatureToken delegate;
        private Duration window = Duration.ofMillis(200);
        private int maxDigests = 100;
        private Scheduler scheduler;
        private Executor executor;

        private Builder() {
        }

        /**
         * @param token the token that really signs (e.g. a {@code CscSignatureToken}); the caller closes it
         * @return this
         */
        public Builder token(BatchSignatureToken token) {
            this.delegate = token;
            return this;
        }

        /**
         * @param window how long the first caller of a window waits for others before it is signed (default
         *        200 ms); the bound on the wait a pool adds
         * @return this
         */
        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        /**
         * @param maxDigests a window is signed as soon as it holds this many digests (default 100); set it to
         *        the service's {@code multisign} to make one window one signHash call
         * @return this
         */
        public Builder maxDigests(int maxDigests) {
            this.maxDigests = maxDigests;
            return this;
        }

        /**
         * @param scheduler the timer of the windows (default: one daemon thread of the pool)
         * @return this
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * @param executor signs the windows whose time is up (default: the pool's own daemon threads); never
         *        called for a window a caller filled, which that caller signs itself
         * @return this
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * @return the pool
         * @throws IllegalArgumentException naming the field when the token is missing, the window is not
         *                                  positive or maxDigests is below 1
         */
        public SignHashPool build() {
            if (delegate == null) {
                throw new IllegalArgumentException("token is required");
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, not " + window);
            }
            if (maxDigests < 1) {
                throw new IllegalArgumentException("maxDigests must be at least 1, not " + maxDigests);
            }
            return new SignHashPool(this);
        }
    }
}
