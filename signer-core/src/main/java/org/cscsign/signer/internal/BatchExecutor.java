package org.cscsign.signer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs one step of a batch (prepare, finish, validate) over the documents of the batch on at most
 * {@code parallelism} threads, keeping results in input order.
 *
 * <p>All or nothing: after the first failure no further document is started, the documents already
 * running are let finish, and the failure of the FIRST document in input order that failed is thrown (so
 * the error a user sees does not depend on scheduling). The threads are made for the step and end with
 * it: nothing lingers after a batch, and a signer needs no {@code close()}.
 */
public final class BatchExecutor {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private BatchExecutor() {
    }

    /**
     * The default number of documents in flight in steps that wait on the network (timestamps, revocation
     * data, online validation): four per core, at least four, since a thread waiting for a reply uses no CPU.
     *
     * @return the default parallelism
     */
    public static int defaultParallelism() {
        return Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param parallelism a bound for a step that waits on the network
     * @return the bound for a step that only computes: at most one document per core
     */
    public static int cpuBound(int parallelism) {
        return Math.max(1, Math.min(parallelism, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Applies {@code task} to every item.
     *
     * @param items the inputs
     * @param parallelism the most items processed at the same time (1: on the calling thread, one after another)
     * @param task what to do with one item; a RuntimeException or Error it throws fails the step
     * @param done called with the number of items done so far after each item, never concurrently
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     * @throws RuntimeException the failure of the first item (in input order) that failed
     * @throws org.cscsign.signer.SigningException when the calling thread is interrupted while it waits
     */
    public static <T, R> List<R> map(List<T> items, int parallelism, Function<T, R> task, IntConsumer done) {
        int n = items.size();
        int threads = Math.min(Math.max(1, parallelism), n);
        if (threads <= 1) {
            List<R> out = new ArrayList<>(n);
            for (T item : items) {
                out.add(task.apply(item));
                done.accept(out.size());
            }
            return out;
        }
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        int[] finished = {0};
        Runnable worker = () -> {
            int i;
            while (!failed.get() && (i = next.getAndIncrement()) < n) {
                try {
                    results[i] = task.apply(items.get(i));
                    synchronized (finished) {
                        done.accept(++finished[0]);
                    }
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    failed.set(true);
                }
            }
        };
        List<Thread> running = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(worker, "cscsign-batch-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
            running.add(thread);
        }
        joinAll(running, failed);
        for (Throwable f : failures) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error err) {
                throw err;
            }
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return new ArrayList<>(out);
    }

    private static void joinAll(List<Thread> threads, AtomicBoolean failed) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    // stop starting documents, wait for the running ones (they hold files and connections)
                    interrupted = true;
                    failed.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new org.cscsign.signer.SigningException("the batch was interrupted");
        }
    }
}
