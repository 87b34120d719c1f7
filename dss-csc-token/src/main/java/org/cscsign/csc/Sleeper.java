package org.cscsign.csc;

import java.time.Duration;

/**
 * Waits between retries (HTTP 429/503 with {@code Retry-After}, a refused connection). Injectable so that
 * tests of the retry policy take no real time.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits with {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    /**
     * @param duration how long to wait
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
