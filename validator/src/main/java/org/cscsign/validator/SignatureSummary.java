package org.cscsign.validator;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one signature as DSS's simple report states it (ETSI EN 319 102-1
 * indication and sub-indication), plus the signer taken from the diagnostic data.
 *
 * @param id                the DSS signature identifier (as used in every DSS report)
 * @param format            the signature format DSS determined, e.g. {@code "PAdES-BASELINE-LT"}
 *                          ({@code SignatureLevel.toString()}); {@code null} if DSS reports none
 * @param indication        TOTAL_PASSED, INDETERMINATE or TOTAL_FAILED
 * @param subIndication     why the signature did not pass, e.g. HASH_FAILURE; {@code null} when it passed
 * @param signingTime       the claimed signing time from the signed attributes; {@code null} if absent
 * @param signerSubject     the RFC 2253 subject DN of the signing certificate; {@code null} if
 *                          DSS could not identify the signing certificate
 * @param bestSignatureTime the earliest time the signature is proven to have existed (a
 *                          signature timestamp or, failing that, the validation time)
 * @param errors            AdES validation errors as readable messages
 * @param warnings          AdES validation warnings as readable messages
 * @param counterSignatureOf for a counter-signature, the id of the signature it counter-signs;
 *                          {@code null} for a signature of the document itself
 * @param timestamps        the signature's own timestamps (signature, archive, content timestamps)
 */
public record SignatureSummary(String id, String format, Indication indication, SubIndication subIndication,
        Instant signingTime, String signerSubject, Instant bestSignatureTime, List<String> errors,
        List<String> warnings, String counterSignatureOf, List<TimestampSummary> timestamps) {

    /**
     * Validates the mandatory components and freezes the lists.
     *
     * @param id the DSS signature identifier (as used in every DSS report)
     * @param format the signature format DSS determined, e.g. {@code "PAdES-BASELINE-LT"} * ({@code SignatureLevel.toString()}); {@code null} if DSS reports none
     * @param indication TOTAL_PASSED, INDETERMINATE or TOTAL_FAILED
     * @param subIndication why the signature did not pass, e.g. HASH_FAILURE; {@code null} when it passed
     * @param signingTime the claimed signing time from the signed attributes; {@code null} if absent
     * @param signerSubject the RFC 2253 subject DN of the signing certificate; {@code null} if * DSS could not identify the signing certificate
     * @param bestSignatureTime the earliest time the signature is proven to have existed (a * signature timestamp or, failing that, the validation time)
     * @param errors AdES validation errors as readable messages
     * @param warnings AdES validation warnings as readable messages
     * @param counterSignatureOf for a counter-signature, the id of the signature it counter-signs; * {@code null} for a signature of the document itself
     * @param timestamps the signature's own timestamps (signature, archive, content timestamps)
     */
    public SignatureSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(indication, "indication");
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        timestamps = List.copyOf(timestamps);
    }

    /**
     * @return whether this is a counter-signature (it signs another signature, not the document)
     */
    public boolean isCounterSignature() {
        return counterSignatureOf != null;
    }

    /**
     * @return whether DSS concluded TOTAL_PASSED for this signature
     */
    public boolean passed() {
        return indication == Indication.TOTAL_PASSED;
    }
}
