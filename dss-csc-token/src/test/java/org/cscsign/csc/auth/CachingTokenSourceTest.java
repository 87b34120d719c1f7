package org.cscsign.csc.auth;

import org.cscsign.csc.AccessToken;
import org.cscsign.token.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The one token cache every token source of the client uses: reuse, margin, single flight, rejection. */
class CachingTokenSourceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Hands out numbered tokens that live {@code life}; renews silently as told. */
    private static final class Numbered extends CachingTokenSource {
        private final Duration life;
        private final boolean silent;
        private final AtomicInteger next = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final CountDownLatch entered = new CountDownLatch(1);

        Numbered(Clock clock, Duration life, boolean silent) {
            super(clock);
            this.life = life;
            this.silent = silent;
        }

        @Override
        protected AccessToken fetch() {
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new AccessToken("t" + next.incrementAndGet(), "Bearer", clock().instant().plus(life), null);
        }

        @Override
        protected boolean renewsSilently() {
            return silent;
        }
    }

    @Test
    void aLongLivedTokenIsReusedUntilThirtySecondsBeforeItExpires() {
        MutableClock clock = new MutableClock(T0);
        Numbered source = new Numbered(clock, Duration.ofHours(1), true);
        assertThat(source.token().value()).isEqualTo("t1");
        clock.advance(Duration.ofMinutes(59).plusSeconds(29));
        assertThat(source.token().value()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(source.token().value()).isEqualTo("t2");
        assertThat(source.tokensFetched()).isEqualTo(2);
    }

    @Test
    void aShortLivedTokenIsRenewedATenthOfItsLifeEarly() {
        MutableClock clock = new MutableClock(T0);
        Numbered source = new Numbered(clock, Duration.ofSeconds(100), true);
        source.token();
        clock.advance(Duration.ofSeconds(89));
        assertThat(source.token().value()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(source.token().value()).isEqualTo("t2");
    }

    @Test
    void aRejectedTokenIsDroppedAndRetriedOnlyWhereNoUserIsNeeded() {
        Numbered silent = new Numbered(new MutableClock(T0), Duration.ofHours(1), true);
        AccessToken first = silent.token();
        assertThat(silent.invalidate(first)).isTrue();
        assertThat(silent.token().value()).isEqualTo("t2");

        Numbered needsUser = new Numbered(new MutableClock(T0), Duration.ofHours(1), false);
        AccessToken only = needsUser.token();
        assertThat(needsUser.invalidate(only)).as("no retry behind the user's back").isFalse();
        assertThat(needsUser.token().value()).as("dropped: the next call fetches anew").isEqualTo("t2");
    }

    @Test
    void manyCallersAtOnceCauseOneFetch() throws Exception {
        Numbered source = new Numbered(new MutableClock(T0), Duration.ofHours(1), true);
        CountDownLatch gate = new CountDownLatch(1);
        source.gate = gate;
        int callers = 8;
        CyclicBarrier start = new CyclicBarrier(callers);
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers, r -> {
            Thread t = new Thread(r);
            threads.add(t);
            return t;
        });
        try {
            List<Future<String>> values = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                values.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return source.token().value();
                }));
            }
            // one caller is fetching; open the gate only once all the others wait for it
            assertThat(source.entered.await(10, TimeUnit.SECONDS)).isTrue();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count() < callers - 1
                    && System.nanoTime() < giveUp) {
                Thread.yield();
            }
            assertThat(threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count())
                    .as("callers waiting for the one fetch").isEqualTo(callers - 1);
            gate.countDown();
            for (Future<String> v : values) {
                assertThat(v.get(10, TimeUnit.SECONDS)).isEqualTo("t1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.tokensFetched()).isEqualTo(1);
    }
}
