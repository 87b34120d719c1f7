package org.cscsign.sandbox;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a SAD (or an access token of scope {@code credential}) allows: signatures with one credential,
 * for one client, up to a count, until it expires, and at SCAL 2 only over the hashes it names.
 * Consumed atomically by signHash.
 */
final class Authorization {
    private final String credentialId;
    private final String clientId;
    private final Instant expiresAt;
    private final String hashOid;
    private final Set<ByteBuffer> hashes; // null when not bound to hashes
    private int remaining;

    Authorization(String credentialId, String clientId, int count, List<byte[]> hashes, String hashOid, Instant expiresAt) {
        this.credentialId = credentialId;
        this.clientId = clientId;
        this.remaining = count;
        this.hashOid = hashOid;
        this.expiresAt = expiresAt;
        if (hashes == null) {
            this.hashes = null;
        } else {
            this.hashes = new HashSet<>();
            hashes.forEach(h -> this.hashes.add(ByteBuffer.wrap(h.clone())));
        }
    }

    String credentialId() {
        return credentialId;
    }

    String clientId() {
        return clientId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    /** True once it can sign nothing more: expired or used up. */
    synchronized boolean spent(Instant now) {
        return remaining <= 0 || !now.isBefore(expiresAt);
    }

    /** Uses one signature per digest, or explains (without revealing the SAD) why not. */
    synchronized void consume(String credentialId, String clientId, List<byte[]> digests, String digestOid, Instant now, String what) {
        if (!this.credentialId.equals(credentialId) || !this.clientId.equals(clientId)) {
            throw HttpError.badRequest(what + " is not valid for credential " + credentialId);
        }
        if (!now.isBefore(expiresAt)) {
            throw HttpError.badRequest(what + " expired");
        }
        if (remaining <= 0) {
            throw HttpError.badRequest(what + " exhausted");
        }
        if (remaining < digests.size()) {
            throw HttpError.badRequest(what + " exhausted: it allows " + remaining + " more signature(s), "
                    + digests.size() + " requested");
        }
        if (hashes != null) {
            if (hashOid != null && digestOid != null && !hashOid.equals(digestOid)) {
                throw HttpError.badRequest(what + " was authorized for hash algorithm " + hashOid);
            }
            for (int i = 0; i < digests.size(); i++) {
                if (!hashes.contains(ByteBuffer.wrap(digests.get(i)))) {
                    throw HttpError.badRequest("Invalid parameter hashes[" + i + "]: not authorized by the " + what);
                }
            }
            digests.forEach(d -> hashes.remove(ByteBuffer.wrap(d)));
        }
        remaining -= digests.size();
    }

    /** Moves what is left to a new authorization (credentials/extendTransaction) and empties this one. */
    synchronized Authorization extend(String credentialId, String clientId, List<byte[]> requested, Instant now, Instant newExpiry) {
        if (!this.credentialId.equals(credentialId) || !this.clientId.equals(clientId)) {
            throw HttpError.badRequest("SAD is not valid for credential " + credentialId);
        }
        if (!now.isBefore(expiresAt)) {
            throw HttpError.badRequest("SAD expired");
        }
        if (remaining <= 0) {
            throw HttpError.badRequest("SAD exhausted");
        }
        List<byte[]> keep = null;
        if (hashes != null) {
            if (requested != null && !requested.isEmpty()) {
                for (int i = 0; i < requested.size(); i++) {
                    if (!hashes.contains(ByteBuffer.wrap(requested.get(i)))) {
                        throw HttpError.badRequest("Invalid parameter hashes[" + i + "]: not authorized by the SAD");
                    }
                }
            }
            keep = hashes.stream().map(b -> {
                byte[] a = new byte[b.remaining()];
                b.duplicate().get(a);
                return a;
            }).toList();
        }
        Authorization next = new Authorization(credentialId, clientId, remaining, keep, hashOid, newExpiry);
        remaining = 0;
        return next;
    }
}
