package org.cscsign.csc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Signature Activation Data value returned by {@code credentials/authorize}, or a token with scope
 * {@code credential} from the OAuth2 authorization-code flow used as one. Opaque and secret:
 * {@link #toString()} never shows it.
 *
 * <p>A SAD knows what it covers: the credential, how many signatures it still allows, at SCAL 2 (and
 * for a credential-scope token) the exact hashes, and its expiry. {@link CscClient#signHash} spends it
 * through {@link #spend} before any request leaves, so a SAD is never sent for another credential,
 * for hashes it does not cover, beyond its count or after it expired. Thread-safe.
 */
public final class Sad {

    private final String value;
    private final CredentialId credentialId;
    private final Instant expiresAt;
    private final List<byte[]> hashes;
    private final List<byte[]> unspentHashes;
    private int remaining;

    /**
     * @param value the SAD itself (secret)
     * @param credentialId the credential it activates
     * @param expiresAt when it expires (from {@code expiresIn})
     * @param remaining how many signatures it allows
     * @param hashes the exact hashes it covers (SCAL 2, credential-scope tokens); empty when it covers any
     * @throws IllegalArgumentException if {@code remaining} is below 1 or smaller than the number of hashes
     */
    public Sad(String value, CredentialId credentialId, Instant expiresAt, int remaining, List<byte[]> hashes) {
        this.value = Objects.requireNonNull(value, "value");
        this.credentialId = Objects.requireNonNull(credentialId, "credentialId");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        List<byte[]> copy = new ArrayList<>(Objects.requireNonNull(hashes, "hashes").size());
        hashes.forEach(h -> copy.add(Objects.requireNonNull(h, "hashes[]").clone()));
        this.hashes = List.copyOf(copy);
        this.unspentHashes = new ArrayList<>(copy);
        if (remaining < 1) {
            throw new IllegalArgumentException("a SAD must allow at least one signature, not " + remaining);
        }
        if (!hashes.isEmpty() && hashes.size() > remaining) {
            throw new IllegalArgumentException("a SAD for " + hashes.size() + " hashes must allow as many signatures, not "
                    + remaining);
        }
        this.remaining = remaining;
    }

    /** @return the SAD value (secret: never log it) */
    public String value() {
        return value;
    }

    /** @return the credential it activates */
    public CredentialId credentialId() {
        return credentialId;
    }

    /** @return when it expires */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return how many signatures it still allows */
    public synchronized int remaining() {
        return remaining;
    }

    /** @return the hashes it was issued for (copies); empty when it is not bound to hashes */
    public List<byte[]> hashes() {
        return hashes.stream().map(byte[]::clone).toList();
    }

    /** @return the hashes it covers and has not signed yet (copies) */
    synchronized List<byte[]> unspentHashes() {
        return unspentHashes.stream().map(byte[]::clone).toList();
    }

    /**
     * @param now the current time
     * @return whether the SAD has expired
     */
    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Checks that this SAD may authorize one signHash call and counts it as spent: same credential, not
     * expired, enough signatures left, and (when bound to hashes) every hash one it covers and has not
     * signed yet. Nothing is spent when the check fails.
     *
     * @param credential the credential of the call
     * @param callHashes the hashes of the call
     * @param now the current time
     * @throws SadUsageException if the SAD does not cover the call
     */
    public synchronized void spend(CredentialId credential, List<byte[]> callHashes, Instant now) {
        if (!credentialId.equals(credential)) {
            throw new SadUsageException("the SAD was issued for credential " + credentialId + ", not " + credential);
        }
        if (expired(now)) {
            throw new SadUsageException("the SAD for credential " + credentialId + " expired at " + expiresAt
                    + ": authorize again");
        }
        if (callHashes.size() > remaining) {
            throw new SadUsageException("the SAD for credential " + credentialId + " allows " + remaining
                    + " more signature(s), not " + callHashes.size());
        }
        if (!hashes.isEmpty()) {
            List<byte[]> left = new ArrayList<>(unspentHashes);
            for (int i = 0; i < callHashes.size(); i++) {
                byte[] h = callHashes.get(i);
                int at = indexOf(left, h);
                if (at < 0) {
                    throw new SadUsageException("hashes[" + i + "] is not one the SAD for credential " + credentialId
                            + " was issued for (or was signed with it already)");
                }
                left.remove(at);
            }
            unspentHashes.clear();
            unspentHashes.addAll(left);
        }
        remaining -= callHashes.size();
    }

    private static int indexOf(List<byte[]> list, byte[] h) {
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i), h)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Sad[credentialId=" + credentialId + ", expiresAt=" + expiresAt + ", remaining=" + remaining()
                + ", hashes=" + hashes.size() + ", value=***]";
    }
}
