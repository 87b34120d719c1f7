package org.cscsign.csc.internal;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.cscsign.csc.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Retries only what is safe to retry: HTTP 429/503 that carry {@code Retry-After} (the service says it
 * did not do the work and when to come back), and connections that failed before the request was sent
 * (refused, unknown host, no route). A request that may have reached the service is never resent here:
 * a signHash that broke off may have been executed. Bounded by a number of attempts, a total wait and
 * the call's deadline; sleeps and time come from an injectable {@link Sleeper} and {@link Clock}.
 */
public final class RetryInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);
    private static final Duration CONNECT_RETRY_DELAY = Duration.ofSeconds(1);

    private final int maxAttempts;
    private final Duration maxTotalWait;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param maxAttempts attempts in all (1 = no retry)
     * @param maxTotalWait the most time spent waiting between attempts
     * @param sleeper how to wait
     * @param clock the clock (elapsed time against the call deadline, HTTP-date {@code Retry-After})
     */
    public RetryInterceptor(int maxAttempts, Duration maxTotalWait, Sleeper sleeper, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.maxTotalWait = maxTotalWait;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Duration waited = Duration.ZERO;
        long started = clock.millis();
        long deadline = chain.call().timeout().timeoutNanos() / 1_000_000;
        CallTag tag = chain.request().tag(CallTag.class);
        String method = tag == null ? chain.request().url().encodedPath() : tag.method();
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(chain.request());
            } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
                // the request never left: safe to try again
                if (!mayWait(attempt, waited, CONNECT_RETRY_DELAY, started, deadline)) {
                    throw e;
                }
                LOG.debug("{}: no connection ({}), retrying in {} ms", method, e.getClass().getSimpleName(),
                        CONNECT_RETRY_DELAY.toMillis());
                sleep(CONNECT_RETRY_DELAY);
                waited = waited.plus(CONNECT_RETRY_DELAY);
                continue;
            }
            if (response.code() != 429 && response.code() != 503) {
                return response;
            }
            Optional<Duration> delay = retryAfter(response.header("Retry-After"), clock);
            if (delay.isEmpty() || !mayWait(attempt, waited, delay.get(), started, deadline)) {
                return response;
            }
            LOG.debug("{}: HTTP {}, retrying in {} ms (attempt {} of {})", method, response.code(),
                    delay.get().toMillis(), attempt + 1, maxAttempts);
            response.close();
            sleep(delay.get());
            waited = waited.plus(delay.get());
        }
    }

    private boolean mayWait(int attempt, Duration waited, Duration delay, long started, long deadline) {
        if (attempt >= maxAttempts || waited.plus(delay).compareTo(maxTotalWait) > 0) {
            return false;
        }
        // never sleep past the call's deadline: the call would only time out while waiting
        return deadline <= 0 || clock.millis() - started + delay.toMillis() < deadline;
    }

    /**
     * @param header the {@code Retry-After} value: delay-seconds or an HTTP-date
     * @param clock the clock for an HTTP-date
     * @return the delay, empty when the header is absent or unreadable (then the answer is not retried)
     */
    static Optional<Duration> retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.trim();
        if (h.matches("\\d{1,6}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
        }
        try {
            Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void sleep(Duration d) throws IOException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
