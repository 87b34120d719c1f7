package org.cscsign.csc;

import java.util.Objects;

/**
 * The identifier of a credential (a signing key with its certificate) at a CSC service, the
 * {@code credentialID} of {@code credentials/list}, {@code credentials/info} and {@code signatures/signHash}.
 *
 * @param value the identifier as the service gives it
 */
public record CredentialId(String value) {

    /**
     * Checks that the identifier is not blank.
     *
     * @param value the identifier as the service gives it
     */
    public CredentialId {
        Objects.requireNonNull(value, "credentialID");
        if (value.isBlank()) {
            throw new IllegalArgumentException("credentialID must not be blank");
        }
    }

    /**
     * @param value the identifier
     * @return the typed identifier
     */
    public static CredentialId of(String value) {
        return new CredentialId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
