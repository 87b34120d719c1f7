package org.cscsign.cli;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.cscsign.token.BatchSignatureToken;
import org.cscsign.token.SignedBatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pools the batches of several concurrent signers into one {@code signDigests} call of the real
 * token, so that documents signed with different formats (one DocumentSigner batch each) still
 * share signHash round trips. Each of the {@code parties} either submits exactly one batch or
 * {@link #withdraw() withdraws}; when every remaining party has submitted, the pooled digests are
 * signed at once (grouped by key and algorithm) and each party gets its own slice back.
 */
final class PoolingToken implements BatchSignatureToken {

    private final BatchSignatureToken delegate;
    private final ThreadLocal<Boolean> submitted = ThreadLocal.withInitial(() -> false);
    private final List<Request> pending = new ArrayList<>();
    private int outstanding;
    private int signHashCalls;

    /** One party's batch and, once signed, its result. */
    private static final class Request {
        final List<Digest> digests;
        final SignatureAlgorithm algorithm;
        final DSSPrivateKeyEntry key;
        SignedBatch result;
        RuntimeException failure;

        Request(List<Digest> digests, SignatureAlgorithm algorithm, DSSPrivateKeyEntry key) {
            this.digests = List.copyOf(digests);
            this.algorithm = algorithm;
            this.key = key;
        }
    }

    PoolingToken(BatchSignatureToken delegate, int parties) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.outstanding = parties;
    }

    /** @return the signHash calls the pooled batches took */
    synchronized int signHashCalls() {
        return signHashCalls;
    }

    /** The calling party will not submit (it failed or finished without signing). */
    synchronized void withdraw() {
        if (!submitted.get()) {
            submitted.set(true);
            outstanding--;
            flushIfComplete();
        }
        submitted.remove();
    }

    @Override
    public synchronized SignedBatch signDigests(List<Digest> digests, SignatureAlgorithm algorithm,
            DSSPrivateKeyEntry key) {
        if (submitted.get()) {
            // a second batch from the same party is signed on its own
            return count(delegate.signDigests(digests, algorithm, key));
        }
        submitted.set(true);
        Request request = new Request(digests, algorithm, key);
        pending.add(request);
        outstanding--;
        flushIfComplete();
        boolean interrupted = false;
        while (request.result == null && request.failure == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (request.failure != null) {
            throw request.failure;
        }
        return request.result;
    }

    private void flushIfComplete() {
        if (outstanding > 0 || pending.isEmpty()) {
            return;
        }
        Map<List<Object>, List<Request>> groups = new LinkedHashMap<>();
        for (Request r : pending) {
            groups.computeIfAbsent(List.of(r.algorithm, r.key), k -> new ArrayList<>()).add(r);
        }
        pending.clear();
        for (List<Request> group : groups.values()) {
            List<Digest> all = new ArrayList<>();
            group.forEach(r -> all.addAll(r.digests));
            try {
                SignedBatch batch = count(delegate.signDigests(all, group.get(0).algorithm, group.get(0).key));
                int from = 0;
                for (Request r : group) {
                    List<SignatureValue> slice = batch.signatureValues().subList(from, from + r.digests.size());
                    from += r.digests.size();
                    r.result = new SignedBatch(slice, batch.validationData(), batch.signHashCalls());
                }
            } catch (RuntimeException e) {
                group.forEach(r -> r.failure = e);
            }
        }
        notifyAll();
    }

    private SignedBatch count(SignedBatch batch) {
        signHashCalls += batch.signHashCalls();
        return batch;
    }

    @Override
    public List<DSSPrivateKeyEntry> getKeys() {
        return delegate.getKeys();
    }

    @Override
    public SignatureValue sign(ToBeSigned toBeSigned, DigestAlgorithm digestAlgorithm, DSSPrivateKeyEntry keyEntry) {
        return delegate.sign(toBeSigned, digestAlgorithm, keyEntry);
    }

    @Override
    public SignatureValue sign(ToBeSigned toBeSigned, SignatureAlgorithm signatureAlgorithm,
            DSSPrivateKeyEntry keyEntry) {
        return delegate.sign(toBeSigned, signatureAlgorithm, keyEntry);
    }

    @Override
    public SignatureValue signDigest(Digest digest, DSSPrivateKeyEntry keyEntry) {
        return delegate.signDigest(digest, keyEntry);
    }

    @Override
    public SignatureValue signDigest(Digest digest, SignatureAlgorithm signatureAlgorithm, DSSPrivateKeyEntry keyEntry) {
        return delegate.signDigest(digest, signatureAlgorithm, keyEntry);
    }

    @Override
    public void close() {
        // the delegate belongs to the caller
    }
}
