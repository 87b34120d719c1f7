package org.cscsign.csc;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@code signatures/signHash}: one raw signature value per hash (same order), the
 * validation data, and how many calls it took ({@link CscClient#signHashes} may split a batch).
 *
 * @param signatures the decoded signature values (PKCS#1 or DER ECDSA), in the order of the hashes
 * @param validationInfo the decoded {@code validationInfo}, empty when none was returned
 * @param calls the number of {@code signatures/signHash} calls made
 */
public record SignHashResult(List<byte[]> signatures, ValidationInfo validationInfo, int calls) {

    /**
     * Copies the list.
     *
     * @param signatures the decoded signature values (PKCS#1 or DER ECDSA), in the order of the hashes
     * @param validationInfo the decoded {@code validationInfo}, empty when none was returned
     * @param calls the number of {@code signatures/signHash} calls made
     */
    public SignHashResult {
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(validationInfo, "validationInfo");
    }
}
