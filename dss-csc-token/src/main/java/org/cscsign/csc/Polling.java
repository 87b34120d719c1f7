package org.cscsign.csc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls an asynchronous CSC operation until it gives a result: at once, then waiting {@code interval} between polls
 * and giving up after {@code maxWait} in total (measured on the injected clock, and also bounded by a
 * poll count so that a clock that never advances cannot make it loop for ever).
 */
final class Polling {

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;
    private final Duration maxWait;

    Polling(Clock clock, Sleeper sleeper, Duration interval, Duration maxWait) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = interval;
        this.maxWait = maxWait;
    }

    /**
     * @param method the polling method, for the error
     * @param poll one poll: the result, or empty while pending
     * @param <T> the result type
     * @return the result
     * @throws CscException when no result came within the bound, or the wait was interrupted
     */
    <T> T until(String method, Supplier<Optional<T>> poll) {
        Instant deadline = clock.instant().plus(maxWait);
        long maxPolls = Math.max(1, maxWait.toMillis() / Math.max(1, interval.toMillis())) + 1;
        for (long polls = 1; ; polls++) {
            try {
                if (polls > 1) { // the first poll goes at once: many operations are done by then
                    sleeper.sleep(interval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CscException(method, 0, null, null, method + ": interrupted while waiting for the result", e);
            }
            Optional<T> result = poll.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (polls >= maxPolls || !clock.instant().isBefore(deadline)) {
                throw new CscException(method, 202, null, null, method + ": still pending after " + polls
                        + " polls over " + maxWait.toSeconds() + " s; giving up", null);
            }
        }
    }
}
