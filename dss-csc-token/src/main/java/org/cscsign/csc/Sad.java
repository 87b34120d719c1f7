package org.cscsign.csc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Signature Activation Data value returned by {@code credentials/authorize} (or a token with scope
 * {@code credential} used as one). Opaque and secret: {@link #toString()} never shows it.
 *
 * @param value the SAD itself (secret)
 * @param credentialId the credential it activates
 * @param expiresAt when it expires (from {@code expiresIn})
 * @param remaining how many signatures it still allows
 * @param hashes at SCAL 2, the exact hashes it covers (empty at SCAL 1)
 */
public record Sad(String value, CredentialId credentialId, Instant expiresAt, int remaining, List<byte[]> hashes) {

    /** Checks and copies. */
    public Sad {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        hashes = List.copyOf(hashes);
    }

    /**
     * @param now the current time
     * @return whether the SAD has expired
     */
    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Sad[credentialId=" + credentialId + ", expiresAt=" + expiresAt + ", remaining=" + remaining
                + ", hashes=" + hashes.size() + ", value=***]";
    }
}
