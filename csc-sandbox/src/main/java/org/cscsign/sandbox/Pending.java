package org.cscsign.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Results of asynchronous operations (signHash with {@code operationMode} A, a 202
 * {@code credentials/authorize}) that a client collects by polling ({@code signatures/signPolling},
 * {@code credentials/authorizeCheck}): each answers "pending" a set number of times, then hands out
 * its result once.
 */
final class Pending {
    private record Entry(String clientId, Map<String, Object> result, AtomicInteger pollsLeft) {
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** Keeps a result for {@code polls} "pending" answers; returns its handle. */
    String put(String clientId, Map<String, Object> result, int polls) {
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        if (entries.size() > 1000) {
            entries.clear();
        }
        entries.put(handle, new Entry(clientId, result, new AtomicInteger(polls)));
        return handle;
    }

    /**
     * One poll: a {@link CscApi.Accepted} while pending, else the result (removed).
     *
     * @param endless a fault: pending for ever
     */
    Map<String, Object> poll(String handle, String field, String clientId, boolean endless) {
        Entry e = entries.get(handle);
        if (e == null || !e.clientId().equals(clientId)) {
            throw HttpError.badRequest("Invalid parameter " + field + ": unknown or already collected");
        }
        if (endless || e.pollsLeft().getAndDecrement() > 0) {
            CscApi.Accepted pending = new CscApi.Accepted();
            pending.put("error", "accepted_request");
            pending.put("error_description", "The request is still being processed");
            return pending;
        }
        entries.remove(handle);
        return new LinkedHashMap<>(e.result());
    }
}
