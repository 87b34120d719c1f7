package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.cscsign.csc.CertificatesMode;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialDiscovery;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CredentialList;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.Sad;
import org.cscsign.csc.SignHashRequest;
import org.cscsign.csc.SignHashResult;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A DSS {@link eu.europa.esig.dss.token.SignatureTokenConnection} whose keys are the credentials of a
 * CSC service: {@link #getKeys()} lists them ({@code credentials/list} / {@code credentials/info} with
 * the certificate chain), signing sends the raw digest to {@code signatures/signHash}, authorizing
 * through the configured {@link CredentialAuthorizer}.
 *
 * <p>Unlike DSS's {@code AbstractSignatureTokenConnection} it never DigestInfo-encodes a digest (the
 * service does that for PKCS#1), and it verifies every returned signature value with the
 * credential's public key before returning it. {@link #signDigests} signs many digests in
 * {@code ceil(n / multisign)} calls. It refuses to sign with a credential whose certificate is
 * revoked or expired ({@code cert.status}, validity), and refuses the signatures when the OCSP
 * response returned by signHash says the certificate is revoked. Thread-safe.
 */
public final class CscSignatureToken implements BatchSignatureToken {

    private static final Logger LOG = LoggerFactory.getLogger(CscSignatureToken.class);

    private final CscClient client;
    private final boolean ownsClient;
    private final CredentialAuthorizer authorizer;
    private final Set<CredentialId> filter;
    private final LeafStatusCheck leafStatus;
    private volatile List<CscKeyEntry> keys;

    private CscSignatureToken(Builder b) {
        this.ownsClient = b.client == null;
        this.client = b.client != null ? b.client : CscClient.create(b.config);
        this.authorizer = b.authorizer != null ? b.authorizer : defaultAuthorizer(client.config().profile());
        this.filter = Set.copyOf(b.credentialIds);
        if (!b.known.isEmpty()) {
            this.keys = b.known.stream().map(CscKeyEntry::new).toList();
        }
        this.leafStatus = b.leafStatus != null ? b.leafStatus : LeafStatusCheck.online(java.time.Duration.ofSeconds(20));
    }

    private static CredentialAuthorizer defaultAuthorizer(CscProfile profile) {
        if (profile.usesSad()) {
            throw new IllegalArgumentException("authorizer is required for profile " + profile
                    + " (e.g. CredentialAuthorizer.explicit(callback)); only BANKID signs without SAD");
        }
        return CredentialAuthorizer.none();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the CSC client the token uses */
    public CscClient client() {
        return client;
    }

    /**
     * One entry per credential (filtered by the builder's credential ids), each with its full chain.
     * Read once through {@link CredentialDiscovery} and cached: with credential ids given, only their
     * {@code credentials/info}; otherwise every listed credential (credentials without a certificate
     * are left out).
     *
     * @return the key entries, all {@link CscKeyEntry}
     * @throws DSSException if the service cannot be read
     */
    @Override
    public List<DSSPrivateKeyEntry> getKeys() throws DSSException {
        return List.copyOf(entries());
    }

    /**
     * @param credentialId a credential id
     * @return its key entry
     * @throws DSSException if the token has no such credential
     */
    public CscKeyEntry getKey(String credentialId) {
        CredentialId id = CredentialId.of(credentialId);
        return entries().stream().filter(e -> e.credentialId().equals(id)).findFirst()
                .orElseThrow(() -> new DSSException("no credential '" + credentialId + "' at " + client.config().baseUrl()));
    }

    private List<CscKeyEntry> entries() {
        List<CscKeyEntry> k = keys;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (keys == null) {
                keys = load();
            }
            return keys;
        }
    }

