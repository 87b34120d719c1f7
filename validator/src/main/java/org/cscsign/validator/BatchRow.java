package org.cscsign.validator;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cells of one document's row in a batch's index and summary PDF, as plain text.
 *
 * @param file        the input as the user named it
 * @param reports     the document's report folder relative to the index, or {@code null}
 * @param signatures  the count of signatures (and of document timestamps, if any)
 * @param format      the signature formats, or "timestamp" for a timestamp-only document
 * @param indication  the document's verdict, or NOT_VALIDATED
 * @param note        the error of an input that was not validated; {@code null} otherwise
 * @param signer      the signers' common names (or the timestamping units')
 * @param signingTime the first claimed signing time (or timestamp time), UTC
 */
record BatchRow(String file, String reports, String signatures, String format, String indication, String note,
        String signer, String signingTime) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static BatchRow of(BatchEntry entry) {
        ValidationResult result = entry.result();
        if (result == null) {
            return new BatchRow(entry.file(), entry.reports(), "-", "-", entry.verdict(), entry.error(), "-", "-");
        }
        int signatures = result.signatures().size();
        int timestamps = result.timestamps().size();
        String timestampCount = timestamps + (timestamps == 1 ? " timestamp" : " timestamps");
        String count = timestamps == 0 ? String.valueOf(signatures)
                : signatures == 0 ? timestampCount : signatures + " + " + timestampCount;
        Set<String> formats = new LinkedHashSet<>();
        Set<String> signers = new LinkedHashSet<>();
        Instant time = null;
        for (SignatureSummary s : result.signatures()) {
            formats.add(s.format() == null ? "unknown" : s.format());
            signers.add(commonName(s.signerSubject()));
            if (time == null && !s.isCounterSignature()) {
                time = s.signingTime();
            }
        }
        for (TimestampSummary t : result.timestamps()) {
            if (signatures == 0) {
                formats.add("timestamp");
                signers.add(t.producedBy() == null ? "-" : t.producedBy());
            }
            if (time == null) {
                time = t.productionTime();
            }
        }
        return new BatchRow(entry.file(), entry.reports(), count, String.join(", ", formats), entry.verdict(), null,
                String.join("; ", signers), time == null ? "-" : TIME.format(time));
    }

    /** CSS class of the indication cell. */
    String indicationClass() {
        return switch (indication) {
            case "TOTAL_PASSED" -> "passed";
            case "TOTAL_FAILED" -> "failed";
            case "INDETERMINATE" -> "indeterminate";
            default -> "error";
        };
    }

    /** The CN of an RFC 2253 name, or the whole name when it has none. */
    static String commonName(String dn) {
        if (dn == null) {
            return "unknown signer";
        }
        try {
            List<Rdn> rdns = new LdapName(dn).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
        } catch (InvalidNameException e) {
            // not an RFC 2253 name: show it as it is
        }
        return dn;
    }
}
