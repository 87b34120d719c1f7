package org.cscsign.validator;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one RFC 3161 timestamp as DSS's simple report states it: a document timestamp
 * of a PDF, a timestamp of a timestamp-only ASiC container, a detached {@code .tsr}, or a
 * timestamp inside a signature (signature, archive, content timestamp).
 *
 * @param id             the DSS timestamp identifier (as used in every DSS report)
 * @param type           DSS's {@code TimestampType} name, e.g. {@code DOCUMENT_TIMESTAMP},
 *                       {@code SIGNATURE_TIMESTAMP}, {@code ARCHIVE_TIMESTAMP}; {@code null} if
 *                       DSS reports none
 * @param indication     PASSED, INDETERMINATE or FAILED (DSS reports timestamps with the
 *                       basic-building-block indications)
 * @param subIndication  why the timestamp did not pass; {@code null} when it passed
 * @param productionTime the time the timestamp attests (genTime); {@code null} if unknown
 * @param producedBy     the name of the timestamping unit; {@code null} if unknown
 * @param covers         what the timestamp covers, as DSS names its scopes (file names,
 *                       "Full PDF", signature ids)
 */
public record TimestampSummary(String id, String type, Indication indication, SubIndication subIndication,
        Instant productionTime, String producedBy, List<String> covers) {

    /**
     * Validates the mandatory components and freezes the list.
     *
     * @param id the DSS timestamp identifier (as used in every DSS report)
     * @param type DSS's {@code TimestampType} name, e.g. {@code DOCUMENT_TIMESTAMP}, * {@code SIGNATURE_TIMESTAMP}, {@code ARCHIVE_TIMESTAMP}; {@code null} if * DSS reports none
     * @param indication PASSED, INDETERMINATE or FAILED (DSS reports timestamps with the * basic-building-block indications)
     * @param subIndication why the timestamp did not pass; {@code null} when it passed
     * @param productionTime the time the timestamp attests (genTime); {@code null} if unknown
     * @param producedBy the name of the timestamping unit; {@code null} if unknown
     * @param covers what the timestamp covers, as DSS names its scopes (file names, * "Full PDF", signature ids)
     */
    public TimestampSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(indication, "indication");
        covers = List.copyOf(covers);
    }

    /**
     * @return whether DSS concluded PASSED (or TOTAL_PASSED) for this timestamp
     */
    public boolean passed() {
        return indication == Indication.PASSED || indication == Indication.TOTAL_PASSED;
    }
}
