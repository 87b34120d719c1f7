package org.cscsign.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters of a {@link Sandbox}, for tests that check how many calls a client makes (for
 * example one signHash per batch, or no OCSP request when signHash returned one). Thread-safe.
 */
public final class Stats {
    private static final String OCSP_PREFIX = "ocsp:";

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    Stats() {
    }

    /**
     * The number of requests received for a path since the last reset.
     *
     * @param path a request path such as {@code /csc/v2/signatures/signHash}, {@code /ocsp} or
     *     {@code /oauth2/token} (GET OCSP requests count under {@code /ocsp})
     * @return the count, zero when none
     */
    public long count(String path) {
        LongAdder a = counters.get(path);
        return a == null ? 0 : a.sum();
    }

    /**
     * The number of OCSP requests over HTTP whose CertID names the leaf certificate of a credential.
     *
     * @param credentialId a credential id, e.g. {@code rsa2048}
     * @return the count, zero when none
     */
    public long ocspRequestsFor(String credentialId) {
        return count(OCSP_PREFIX + credentialId);
    }

    /**
     * A copy of all counters: request paths, and {@code ocsp:<credentialId>} for OCSP requests per credential.
     *
     * @return a sorted, unmodifiable snapshot
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Sets every counter back to zero. */
    public void reset() {
        counters.clear();
    }

    void request(String path) {
        counters.computeIfAbsent(path, k -> new LongAdder()).increment();
    }

    void ocspFor(String credentialId) {
        request(OCSP_PREFIX + credentialId);
    }
}
