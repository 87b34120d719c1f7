package org.cscsign.csc.auth;

import org.cscsign.csc.CredentialId;
import org.cscsign.csc.HashAlgorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an OAuth2 authorization-code flow asks the signer for (CSC {@code oauth2/authorize}): a
 * service-scope token ({@link #service()}) or a credential-scope token authorizing a number of
 * signatures with one credential, bound to the given hashes ({@link #credential}), either as the CSC
 * parameters {@code credentialID}, {@code numSignatures}, {@code hashes}, {@code hashAlgorithmOID} or,
 * {@link #withRar(List) with RAR} (RFC 9396), as {@code authorization_details} of type
 * {@code credential} with one {@code documentDigests} entry per hash. Immutable.
 */
public final class AuthorizationRequest {

    /** The CSC scope of a token for the service's API. */
    public static final String SCOPE_SERVICE = "service";
    /** The CSC scope of a token that authorizes signatures with one credential (used as SAD). */
    public static final String SCOPE_CREDENTIAL = "credential";

    private final String scope;
    private final CredentialId credentialId;
    private final List<byte[]> hashes;
    private final HashAlgorithm hashAlgorithm;
    private final int numSignatures;
    private final List<String> labels;
    private final String signatureQualifier;

    private AuthorizationRequest(String scope, CredentialId credentialId, List<byte[]> hashes, HashAlgorithm hashAlgorithm,
                                 int numSignatures, List<String> labels, String signatureQualifier) {
        this.scope = scope;
        this.credentialId = credentialId;
        this.hashes = hashes;
        this.hashAlgorithm = hashAlgorithm;
        this.numSignatures = numSignatures;
        this.labels = labels;
        this.signatureQualifier = signatureQualifier;
    }

    /** @return a request for a token with scope {@code service} */
    public static AuthorizationRequest service() {
        return new AuthorizationRequest(SCOPE_SERVICE, null, List.of(), null, 0, null, null);
    }

    /**
     * A request for a credential-scope token covering exactly these hashes (one signature each).
     *
     * @param credentialId the credential
     * @param hashes the raw digests to be signed, at least one
     * @param hashAlgorithm their algorithm
     * @return the request
     * @throws IllegalArgumentException if there are no hashes or one has the wrong length
     */
    public static AuthorizationRequest credential(CredentialId credentialId, List<byte[]> hashes,
                                                  HashAlgorithm hashAlgorithm) {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        if (hashes == null || hashes.isEmpty()) {
            throw new IllegalArgumentException("a credential authorization needs at least one hash");
        }
        List<byte[]> copy = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            byte[] h = Objects.requireNonNull(hashes.get(i), "hashes[" + i + "]");
            if (h.length != hashAlgorithm.length()) {
                throw new IllegalArgumentException("hashes[" + i + "] has " + h.length + " bytes, " + hashAlgorithm
                        + " needs " + hashAlgorithm.length());
            }
            copy.add(h.clone());
        }
        return new AuthorizationRequest(SCOPE_CREDENTIAL, credentialId, List.copyOf(copy), hashAlgorithm, copy.size(),
                null, null);
    }

    /**
     * The same request as RAR {@code authorization_details}, each hash labelled (e.g. with its file name)
     * so the consent page can say what is signed.
     *
     * @param documentLabels one label per hash, in order
     * @return the RAR form of this credential request
     * @throws IllegalStateException for a service-scope request
     * @throws IllegalArgumentException if the number of labels is not the number of hashes
     */
    public AuthorizationRequest withRar(List<String> documentLabels) {
        if (!credentialScope()) {
            throw new IllegalStateException("authorization_details apply to a credential authorization only");
        }
        List<String> l = List.copyOf(documentLabels);
        if (l.size() != hashes.size()) {
            throw new IllegalArgumentException(l.size() + " labels for " + hashes.size() + " hashes");
        }
        return new AuthorizationRequest(scope, credentialId, hashes, hashAlgorithm, numSignatures, l, signatureQualifier);
    }

    /**
     * @param qualifier the credential's {@code signatureQualifier} (e.g. {@code eu_eidas_qes}) for RAR, may be null
     * @return this request naming it
     */
    public AuthorizationRequest withSignatureQualifier(String qualifier) {
        return new AuthorizationRequest(scope, credentialId, hashes, hashAlgorithm, numSignatures, labels, qualifier);
    }

    /** @return {@code service} or {@code credential} */
    public String scope() {
        return scope;
    }

    /** @return whether this asks for a credential-scope token */
    public boolean credentialScope() {
        return SCOPE_CREDENTIAL.equals(scope);
    }

    /** @return the credential, for a credential request */
    public Optional<CredentialId> credentialId() {
        return Optional.ofNullable(credentialId);
    }

    /** @return the hashes (copies), empty for a service request */
    public List<byte[]> hashes() {
        return hashes.stream().map(byte[]::clone).toList();
    }

    /** @return the hash algorithm, for a credential request */
    public Optional<HashAlgorithm> hashAlgorithm() {
        return Optional.ofNullable(hashAlgorithm);
    }

    /** @return the number of signatures asked for (0 for a service request) */
    public int numSignatures() {
        return numSignatures;
    }

    /** @return the document labels when sent as RAR {@code authorization_details} */
    public Optional<List<String>> rarLabels() {
        return Optional.ofNullable(labels);
    }

    /** @return the signature qualifier named in RAR, if any */
    public Optional<String> signatureQualifier() {
        return Optional.ofNullable(signatureQualifier);
    }

    @Override
    public String toString() {
        return credentialScope() ? "AuthorizationRequest[credential " + credentialId + ", " + numSignatures
                + " signature(s)" + (labels != null ? ", RAR" : "") + "]" : "AuthorizationRequest[service]";
    }
}
