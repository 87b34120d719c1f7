package org.cscsign.csc;

import java.time.Duration;

/**
 * Waits between retries (HTTP 429/503 with {@code Retry-After}, a refused connection) and between polls
 * of an asynchronous CSC operation ({@code credentials/authorizeCheck}, {@code signatures/signPolling}).
 * Injectable so that tests never sleep for real.
 */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    /**
     * @param duration how long to wait
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
