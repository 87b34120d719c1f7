package org.cscsign.validator;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.validation.reports.Reports;

import java.util.List;
import java.util.Objects;

/**
 * The result of validating one signed or timestamped document: DSS's complete {@link Reports}
 * (simple and detailed report, diagnostic data, ETSI validation report), a summary of each
 * signature and of each timestamp that stands on its own (a PDF document timestamp, the
 * timestamp of a timestamp-only container or a detached {@code .tsr}).
 *
 * @param documentName the name of the validated document (file name or DSS document name)
 * @param reports      the DSS reports, unchanged, for callers who want everything
 * @param signatures   one summary per signature (counter-signatures included), in the order of
 *                     DSS's simple report
 * @param timestamps   one summary per document timestamp, in the order of DSS's simple report;
 *                     a signature's own timestamps are listed under that signature instead
 */
public record ValidationResult(String documentName, Reports reports, List<SignatureSummary> signatures,
        List<TimestampSummary> timestamps) {

    /**
     * Validates the components and freezes the lists.
     *
     * @param documentName the name of the validated document (file name or DSS document name)
     * @param reports the DSS reports, unchanged, for callers who want everything
     * @param signatures one summary per signature (counter-signatures included), in the order of * DSS's simple report
     * @param timestamps one summary per document timestamp, in the order of DSS's simple report; * a signature's own timestamps are listed under that signature instead
     */
    public ValidationResult {
        Objects.requireNonNull(reports, "reports");
        signatures = List.copyOf(signatures);
        timestamps = List.copyOf(timestamps);
    }

    /**
     * A result of a document without document timestamps.
     *
     * @param documentName the name of the validated document
     * @param reports      the DSS reports
     * @param signatures   one summary per signature
     */
    public ValidationResult(String documentName, Reports reports, List<SignatureSummary> signatures) {
        this(documentName, reports, signatures, List.of());
    }

    /**
     * @return {@code true} when the document holds at least one signature or document timestamp,
     *         every signature is TOTAL_PASSED and every document timestamp PASSED
     */
    public boolean allPassed() {
        return !(signatures.isEmpty() && timestamps.isEmpty())
                && signatures.stream().allMatch(SignatureSummary::passed)
                && timestamps.stream().allMatch(TimestampSummary::passed);
    }

    /**
     * The worst indication over all signatures and document timestamps (TOTAL_FAILED before
     * INDETERMINATE before TOTAL_PASSED), a one-word verdict for the document.
     *
     * @return the document's indication; INDETERMINATE if there is neither a signature nor a
     *         document timestamp
     */
    public Indication indication() {
        if (signatures.isEmpty() && timestamps.isEmpty()) {
            return Indication.INDETERMINATE;
        }
        boolean indeterminate = false;
        for (SignatureSummary s : signatures) {
            if (s.indication() == Indication.TOTAL_FAILED || s.indication() == Indication.FAILED) {
                return Indication.TOTAL_FAILED;
            }
            indeterminate |= !s.passed();
        }
        for (TimestampSummary t : timestamps) {
            if (t.indication() == Indication.TOTAL_FAILED || t.indication() == Indication.FAILED) {
                return Indication.TOTAL_FAILED;
            }
            indeterminate |= !t.passed();
        }
        return indeterminate ? Indication.INDETERMINATE : Indication.TOTAL_PASSED;
    }
}
