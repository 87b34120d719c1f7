package org.cscsign.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The OIDs the sandbox speaks: hash algorithms, signature algorithms, key algorithms and curves. */
final class SignAlgorithms {
    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    static final String SHA512 = "2.16.840.1.101.3.4.2.3";

    static final String RSA = "1.2.840.113549.1.1.1";
    static final String SHA256_RSA = "1.2.840.113549.1.1.11";
    static final String SHA384_RSA = "1.2.840.113549.1.1.12";
    static final String SHA512_RSA = "1.2.840.113549.1.1.13";
    static final String RSA_PSS = "1.2.840.113549.1.1.10";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    static final String ECDSA_SHA384 = "1.2.840.10045.4.3.3";
    static final String ECDSA_SHA512 = "1.2.840.10045.4.3.4";

    /** What {@code info} lists in {@code signAlgorithms.algos}. */
    static final List<String> ALL_SIGN_ALGOS = List.of(RSA, SHA256_RSA, SHA384_RSA, SHA512_RSA, RSA_PSS,
            ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512);
    /** What {@code credentials/info} lists in {@code key.algo} for an RSA key. */
    static final List<String> RSA_KEY_ALGOS = List.of(RSA, SHA256_RSA, SHA384_RSA, SHA512_RSA, RSA_PSS);
    /** What {@code credentials/info} lists in {@code key.algo} for an EC key. */
    static final List<String> EC_KEY_ALGOS = List.of(EC_PUBLIC_KEY, ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512);

    private static final Map<String, Integer> HASH_LENGTHS = Map.of(SHA256, 32, SHA384, 48, SHA512, 64);
    private static final Map<String, String> IMPLIED_HASH = Map.of(
            SHA256_RSA, SHA256, SHA384_RSA, SHA384, SHA512_RSA, SHA512,
            ECDSA_SHA256, SHA256, ECDSA_SHA384, SHA384, ECDSA_SHA512, SHA512);

    private SignAlgorithms() {
    }

    static Optional<Integer> hashLength(String hashOid) {
        return Optional.ofNullable(HASH_LENGTHS.get(hashOid));
    }

    static Optional<String> impliedHash(String signAlgo) {
        return Optional.ofNullable(IMPLIED_HASH.get(signAlgo));
    }

    static boolean isRsa(String signAlgo) {
        return RSA_KEY_ALGOS.contains(signAlgo);
    }

    static boolean isEcdsa(String signAlgo) {
        return signAlgo.startsWith("1.2.840.10045.4.3.");
    }

    static String curveOid(String curve) {
        return switch (curve) {
            case "P-256" -> "1.2.840.10045.3.1.7";
            case "P-384" -> "1.3.132.0.34";
            case "P-521" -> "1.3.132.0.35";
            default -> curve;
        };
    }
}
