package org.cscsign.signer.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchExecutorTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 40).boxed().toList();

    @Test
    void resultsKeepTheInputOrderWhateverFinishesFirst() {
        // later items finish first: each waits a little less than the one before
        List<Integer> out = BatchExecutor.map(ITEMS, 8, i -> {
            sleepQuietly(40 - i);
            return i * 10;
        }, done -> { });

        assertThat(out).containsExactlyElementsOf(ITEMS.stream().map(i -> i * 10).toList());
    }

    @Test
    void neverMoreItemsAtOnceThanTheParallelism() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        BatchExecutor.map(ITEMS, 3, i -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread().getName());
            sleepQuietly(2);
            inFlight.decrementAndGet();
            return i;
        }, done -> { });

        assertThat(most.get()).isBetween(1, 3);
        assertThat(threads).hasSizeBetween(1, 3).noneMatch(n -> n.equals(Thread.currentThread().getName()));
    }

    @Test
    void progressCountsGrowOneByOneWithoutGaps() {
        List<Integer> counts = Collections.synchronizedList(new ArrayList<>());

        BatchExecutor.map(ITEMS, 6, i -> i, counts::add);

        assertThat(counts).containsExactlyElementsOf(IntStream.rangeClosed(1, ITEMS.size()).boxed().toList());
    }

    @Test
    void theFailureOfTheFirstFailingItemInInputOrderIsThrown() throws InterruptedException {
        CountDownLatch laterFailed = new CountDownLatch(1);

        assertThatThrownBy(() -> BatchExecutor.map(ITEMS, 4, i -> {
            if (i == 7) {
                laterFailed.countDown();
                throw new IllegalStateException("item 7");
            }
            if (i == 3) {
                // fail only after item 7 has failed, so the later failure happens first in time
                awaitQuietly(laterFailed);
                throw new IllegalArgumentException("item 3");
            }
            return i;
        }, done -> { })).isInstanceOf(IllegalArgumentException.class).hasMessage("item 3");
    }

    @Test
    void nothingIsStartedAfterAFailure() {
        AtomicInteger started = new AtomicInteger();

        assertThatThrownBy(() -> BatchExecutor.map(ITEMS, 1, i -> {
            started.incrementAndGet();
            if (i == 5) {
                throw new IllegalStateException("item 5");
            }
            return i;
        }, done -> { })).hasMessage("item 5");
        assertThat(started.get()).isEqualTo(6);

        AtomicInteger startedInParallel = new AtomicInteger();
        assertThatThrownBy(() -> BatchExecutor.map(ITEMS, 4, i -> {
            startedInParallel.incrementAndGet();
            if (i == 0) {
                throw new IllegalStateException("item 0");
            }
            sleepQuietly(20);
            return i;
        }, done -> { })).hasMessage("item 0");
        // the three other workers each finish the item they hold, and at most one more each before they see it
        assertThat(startedInParallel.get()).isLessThan(ITEMS.size());
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
