package org.cscsign.samples;

import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ReportWriter;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;

import java.nio.file.Path;
import java.util.List;

/**
 * Sample: validate a signed file with DSS against a trust anchor and write the reports (simple and
 * detailed as XML and HTML, diagnostic data, the ETSI validation report, the simple report as PDF).
 */
public final class ValidateAndReport {

    private ValidateAndReport() {
    }

    /**
     * Validates {@code signedFile} and writes its reports into {@code reportDir}.
     *
     * @param signedFile a PAdES, CAdES, XAdES, JAdES or ASiC file
     * @param trustAnchor a PEM file with the trusted root
     * @param reportDir where the reports go
     * @return the validation result (DSS reports plus a summary per signature)
     */
    public static ValidationResult validate(Path signedFile, Path trustAnchor, Path reportDir) {
        // tag::validate[]
        DocumentValidator validator = DocumentValidator.builder()
                .trustAnchorFile(trustAnchor)
                .build();
        ValidationResult result = validator.validate(signedFile, List.of());
        for (SignatureSummary s : result.signatures()) {
            System.out.printf("%s %s %s%n", s.format(), s.indication(), s.subIndication() == null ? "" : s.subIndication());
        }
        ReportWriter.write(result, reportDir);   // reportDir/simple-report.html, …pdf, …xml
        // end::validate[]
        return result;
    }
}
