package org.cscsign.csc;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code validationInfo} of a {@code signatures/signHash} response, decoded from Base64 but
 * otherwise as the service sent it (an OCSP entry may be a full OCSPResponse or a bare BasicOCSPResponse).
 *
 * @param ocsp DER OCSP entries
 * @param crl DER CRLs
 * @param certificates DER certificates
 */
public record ValidationInfo(List<byte[]> ocsp, List<byte[]> crl, List<byte[]> certificates) {

    /** Nothing returned. */
    public static final ValidationInfo EMPTY = new ValidationInfo(List.of(), List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param ocsp DER OCSP entries
     * @param crl DER CRLs
     * @param certificates DER certificates
     */
    public ValidationInfo {
        ocsp = List.copyOf(ocsp);
        crl = List.copyOf(crl);
        certificates = List.copyOf(certificates);
    }

    /**
     * @param other more entries
     * @return both, this one's first; an entry equal to one already present is kept once
     */
    public ValidationInfo plus(ValidationInfo other) {
        return new ValidationInfo(merge(ocsp, other.ocsp), merge(crl, other.crl), merge(certificates, other.certificates));
    }

    private static List<byte[]> merge(List<byte[]> a, List<byte[]> b) {
        List<byte[]> all = new ArrayList<>(a);
        for (byte[] x : b) {
            if (all.stream().noneMatch(y -> java.util.Arrays.equals(x, y))) {
                all.add(x);
            }
        }
        return all;
    }
}