    private List<CscKeyEntry> load() {
        CredentialDiscovery discovery = new CredentialDiscovery(client);
        try {
            List<CscKeyEntry> out = new ArrayList<>();
            if (!filter.isEmpty()) {
                for (CredentialId id : filter) {
                    out.add(new CscKeyEntry(CredentialDiscovery.requireCertificate(discovery.describe(id))));
                }
                return List.copyOf(out);
            }
            for (CredentialInfo info : discovery.all()) {
                if (info.cert().certificates().isEmpty()) {
                    LOG.debug("credential {} has no certificate; skipped", info.id());
                    continue;
                }
                out.add(new CscKeyEntry(info));
            }
            return List.copyOf(out);
        } catch (CscException e) {
            throw new DSSException("cannot read the credentials: " + e.getMessage(), e);
        }
    }

    /**
     * Digests locally and signs the digest with {@code signatures/signHash}.
     *
     * @param toBeSigned the data
     * @param digestAlgorithm SHA256, SHA384 or SHA512
     * @param keyEntry a key of this token
     * @return the verified signature value
     */
    @Override
    public SignatureValue sign(ToBeSigned toBeSigned, DigestAlgorithm digestAlgorithm, DSSPrivateKeyEntry keyEntry)
            throws DSSException {
        return sign(toBeSigned, SignatureAlgorithm.getAlgorithm(keyEntry.getEncryptionAlgorithm(), digestAlgorithm), keyEntry);
    }

    /**
     * Digests locally with the algorithm's digest and signs the digest with {@code signatures/signHash}.
     *
     * @param toBeSigned the data
     * @param signatureAlgorithm the algorithm (RSA, RSASSA-PSS, ECDSA or PLAIN-ECDSA with SHA-2)
     * @param keyEntry a key of this token
     * @return the verified signature value
     */
    @Override
    public SignatureValue sign(ToBeSigned toBeSigned, SignatureAlgorithm signatureAlgorithm, DSSPrivateKeyEntry keyEntry)
            throws DSSException {
        Objects.requireNonNull(toBeSigned, "toBeSigned");
        DigestAlgorithm da = signatureAlgorithm.getDigestAlgorithm();
        SignPlan.hashOf(da);
        Digest digest = new Digest(da, DSSUtils.digest(da, toBeSigned.getBytes()));
        return signDigest(digest, signatureAlgorithm, keyEntry);
    }

    /**
     * Signs a digest with the key's default algorithm for the digest's algorithm (RSA PKCS#1 or ECDSA).
     *
     * @param digest a raw or DigestInfo-encoded digest
     * @param keyEntry a key of this token
     * @return the verified signature value
     */
    @Override
    public SignatureValue signDigest(Digest digest, DSSPrivateKeyEntry keyEntry) throws DSSException {
        return signDigest(digest, SignatureAlgorithm.getAlgorithm(keyEntry.getEncryptionAlgorithm(), digest.getAlgorithm()),
                keyEntry);
    }

    /**
     * Signs a digest with {@code signatures/signHash}.
     *
     * @param digest a raw or DigestInfo-encoded digest
     * @param signatureAlgorithm the algorithm, whose digest algorithm must be the digest's
     * @param keyEntry a key of this token
     * @return the verified signature value
     */
    @Override
    public SignatureValue signDigest(Digest digest, SignatureAlgorithm signatureAlgorithm, DSSPrivateKeyEntry keyEntry)
            throws DSSException {
        return signDigests(List.of(digest), signatureAlgorithm, keyEntry).signatureValues().get(0);
    }

