package org.cscsign.sandbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runtime fault switches of a {@link Sandbox} applied to {@code signatures/signHash}, so that client
 * tests can check they notice a misbehaving service. All switches are off by default; thread-safe.
 */
public final class Faults {
    private final Consumer<String> revoker;
    private final AtomicInteger failEveryNth = new AtomicInteger();
    private final AtomicInteger retryAfterSeconds = new AtomicInteger();
    private final AtomicLong signHashCalls = new AtomicLong();
    private volatile boolean wrongKey;
    private volatile boolean dropLast;
    private volatile boolean corruptBase64;
    private volatile boolean endlessList;
    private volatile boolean endlessPolling;
    private volatile boolean unknownAuthNames;

    Faults(Consumer<String> revoker) {
        this.revoker = revoker;
    }

    /**
     * Makes every {@code n}th signHash call (counted from now) fail with HTTP 503
     * {@code temporarily_unavailable} and a {@code Retry-After} header.
     *
     * @param n a positive period; 1 fails every call
     * @param retryAfterSeconds the value of {@code Retry-After}, zero or more
     * @throws IllegalArgumentException if {@code n < 1} or {@code retryAfterSeconds < 0}
     */
    public void failEveryNthSignHash(int n, int retryAfterSeconds) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative, was " + retryAfterSeconds);
        }
        this.retryAfterSeconds.set(retryAfterSeconds);
        signHashCalls.set(0);
        failEveryNth.set(n);
    }

    /**
     * When on, signHash signs with a different key of the same type than the credential's, so the
     * signatures do not verify against its certificate.
     *
     * @param on whether the fault is active
     */
    public void signWithWrongKey(boolean on) {
        wrongKey = on;
    }

    /**
     * When on, signHash returns one signature fewer than hashes (the last one is dropped).
     *
     * @param on whether the fault is active
     */
    public void dropLastSignature(boolean on) {
        dropLast = on;
    }

    /**
     * When on, one of the signature values signHash returns is not valid Base64.
     *
     * @param on whether the fault is active
     */
    public void corruptSignatureBase64(boolean on) {
        corruptBase64 = on;
    }

    /**
     * When on, every {@code credentials/list} page names a next page (a list that never ends).
     *
     * @param on whether the fault is active
     */
    public void endlessCredentialList(boolean on) {
        endlessList = on;
    }

    /**
     * When on, {@code signatures/signPolling} and {@code credentials/authorizeCheck} answer
     * "pending" (202) for ever.
     *
     * @param on whether the fault is active
     */
    public void neverFinishPolling(boolean on) {
        endlessPolling = on;
    }

    /**
     * When on, {@code info} offers only an {@code authType} no CSC version defines and credentials say
     * an auth mode no CSC version defines.
     *
     * @param on whether the fault is active
     */
    public void unknownAuthNames(boolean on) {
        unknownAuthNames = on;
    }

    /**
     * Revokes the credential's certificate now (keyCompromise); OCSP and CRL reflect it at once.
     *
     * @param credentialId a credential of the sandbox
     * @throws IllegalArgumentException if there is no such credential
     */
    public void revoke(String credentialId) {
        revoker.accept(credentialId);
    }

    /** Turns every switch off. Revocations stay. */
    public void reset() {
        failEveryNth.set(0);
        retryAfterSeconds.set(0);
        signHashCalls.set(0);
        wrongKey = false;
        dropLast = false;
        corruptBase64 = false;
        endlessList = false;
        endlessPolling = false;
        unknownAuthNames = false;
    }

    /** Counts a signHash call and tells whether it must fail; returns the Retry-After or -1. */
    int retryAfterIfFailing() {
        int n = failEveryNth.get();
        if (n <= 0) {
            return -1;
        }
        long call = signHashCalls.incrementAndGet();
        return call % n == 0 ? retryAfterSeconds.get() : -1;
    }

    boolean wrongKey() {
        return wrongKey;
    }

    boolean dropLast() {
        return dropLast;
    }

    boolean corruptBase64() {
        return corruptBase64;
    }

    boolean endlessList() {
        return endlessList;
    }

    boolean endlessPolling() {
        return endlessPolling;
    }

    boolean unknownAuthNames() {
        return unknownAuthNames;
    }
}
