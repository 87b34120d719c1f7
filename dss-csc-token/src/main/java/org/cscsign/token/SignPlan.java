package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.SignAlgorithm;

import java.io.IOException;
import java.util.List;

/**
 * How a DSS {@link SignatureAlgorithm} is asked of a CSC service: hash algorithm, {@code signAlgo},
 * {@code signAlgoParams}, and the label of the returned value. Worked out and checked against the key
 * and the service's {@code signAlgorithms} before any remote call.
 *
 * @param hash the hash algorithm of the digests
 * @param signAlgo the {@code signAlgo} OID
 * @param signAlgoParams DER parameters (RSASSA-PSS) or null
 * @param requested the algorithm DSS asked for (the label of the returned value)
 */
record SignPlan(HashAlgorithm hash, String signAlgo, byte[] signAlgoParams, SignatureAlgorithm requested) {

    static final String RSA_ENCRYPTION = SignAlgorithm.RSA_ENCRYPTION.oid();
    static final String RSASSA_PSS = SignAlgorithm.RSASSA_PSS.oid();

    /** @return whether the value is RSASSA-PSS */
    boolean pss() {
        return RSASSA_PSS.equals(signAlgo);
    }

    /** @return whether the value is ECDSA (DER from the service) */
    boolean ecdsa() {
        return SignAlgorithm.forOid(signAlgo).map(a -> a.scheme() == SignAlgorithm.Scheme.ECDSA).orElse(false);
    }

    static HashAlgorithm hashOf(DigestAlgorithm d) {
        if (d == null) {
            throw new DSSException("the signature algorithm names no digest algorithm");
        }
        return switch (d) {
            case SHA256 -> HashAlgorithm.SHA256;
            case SHA384 -> HashAlgorithm.SHA384;
            case SHA512 -> HashAlgorithm.SHA512;
            default -> throw new DSSException("digest algorithm " + d + " is not supported by the CSC token (use SHA256, SHA384 or SHA512)");
        };
    }

    /**
     * @param requested the algorithm DSS asks for
     * @param key the credential
     * @param serviceAlgos {@code info.signAlgorithms.algos} (empty: not listed, everything allowed)
     * @return the plan
     * @throws DSSException if the algorithm does not fit the key or the service
     */
    static SignPlan of(SignatureAlgorithm requested, CscKeyEntry key, List<String> serviceAlgos) {
        HashAlgorithm hash = hashOf(requested.getDigestAlgorithm());
        EncryptionAlgorithm ea = requested.getEncryptionAlgorithm();
        List<String> keyAlgos = key.credentialInfo().key().algorithms();
        String id = key.credentialId().value();
        SignAlgorithm.Scheme scheme = switch (ea) {
            case RSA -> SignAlgorithm.Scheme.PKCS1_V1_5;
            case RSASSA_PSS -> SignAlgorithm.Scheme.PSS;
            case ECDSA, PLAIN_ECDSA -> SignAlgorithm.Scheme.ECDSA;
            default -> throw new DSSException("signature algorithm " + requested + " is not supported by the CSC token");
        };
        requireKey(key, scheme == SignAlgorithm.Scheme.ECDSA ? EncryptionAlgorithm.ECDSA : EncryptionAlgorithm.RSA,
                requested);
        // the one rule for the signAlgo OID (also used by the command line's sign-hash)
        SignAlgorithm chosen = SignAlgorithm.choose(scheme, hash, keyAlgos, serviceAlgos)
                .orElseThrow(() -> unsupported(requested, id, serviceAlgos, keyAlgos));
        return new SignPlan(hash, chosen.oid(), scheme == SignAlgorithm.Scheme.PSS ? pssParams(hash) : null, requested);
    }

    /**
     * The plan for raw digests computed elsewhere ({@link CscSignatureToken#signHashes}): PKCS#1 v1.5 for
     * an RSA key, ECDSA for an EC key, the {@code signAlgo} by {@link SignAlgorithm#choose}'s rule.
     *
     * @param hash the algorithm the digests were computed with
     * @param key the credential
     * @param serviceAlgos {@code info.signAlgorithms.algos} (empty: not listed, everything allowed)
     * @return the plan, or empty when neither the key nor the service offers a fitting {@code signAlgo}
     */
    static java.util.Optional<SignPlan> forHashes(HashAlgorithm hash, CscKeyEntry key, List<String> serviceAlgos) {
        SignAlgorithm.Scheme scheme = key.getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA
                ? SignAlgorithm.Scheme.ECDSA : SignAlgorithm.Scheme.PKCS1_V1_5;
        return SignAlgorithm.choose(scheme, hash, key.credentialInfo().key().algorithms(), serviceAlgos)
                .map(chosen -> new SignPlan(hash, chosen.oid(), null, null));
    }

    private static void requireKey(CscKeyEntry key, EncryptionAlgorithm needed, SignatureAlgorithm requested) {
        if (key.getEncryptionAlgorithm() != needed) {
            throw new DSSException("signature algorithm " + requested + " does not fit credential "
                    + key.credentialId() + ", whose key is " + key.getEncryptionAlgorithm());
        }
    }

    private static DSSException unsupported(SignatureAlgorithm requested, String id, List<String> serviceAlgos,
                                            List<String> keyAlgos) {
        return new DSSException("signature algorithm " + requested + " is not offered for credential " + id
                + " (service signAlgorithms " + serviceAlgos + ", key algo " + keyAlgos + ")");
    }

    /** RSASSA-PSS-params: the hash, MGF1 with the same hash, salt = hash length, trailer 1. */
    static byte[] pssParams(HashAlgorithm hash) {
        AlgorithmIdentifier h = new AlgorithmIdentifier(new ASN1ObjectIdentifier(hash.oid()), DERNull.INSTANCE);
        AlgorithmIdentifier mgf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, h);
        try {
            return new RSASSAPSSparams(h, mgf, new ASN1Integer(hash.length()), new ASN1Integer(1)).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
