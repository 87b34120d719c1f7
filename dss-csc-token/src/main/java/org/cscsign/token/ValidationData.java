package org.cscsign.token;

import java.util.List;
import java.util.Objects;

/**
 * Validation data returned by {@code signatures/signHash} in {@code validationInfo}, normalised for
 * DSS: every OCSP entry is a complete DER {@code OCSPResponse} (a bare {@code BasicOCSPResponse}, as
 * BankID B2B returns it, has already been wrapped), CRLs and certificates are DER.
 *
 * @param ocspResponses DER-encoded OCSPResponse structures
 * @param crls DER-encoded CRLs
 * @param certificates DER-encoded X.509 certificates
 */
public record ValidationData(List<byte[]> ocspResponses, List<byte[]> crls, List<byte[]> certificates) {

    /** No validation data at all, as from a local token. */
    public static final ValidationData EMPTY = new ValidationData(List.of(), List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param ocspResponses DER-encoded OCSPResponse structures
     * @param crls DER-encoded CRLs
     * @param certificates DER-encoded X.509 certificates
     */
    public ValidationData {
        ocspResponses = List.copyOf(Objects.requireNonNull(ocspResponses, "ocspResponses"));
        crls = List.copyOf(Objects.requireNonNull(crls, "crls"));
        certificates = List.copyOf(Objects.requireNonNull(certificates, "certificates"));
    }

    /** @return true when the service returned nothing */
    public boolean isEmpty() {
        return ocspResponses.isEmpty() && crls.isEmpty() && certificates.isEmpty();
    }

    /**
     * @param other more validation data
     * @return the union of both, this one's entries first
     */
    public ValidationData plus(ValidationData other) {
        return new ValidationData(concat(ocspResponses, other.ocspResponses), concat(crls, other.crls),
                concat(certificates, other.certificates));
    }

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        if (b.isEmpty()) {
            return a;
        }
        var all = new java.util.ArrayList<byte[]>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
