package org.cscsign.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers identifiers (JWT {@code jti}) until they expire, to refuse replays. */
final class ReplayCache {
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger inserts = new java.util.concurrent.atomic.AtomicInteger();

    ReplayCache(Clock clock) {
        this.clock = clock;
    }

    /** True the first time an id is seen (before its expiry), false for a replay. */
    boolean firstUse(String id, Instant expiresAt) {
        Instant now = clock.instant();
        // prune now and then, not on every call, so a busy benchmark does not scan the map per request
        if (inserts.incrementAndGet() % 1024 == 0) {
            seen.values().removeIf(e -> e.isBefore(now));
        }
        Instant previous = seen.putIfAbsent(id, expiresAt);
        if (previous == null) {
            return true;
        }
        if (previous.isBefore(now)) {
            return seen.replace(id, previous, expiresAt);
        }
        return false;
    }
}
