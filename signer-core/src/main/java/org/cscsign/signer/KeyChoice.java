package org.cscsign.signer;

import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KSPrivateKeyEntry;
import eu.europa.esig.dss.token.SignatureTokenConnection;
import org.cscsign.token.CscKeyEntry;

import java.util.List;
import java.util.function.Predicate;

/** The signer's part that picks the key: by entry, credential id / alias, selector, or the token's first key. */
final class KeyChoice {

    private KeyChoice() {
    }

    /**
     * One {@code getKeys()} call on the token ({@code credentials/list} and {@code credentials/info} for a CSC
     * token), then the first key the selection accepts.
     *
     * @throws RemoteServiceException when the token cannot list its keys
     * @throws IllegalArgumentException naming the field when no key matches
     */
    static DSSPrivateKeyEntry resolve(SignatureTokenConnection token, String credentialId,
            Predicate<DSSPrivateKeyEntry> keySelector) {
        List<DSSPrivateKeyEntry> keys;
        try {
            keys = token.getKeys();
        } catch (RuntimeException e) {
            throw new RemoteServiceException("listing the token's keys failed: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("token: it holds no key");
        }
        Predicate<DSSPrivateKeyEntry> selector = keySelector != null ? keySelector
                : credentialId != null ? k -> credentialId.equals(idOf(k)) : k -> true;
        return keys.stream().filter(selector).findFirst().orElseThrow(() -> new IllegalArgumentException(
                credentialId != null ? "credentialId " + credentialId + " is not among the token's keys"
                        : "keySelector matches none of the token's keys"));
    }

    /** The CSC credential ID of a {@link CscKeyEntry}, the alias of a key store entry, otherwise null. */
    static String idOf(DSSPrivateKeyEntry entry) {
        if (entry instanceof CscKeyEntry csc) {
            return csc.credentialId().value();
        }
        if (entry instanceof KSPrivateKeyEntry ks) {
            return ks.getAlias();
        }
        return null;
    }
}
