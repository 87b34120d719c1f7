package org.cscsign.signer.internal;

import eu.europa.esig.dss.model.DSSException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A memo for ONE batch: the first caller of a key computes the value, concurrent callers of the same key wait for
 * that computation, later callers get the kept value. A failure is not kept (it reaches every caller waiting for
 * it, and the next caller computes again). Beyond {@code maxEntries} keys, values are computed without being kept.
 *
 * @param <K> key type
 * @param <V> value type (null is a value like any other)
 */
final class SingleFlight<K, V> {

    private final int maxEntries;
    private final ConcurrentHashMap<K, CompletableFuture<V>> values = new ConcurrentHashMap<>();
    private final AtomicLong computations = new AtomicLong();

    SingleFlight(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** @return how many times a value was computed (not answered from the memo) */
    long computations() {
        return computations.get();
    }

    /**
     * @param key the key
     * @param compute computes the value on a miss
     * @param what names the value in the message of an interrupted wait
     * @return the value
     * @throws RuntimeException what {@code compute} threw, here or in the caller it waited for
     * @throws DSSException when the thread is interrupted while it waits for another caller's computation
     */
    V get(K key, Supplier<V> compute, String what) {
        if (values.size() >= maxEntries && !values.containsKey(key)) {
            computations.incrementAndGet();
            return compute.get();
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = values.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                computations.incrementAndGet();
                V value = compute.get();
                mine.complete(value);
                return value;
            } catch (RuntimeException | Error e) {
                values.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DSSException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new DSSException("failed: " + what + ": " + e.getCause(), e.getCause());
        }
    }
}
