package org.cscsign.dss;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What DSS concluded about one signature, as much as a signer needs to accept or refuse its output.
 *
 * @param id            DSS's signature identifier
 * @param format        the signature format and level DSS recognised, e.g. {@code PAdES-BASELINE-LT}; null
 *                      when DSS could not tell
 * @param indication    the ETSI EN 319 102-1 main indication, e.g. {@code TOTAL_PASSED}
 * @param subIndication the sub-indication, or null
 * @param signingTime   the claimed signing time, or null
 * @param errors        DSS's validation error messages (empty when it passed)
 */
public record SignatureVerdict(String id, String format, String indication, String subIndication,
        Instant signingTime, List<String> errors) {

    /**
     * Checks the indication and copies the errors.
     *
     * @param id            DSS's signature identifier
     * @param format        the signature format and level DSS recognised, or null
     * @param indication    the main indication
     * @param subIndication the sub-indication, or null
     * @param signingTime   the claimed signing time, or null
     * @param errors        DSS's validation error messages
     * @throws NullPointerException when {@code indication} or {@code errors} is null
     */
    public SignatureVerdict {
        Objects.requireNonNull(indication, "indication");
        errors = List.copyOf(errors);
    }

    /** @return whether the indication is {@code TOTAL_PASSED} */
    public boolean passed() {
        return "TOTAL_PASSED".equals(indication);
    }
}