    @Override
    public SignedBatch signDigests(List<Digest> digests, SignatureAlgorithm algorithm, DSSPrivateKeyEntry key) {
        Objects.requireNonNull(digests, "digests");
        Objects.requireNonNull(algorithm, "algorithm");
        CscKeyEntry entry = own(key);
        if (digests.isEmpty()) {
            return new SignedBatch(List.of(), ValidationData.EMPTY, 0);
        }
        RevocationGuard.checkBeforeSigning(entry, client.config().clock().instant(), leafStatus);
        SignPlan plan;
        List<byte[]> hashes = new ArrayList<>(digests.size());
        SignHashResult result;
        try {
            plan = SignPlan.of(algorithm, entry, client.info().signAlgorithms());
            for (int i = 0; i < digests.size(); i++) {
                hashes.add(rawDigest(digests.get(i), algorithm.getDigestAlgorithm(), plan.hash(), i));
            }
            result = sendVerified(entry, plan, hashes);
        } catch (CscException e) {
            throw new DSSException("CSC signing with credential " + entry.credentialId() + " failed: " + e.getMessage(), e);
        }
        List<SignatureValue> values = new ArrayList<>(hashes.size());
        for (byte[] sig : result.signatures()) {
            values.add(label(plan, algorithm, sig));
        }
        ValidationData data;
        try {
            data = ValidationDataMapper.map(result.validationInfo());
        } catch (CscException e) {
            throw new DSSException("unusable validation data from signHash: " + e.getMessage(), e);
        }
        RevocationGuard.checkAfterSigning(entry, data);
        LOG.debug("signed {} digest(s) with credential {} in {} signHash call(s)", hashes.size(), entry.credentialId(),
                result.calls());
        return new SignedBatch(values, data, result.calls());
    }

