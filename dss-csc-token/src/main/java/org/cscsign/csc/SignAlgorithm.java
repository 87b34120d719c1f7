package org.cscsign.csc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code signAlgo} OIDs this client sends to {@code signatures/signHash}, and the one rule that picks one
 * for a key, a hash and a service: the library's token and the command line both ask {@link #choose} rather
 * than writing OIDs of their own.
 */
public enum SignAlgorithm {
    /** {@code rsaEncryption}: PKCS#1 v1.5 over a DigestInfo; the hash travels as {@code hashAlgorithmOID}. */
    RSA_ENCRYPTION("1.2.840.113549.1.1.1", null, Scheme.PKCS1_V1_5),
    /** {@code sha256WithRSAEncryption}. */
    SHA256_WITH_RSA("1.2.840.113549.1.1.11", HashAlgorithm.SHA256, Scheme.PKCS1_V1_5),
    /** {@code sha384WithRSAEncryption}. */
    SHA384_WITH_RSA("1.2.840.113549.1.1.12", HashAlgorithm.SHA384, Scheme.PKCS1_V1_5),
    /** {@code sha512WithRSAEncryption}. */
    SHA512_WITH_RSA("1.2.840.113549.1.1.13", HashAlgorithm.SHA512, Scheme.PKCS1_V1_5),
    /** {@code id-RSASSA-PSS}; the hash, MGF1 and salt travel as {@code signAlgoParams}. */
    RSASSA_PSS("1.2.840.113549.1.1.10", null, Scheme.PSS),
    /** {@code ecdsa-with-SHA256}. */
    ECDSA_WITH_SHA256("1.2.840.10045.4.3.2", HashAlgorithm.SHA256, Scheme.ECDSA),
    /** {@code ecdsa-with-SHA384}. */
    ECDSA_WITH_SHA384("1.2.840.10045.4.3.3", HashAlgorithm.SHA384, Scheme.ECDSA),
    /** {@code ecdsa-with-SHA512}. */
    ECDSA_WITH_SHA512("1.2.840.10045.4.3.4", HashAlgorithm.SHA512, Scheme.ECDSA);

    /** {@code id-ecPublicKey}: a key {@code algo} entry that allows every ECDSA signAlgo. */
    public static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    /** How the signature value is made. */
    public enum Scheme {
        /** RSA PKCS#1 v1.5. */
        PKCS1_V1_5,
        /** RSASSA-PSS. */
        PSS,
        /** ECDSA (the service returns DER). */
        ECDSA
    }

    private final String oid;
    private final HashAlgorithm hash;
    private final Scheme scheme;

    SignAlgorithm(String oid, HashAlgorithm hash, Scheme scheme) {
        this.oid = oid;
        this.hash = hash;
        this.scheme = scheme;
    }

    /** @return the OID, as sent in {@code signAlgo} */
    public String oid() {
        return oid;
    }

    /** @return the hash the OID itself names; empty for {@code rsaEncryption} and RSASSA-PSS */
    public Optional<HashAlgorithm> hash() {
        return Optional.ofNullable(hash);
    }

    /** @return how the value is made */
    public Scheme scheme() {
        return scheme;
    }

    /**
     * @param oid an OID
     * @return the algorithm with that OID, empty when this client does not know it
     */
    public static Optional<SignAlgorithm> forOid(String oid) {
        for (SignAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code signAlgo} for a signature: for PKCS#1 v1.5 the hash-specific OID when the service lists it and
     * the key allows it, else {@code rsaEncryption} when both allow that; for PSS {@code id-RSASSA-PSS}; for
     * ECDSA the hash-specific OID. An empty list means "not stated, everything allowed".
     *
     * @param scheme        the signature scheme
     * @param hash          the hash of the digests
     * @param keyAlgos      the credential's {@code key.algo} OIDs
     * @param serviceAlgos  the service's {@code info.signAlgorithms.algos}
     * @return the algorithm, empty when the key or the service does not allow the scheme with this hash
     * @throws NullPointerException when an argument is null
     */
    public static Optional<SignAlgorithm> choose(Scheme scheme, HashAlgorithm hash, List<String> keyAlgos,
            List<String> serviceAlgos) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(keyAlgos, "keyAlgos");
        Objects.requireNonNull(serviceAlgos, "serviceAlgos");
        return switch (Objects.requireNonNull(scheme, "scheme")) {
            case PKCS1_V1_5 -> {
                SignAlgorithm specific = specific(Scheme.PKCS1_V1_5, hash);
                if (serviceAlgos.contains(specific.oid) && (keyAlgos.isEmpty() || keyAlgos.contains(specific.oid)
                        || keyAlgos.contains(RSA_ENCRYPTION.oid))) {
                    yield Optional.of(specific);
                }
                yield allowed(RSA_ENCRYPTION, serviceAlgos) && allowed(RSA_ENCRYPTION, keyAlgos)
                        ? Optional.of(RSA_ENCRYPTION) : Optional.empty();
            }
            case PSS -> allowed(RSASSA_PSS, serviceAlgos) && allowed(RSASSA_PSS, keyAlgos)
                    ? Optional.of(RSASSA_PSS) : Optional.empty();
            case ECDSA -> {
                SignAlgorithm specific = specific(Scheme.ECDSA, hash);
                yield allowed(specific, serviceAlgos) && (allowed(specific, keyAlgos) || keyAlgos.contains(EC_PUBLIC_KEY))
                        ? Optional.of(specific) : Optional.empty();
            }
        };
    }

    private static boolean allowed(SignAlgorithm a, List<String> list) {
        return list.isEmpty() || list.contains(a.oid);
    }

    private static SignAlgorithm specific(Scheme scheme, HashAlgorithm hash) {
        for (SignAlgorithm a : values()) {
            if (a.scheme == scheme && a.hash == hash) {
                return a;
            }
        }
        throw new IllegalStateException("no " + scheme + " signAlgo for " + hash);
    }
}
