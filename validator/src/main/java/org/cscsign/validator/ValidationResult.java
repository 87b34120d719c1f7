package org.cscsign.validator;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.validation.reports.Reports;

import java.util.List;
import java.util.Objects;

/**
 * The result of validating one signed document: DSS's complete {@link Reports} (simple and
 * detailed report, diagnostic data, ETSI validation report) and a summary of each signature.
 *
 * @param documentName the name of the validated document (file name or DSS document name)
 * @param reports      the DSS reports, unchanged, for callers who want everything
 * @param signatures   one summary per signature, in the order of DSS's simple report
 */
public record ValidationResult(String documentName, Reports reports, List<SignatureSummary> signatures) {

    /** Validates the components and freezes the list. */
    public ValidationResult {
        Objects.requireNonNull(reports, "reports");
        signatures = List.copyOf(signatures);
    }

    /**
     * @return {@code true} when the document holds at least one signature and every signature
     *         is TOTAL_PASSED
     */
    public boolean allPassed() {
        return !signatures.isEmpty() && signatures.stream().allMatch(SignatureSummary::passed);
    }

    /**
     * The worst indication over all signatures (TOTAL_FAILED before INDETERMINATE before
     * TOTAL_PASSED), a one-word verdict for the document.
     *
     * @return the document's indication; INDETERMINATE if there is no signature
     */
    public Indication indication() {
        if (signatures.isEmpty()) {
            return Indication.INDETERMINATE;
        }
        boolean indeterminate = false;
        for (SignatureSummary s : signatures) {
            if (s.indication() == Indication.TOTAL_FAILED || s.indication() == Indication.FAILED) {
                return Indication.TOTAL_FAILED;
            }
            if (!s.passed()) {
                indeterminate = true;
            }
        }
        return indeterminate ? Indication.INDETERMINATE : Indication.TOTAL_PASSED;
    }
}
