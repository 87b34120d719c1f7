package org.cscsign.validator;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlSignatureScope;
import eu.europa.esig.dss.simplereport.jaxb.XmlTimestamp;
import eu.europa.esig.dss.validation.reports.Reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Reads the per-signature and per-timestamp summaries out of DSS's simple report and diagnostic data. */
final class Summaries {

    private Summaries() {
    }

    static List<SignatureSummary> signatures(Reports reports) {
        SimpleReport simple = reports.getSimpleReport();
        DiagnosticData diagnostic = reports.getDiagnosticData();
        List<SignatureSummary> out = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            SignatureLevel level = simple.getSignatureFormat(id);
            SignatureWrapper signature = diagnostic.getSignatureById(id);
            String subject = null;
            String parent = null;
            if (signature != null) {
                CertificateWrapper signingCertificate = signature.getSigningCertificate();
                if (signingCertificate != null) {
                    subject = signingCertificate.getCertificateDN();
                }
                if (signature.isCounterSignature() && signature.getParent() != null) {
                    parent = signature.getParent().getId();
                }
            }
            List<TimestampSummary> timestamps = new ArrayList<>();
            for (XmlTimestamp timestamp : simple.getSignatureTimestamps(id)) {
                timestamps.add(timestamp(simple, diagnostic, timestamp.getId()));
            }
            out.add(new SignatureSummary(id, level == null ? null : level.toString(),
                    orIndeterminate(simple.getIndication(id)), simple.getSubIndication(id),
                    toInstant(simple.getSigningTime(id)), subject, toInstant(simple.getBestSignatureTime(id)),
                    messages(simple.getAdESValidationErrors(id)), messages(simple.getAdESValidationWarnings(id)),
                    parent, timestamps));
        }
        return out;
    }

    /** The timestamps DSS reports on their own (document, container or detached timestamps). */
    static List<TimestampSummary> documentTimestamps(Reports reports) {
        SimpleReport simple = reports.getSimpleReport();
        List<TimestampSummary> out = new ArrayList<>();
        for (String id : simple.getTimestampIdList()) {
            out.add(timestamp(simple, reports.getDiagnosticData(), id));
        }
        return out;
    }

    private static TimestampSummary timestamp(SimpleReport simple, DiagnosticData diagnostic, String id) {
        TimestampWrapper wrapper = diagnostic.getTimestampById(id);
        List<String> covers = new ArrayList<>();
        for (XmlSignatureScope scope : simple.getSignatureScopes(id)) {
            covers.add(scope.getName() != null ? scope.getName() : scope.getValue());
        }
        String producedBy = simple.getProducedBy(id);
        return new TimestampSummary(id, wrapper == null || wrapper.getType() == null ? null : wrapper.getType().name(),
                orIndeterminate(simple.getIndication(id)), simple.getSubIndication(id),
                toInstant(simple.getProductionTime(id)), producedBy == null || producedBy.isEmpty() ? null : producedBy,
                covers);
    }

    private static Indication orIndeterminate(Indication indication) {
        return indication == null ? Indication.INDETERMINATE : indication;
    }

    private static List<String> messages(List<Message> messages) {
        return messages == null ? List.of() : messages.stream().map(Message::getValue).toList();
    }

    private static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
