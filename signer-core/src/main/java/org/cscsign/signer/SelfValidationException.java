package org.cscsign.signer;

/**
 * A freshly made signature did not validate as TOTAL_PASSED at the requested level (DSS validation
 * against the signer's trust anchors). Nothing of the batch is returned or written.
 */
public class SelfValidationException extends SigningException {

    private static final long serialVersionUID = 1L;

    /** the name of the signed document that did not pass. */
    private final String documentName;
    /** DSS's main indication, e.g. {@code INDETERMINATE}. */
    private final String indication;
    /** DSS's sub-indication, or {@code null}. */
    private final String subIndication;
    /** the signature format and level DSS reported. */
    private final String reportedFormat;

    /**
     * @param documentName the output that failed
     * @param reportedFormat the format/level DSS reported (e.g. PAdES-BASELINE-T), may be null
     * @param expectedFormat the requested format/level
     * @param indication DSS indication, may be null when no signature was found
     * @param subIndication DSS sub-indication, may be null
     * @param details first errors DSS reported, may be empty
     */
    public SelfValidationException(String documentName, String reportedFormat, String expectedFormat,
            String indication, String subIndication, String details) {
        super(Family.VALIDATION, "self-validation of " + documentName + " failed: " + indication
                + (subIndication == null ? "" : "/" + subIndication)
                + ", format " + reportedFormat + " (expected " + expectedFormat + ")"
                + (details == null || details.isEmpty() ? "" : ": " + details), null);
        this.documentName = documentName;
        this.indication = indication;
        this.subIndication = subIndication;
        this.reportedFormat = reportedFormat;
    }

    /** @return the name of the output that failed */
    public String documentName() {
        return documentName;
    }

    /** @return the DSS indication (e.g. INDETERMINATE), may be null */
    public String indication() {
        return indication;
    }

    /** @return the DSS sub-indication, may be null */
    public String subIndication() {
        return subIndication;
    }

    /** @return the format/level DSS reported, may be null */
    public String reportedFormat() {
        return reportedFormat;
    }
}
