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

    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    /** @return whether the value is RSASSA-PSS */
    boolean pss() {
        return RSASSA_PSS.equals(signAlgo);
    }

    /** @return whether the value is ECDSA (DER from the service) */
    boolean ecdsa() {
        return signAlgo.startsWith("1.2.840.10045.4.3.");
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
        switch (ea) {
            case RSA -> {
                requireKey(key, EncryptionAlgorithm.RSA, requested);
                String specific = switch (hash) {
                    case SHA256 -> "1.2.840.113549.1.1.11";
                    case SHA384 -> "1.2.840.113549.1.1.12";
                    case SHA512 -> "1.2.840.113549.1.1.13";
                };
                if (serviceAlgos.contains(specific) && (keyAlgos.isEmpty() || keyAlgos.contains(specific)
                        || keyAlgos.contains(RSA_ENCRYPTION))) {
                    return new SignPlan(hash, specific, null, requested);
                }
                if ((serviceAlgos.isEmpty() || serviceAlgos.contains(RSA_ENCRYPTION))
                        && (keyAlgos.isEmpty() || keyAlgos.contains(RSA_ENCRYPTION))) {
                    return new SignPlan(hash, RSA_ENCRYPTION, null, requested);
                }
                throw unsupported(requested, id, serviceAlgos, keyAlgos);
            }
            case RSASSA_PSS -> {
                requireKey(key, EncryptionAlgorithm.RSA, requested);
                if ((serviceAlgos.isEmpty() || serviceAlgos.contains(RSASSA_PSS))
                        && (keyAlgos.isEmpty() || keyAlgos.contains(RSASSA_PSS))) {
                    return new SignPlan(hash, RSASSA_PSS, pssParams(hash), requested);
                }
                throw unsupported(requested, id, serviceAlgos, keyAlgos);
            }
            case ECDSA, PLAIN_ECDSA -> {
                requireKey(key, EncryptionAlgorithm.ECDSA, requested);
                String oid = switch (hash) {
                    case SHA256 -> "1.2.840.10045.4.3.2";
                    case SHA384 -> "1.2.840.10045.4.3.3";
                    case SHA512 -> "1.2.840.10045.4.3.4";
                };
                if ((serviceAlgos.isEmpty() || serviceAlgos.contains(oid))
                        && (keyAlgos.isEmpty() || keyAlgos.contains(oid) || keyAlgos.contains(EC_PUBLIC_KEY))) {
                    return new SignPlan(hash, oid, null, requested);
                }
                throw unsupported(requested, id, serviceAlgos, keyAlgos);
            }
            default -> throw new DSSException("signature algorithm " + requested + " is not supported by the CSC token");
        }
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