    /**
     * Signs raw digests computed elsewhere (what {@code cscsign sign-hash} does): the same checks before
     * and after as {@link #signDigests} (credential usable; the leaf not revoked in the signHash OCSP), one
     * authorization per signHash call, and every returned value verified with the credential's public key
     * before it is returned. The {@code signAlgo} follows the key: PKCS#1 v1.5 for RSA, ECDSA for EC.
     *
     * @param hashes the digests, in order, each {@code hash.length()} bytes
     * @param hash the algorithm they were computed with
     * @param key a key of this token
     * @return the verified signature values in the order of {@code hashes}, with the validation data of the call(s)
     * @throws IllegalArgumentException if a digest has the wrong length, or neither the key nor the service
     *     offers a {@code signAlgo} for {@code hash} (see {@link #canSign})
     * @throws CredentialUnusableException if the credential cannot sign (disabled key, revoked, expired)
     * @throws CscException if a call fails, is refused, or a returned value does not verify
     */
    public SignHashResult signHashes(List<byte[]> hashes, HashAlgorithm hash, CscKeyEntry key) {
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(hash, "hash");
        CscKeyEntry entry = own(key);
        List<byte[]> copies = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            byte[] h = Objects.requireNonNull(hashes.get(i), "hashes[" + i + "]");
            if (h.length != hash.length()) {
                throw new IllegalArgumentException("digest " + (i + 1) + " has " + h.length + " bytes; " + hash
                        + " digests have " + hash.length());
            }
            copies.add(h.clone());
        }
        SignPlan plan = SignPlan.forHashes(hash, entry, client.info().signAlgorithms()).orElseThrow(() ->
                new IllegalArgumentException(cannotSign(entry, hash)));
        RevocationGuard.checkBeforeSigning(entry, client.config().clock().instant(), leafStatus);
        SignHashResult result = sendVerified(entry, plan, copies);
        RevocationGuard.checkAfterSigning(entry, ValidationDataMapper.map(result.validationInfo()));
        return result;
    }

    /**
     * @param key a key of this token
     * @param hash a hash algorithm
     * @return whether {@link #signHashes} can sign {@code hash} digests with this key on this service
     *     (asks the service's {@code info} once, which the client caches)
     */
    public boolean canSign(CscKeyEntry key, HashAlgorithm hash) {
        return SignPlan.forHashes(hash, own(key), client.info().signAlgorithms()).isPresent();
    }

    private static String cannotSign(CscKeyEntry key, HashAlgorithm hash) {
        return "credential " + key.credentialId() + " cannot sign " + hash + " hashes with a "
                + (key.getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA ? "EC" : "RSA")
                + " signAlgo this service offers";
    }

    /** One signHash per {@code multisign} chunk, each authorized for its hashes; every value verified. */
    private SignHashResult sendVerified(CscKeyEntry entry, SignPlan plan, List<byte[]> hashes) {
        SignHashRequest request = new SignHashRequest(entry.credentialId(), hashes, plan.hash(), plan.signAlgo(),
                plan.signAlgoParams(), null);
        CredentialInfo info = entry.credentialInfo();
        List<Sad> issued = new ArrayList<>();
        SignHashResult result;
        try {
            // one authorization per signHash call, covering all of its hashes
            result = client.signHashes(request, entry.multisign(), chunk -> {
                Sad sad = authorizer.authorize(client, info, chunk, plan.hash()).orElse(null);
                if (sad != null) {
                    issued.add(sad);
                }
                return sad;
            });
        } finally {
            issued.forEach(sad -> authorizer.release(client, sad));
        }
        verify(entry.publicKey(), entry.credentialId(), plan, hashes, result.signatures());
        return result;
    }

    /**
     * What {@link #signDigests} checks before any hash is sent: the key is enabled, the certificate is
     * neither revoked nor outside its validity by the service's word ({@code cert.status}) or, when the
     * service does not report a status, by the leaf's OCSP/CRL (the builder's {@link LeafStatusCheck}).
     *
     * @param key a key of this token
     * @throws CredentialUnusableException saying why the credential cannot sign
     */
    public void checkBeforeSigning(CscKeyEntry key) {
        RevocationGuard.checkBeforeSigning(key, client.config().clock().instant(), leafStatus);
    }

    /**
     * Verifies the values one {@code signatures/signHash} call returned, in order, with the credential's
     * public key: what a caller of {@link CscClient#signHash} directly (rather than through this token)
     * must do before using them. PKCS#1 v1.5, RSASSA-PSS (salt = hash length) and ECDSA (DER).
     *
     * @param credential the credential's info, with its certificate
     * @param request the request that was sent
     * @param signatures the values returned
     * @throws CscResponseException if the credential has no certificate, the count differs, or a value
     *     does not verify (wrong key, wrong order, truncated)
     */
    public static void verifySignatures(CredentialInfo credential, SignHashRequest request, List<byte[]> signatures) {
        CredentialDiscovery.requireCertificate(credential);
        if (signatures.size() != request.hashes().size()) {
            throw new CscResponseException("signatures/signHash", 200, null, null, "signatures/signHash returned "
                    + signatures.size() + " signatures for " + request.hashes().size() + " hashes", null);
        }
        SignPlan plan = new SignPlan(request.hashAlgorithm(), request.signAlgo(), request.signAlgoParams(), null);
        verify(credential.publicKey().orElseThrow(), credential.id(), plan, request.hashes(), signatures);
    }

    private static void verify(java.security.PublicKey key, CredentialId id, SignPlan plan, List<byte[]> hashes,
                               List<byte[]> signatures) {
        for (int i = 0; i < hashes.size(); i++) {
            if (!SignatureChecks.verifies(key, plan, hashes.get(i), signatures.get(i))) {
                throw new CscResponseException("signatures/signHash", 200, null, null, "signatures[" + i
                        + "] does not verify with the public key of credential " + id, null);
            }
        }
    }

    private static SignatureValue label(SignPlan plan, SignatureAlgorithm requested, byte[] sig) {
        if (requested.getEncryptionAlgorithm() == EncryptionAlgorithm.PLAIN_ECDSA) {
            SignatureAlgorithm der = SignatureAlgorithm.getAlgorithm(EncryptionAlgorithm.ECDSA, requested.getDigestAlgorithm());
            return DSSUtils.convertECSignatureValue(requested, new SignatureValue(der, sig));
        }
        return new SignatureValue(plan.requested(), sig);
    }

    private CscKeyEntry own(DSSPrivateKeyEntry key) {
        Objects.requireNonNull(key, "keyEntry");
        if (!(key instanceof CscKeyEntry entry)) {
            throw new DSSException("key entry " + key.getClass().getSimpleName() + " does not come from this CSC token");
        }
        return entry;
    }

    /** Returns the raw digest; a DigestInfo-encoded one (as DSS makes for RSA) is unwrapped. */
    static byte[] rawDigest(Digest digest, DigestAlgorithm expected, HashAlgorithm hash, int index) {
        Objects.requireNonNull(digest, "digests[" + index + "]");
        if (digest.getAlgorithm() != null && digest.getAlgorithm() != expected) {
            throw new DSSException("digests[" + index + "] is " + digest.getAlgorithm() + " but the signature algorithm needs "
                    + expected);
        }
        byte[] v = digest.getValue();
        if (v == null) {
            throw new DSSException("digests[" + index + "] has no value");
        }
        if (v.length == hash.length()) {
            return v.clone();
        }
        try {
            DigestInfo di = DigestInfo.getInstance(ASN1Primitive.fromByteArray(v));
            if (di.getAlgorithmId().getAlgorithm().getId().equals(hash.oid()) && di.getDigest().length == hash.length()) {
                return di.getDigest();
            }
        } catch (Exception e) {
            // not a DigestInfo either: reported below
        }
        throw new DSSException("digests[" + index + "] has " + v.length + " bytes: neither a " + hash + " value nor a "
                + hash + " DigestInfo");
    }

    /** Releases the client when the token created it (from a configuration); an injected client stays open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "CscSignatureToken[" + client.config().baseUrl() + (filter.isEmpty() ? "" : ", credentials=" + filter) + "]";
    }

    /** Builds a {@link CscSignatureToken}. */
    public static final class Builder {
        private CscClient client;
        private CscClientConfig config;
        private CredentialAuthorizer authorizer;
        private LeafStatusCheck leafStatus;
        private final Set<CredentialId> credentialIds = new LinkedHashSet<>();
        private final List<CredentialInfo> known = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param client a client the token uses and leaves open on {@link #close()}
         * @return this
         */
        public Builder client(CscClient client) {
            this.client = client;
            return this;
        }

        /**
         * @param config a configuration the token creates (and closes) its own client from
         * @return this
         */
        public Builder config(CscClientConfig config) {
            this.config = config;
            return this;
        }

        /**
         * @param authorizer how credentials are authorized; default for BANKID: none; required otherwise
         * @return this
         */
        public Builder authorizer(CredentialAuthorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /**
         * @param check how the leaf's revocation status is found before signing when the service does not
         *              report {@code cert.status}; default {@link LeafStatusCheck#online(java.time.Duration)}
         *              (OCSP, then CRL), {@link LeafStatusCheck#none()} for offline use
         * @return this
         */
        public Builder leafStatusCheck(LeafStatusCheck check) {
            this.leafStatus = check;
            return this;
        }

        /**
         * A credential already read (e.g. by {@link CredentialDiscovery#describe}): it becomes a key as it
         * is, with no further call to the service; only such credentials are keys then.
         *
         * @param info the credential's info, with its certificate chain
         * @return this
         * @throws IllegalArgumentException if the info holds no certificate
         */
        public Builder credential(CredentialInfo info) {
            CredentialDiscovery.requireCertificate(Objects.requireNonNull(info, "info"));
            known.add(info);
            credentialIds.add(info.id());
            return this;
        }

        /**
         * @param ids only these credentials become keys
         * @return this
         */
        public Builder credentialIds(Collection<String> ids) {
            ids.forEach(id -> credentialIds.add(CredentialId.of(id)));
            return this;
        }

        /**
         * @param ids only these credentials become keys
         * @return this
         */
        public Builder credentialIds(String... ids) {
            return credentialIds(List.of(ids));
        }

        /**
         * @return the token
         * @throws IllegalArgumentException naming a missing field
         */
        public CscSignatureToken build() {
            if (client == null && config == null) {
                throw new IllegalArgumentException("client or config is required");
            }
            if (client != null && config != null) {
                throw new IllegalArgumentException("give either client or config, not both");
            }
            return new CscSignatureToken(this);
        }
    }
}
