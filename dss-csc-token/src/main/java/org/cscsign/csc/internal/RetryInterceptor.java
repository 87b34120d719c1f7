package org.cscsign.csc.internal;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Retries what is safe to retry: HTTP 429/503 (waiting for {@code Retry-After}) and connections that
 * failed before the request was sent. Bounded by a number of attempts and a total wait; nothing else
 * is retried (a signHash that reached the service may have been executed).
 */
public final class RetryInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);
    private static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

    private final int maxAttempts;
    private final Duration maxTotalWait;

    /**
     * @param maxAttempts attempts in all (1 = no retry)
     * @param maxTotalWait the most time spent waiting between attempts
     */
    public RetryInterceptor(int maxAttempts, Duration maxTotalWait) {
        this.maxAttempts = maxAttempts;
        this.maxTotalWait = maxTotalWait;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Duration waited = Duration.ZERO;
        CallTag tag = chain.request().tag(CallTag.class);
        String method = tag == null ? chain.request().url().encodedPath() : tag.method();
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(chain.request());
            } catch (ConnectException | NoRouteToHostException e) {
                // the request never left: safe to try again
                Duration delay = DEFAULT_DELAY;
                if (attempt >= maxAttempts || waited.plus(delay).compareTo(maxTotalWait) > 0) {
                    throw e;
                }
                LOG.debug("{}: connection failed ({}), retrying in {} ms", method, e.getClass().getSimpleName(), delay.toMillis());
                sleep(delay);
                waited = waited.plus(delay);
                continue;
            }
            if (response.code() != 429 && response.code() != 503 || attempt >= maxAttempts) {
                return response;
            }
            Duration delay = retryAfter(response.header("Retry-After"));
            if (waited.plus(delay).compareTo(maxTotalWait) > 0) {
                return response;
            }
            LOG.debug("{}: HTTP {}, retrying in {} ms (attempt {} of {})", method, response.code(), delay.toMillis(),
                    attempt + 1, maxAttempts);
            response.close();
            sleep(delay);
            waited = waited.plus(delay);
        }
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_DELAY;
        }
        String h = header.trim();
        if (h.matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(h));
        }
        try {
            Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return DEFAULT_DELAY;
        }
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
