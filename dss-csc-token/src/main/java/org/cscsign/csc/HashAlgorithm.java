package org.cscsign.csc;

import java.util.Locale;
import java.util.Optional;

/**
 * The hash algorithms the client sends digests of, with the OID used in {@code hashAlgorithmOID} (v2)
 * and {@code hashAlgo} (v1), and the digest length the service checks.
 */
public enum HashAlgorithm {
    /** SHA-256, 32 bytes. */
    SHA256("2.16.840.1.101.3.4.2.1", 32, "SHA-256"),
    /** SHA-384, 48 bytes. */
    SHA384("2.16.840.1.101.3.4.2.2", 48, "SHA-384"),
    /** SHA-512, 64 bytes. */
    SHA512("2.16.840.1.101.3.4.2.3", 64, "SHA-512");

    private final String oid;
    private final int length;
    private final String jdkName;

    HashAlgorithm(String oid, int length, String jdkName) {
        this.oid = oid;
        this.length = length;
        this.jdkName = jdkName;
    }

    /** @return the dotted OID, e.g. {@code 2.16.840.1.101.3.4.2.1} */
    public String oid() {
        return oid;
    }

    /** @return the digest length in bytes */
    public int length() {
        return length;
    }

    /** @return the JDK {@link java.security.MessageDigest} name, e.g. {@code SHA-256} */
    public String jdkName() {
        return jdkName;
    }

    /**
     * @param oid a dotted OID
     * @return the algorithm with that OID, if supported
     */
    public static Optional<HashAlgorithm> forOid(String oid) {
        for (HashAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a name as users type it: {@code SHA256}, {@code sha-256}, or the OID.
     *
     * @param text the name or OID
     * @return the algorithm
     * @throws IllegalArgumentException if the name is not one of SHA-256, SHA-384, SHA-512
     */
    public static HashAlgorithm parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (HashAlgorithm a : values()) {
            if (a.name().equals(t) || a.oid.equals(text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported hash algorithm '" + text + "' (use SHA256, SHA384 or SHA512)");
    }
}
