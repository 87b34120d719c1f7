package org.cscsign.validator;

import eu.europa.esig.dss.model.DSSDocument;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.TestSigner.Kind;
import org.cscsign.validator.TestSigner.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seven report files: XML for programs, HTML and PDF for people.
 */
class ReportWriterTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static ValidationResult passed;
    private static ValidationResult failed;

    @BeforeAll
    static void validateFixtures() {
        DSSDocument signed;
        try (TestSigner signer = new TestSigner(sandbox.get(), "ecp256")) {
            signed = signer.sign(Kind.PADES, Level.LT, Documents.pdf());
        }
        DocumentValidator validator = DocumentValidator.builder().online(false)
                .trustAnchor(sandbox.get().pki().rootCertificate()).build();
        passed = validator.validate(signed, List.of());
        failed = validator.validate(Documents.flipMarker(signed), List.of());
        assertThat(passed.allPassed()).isTrue();
    }

    @Test
    void writesAllSevenReportFiles(@TempDir Path dir) throws Exception {
        List<Path> files = ReportWriter.write(passed, dir.resolve("reports"));

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "simple-report.xml", "detailed-report.xml", "diagnostic-data.xml", "etsi-validation-report.xml",
                "simple-report.html", "detailed-report.html", "simple-report.pdf");
        for (Path file : files) {
            assertThat(file).isRegularFile();
            assertThat(Files.size(file)).as(file.toString()).isPositive();
        }
        // no temporary file left behind
        try (var listing = Files.list(dir.resolve("reports"))) {
            assertThat(listing).hasSize(7);
        }
    }

    @Test
    void xmlReportsCarryTheIndication(@TempDir Path dir) throws Exception {
        ReportWriter.write(passed, dir);

        assertThat(Files.readString(dir.resolve("simple-report.xml"))).contains("TOTAL_PASSED");
        assertThat(Files.readString(dir.resolve("etsi-validation-report.xml"))).contains("total-passed");
        assertThat(Files.readString(dir.resolve("diagnostic-data.xml"))).contains("DiagnosticData");
    }

    @Test
    void htmlReportsShowTheIndication(@TempDir Path dir) throws Exception {
        ReportWriter.write(passed, dir.resolve("ok"));
        ReportWriter.write(failed, dir.resolve("bad"));

        assertThat(Files.readString(dir.resolve("ok/simple-report.html"))).contains("TOTAL_PASSED");
        assertThat(Files.readString(dir.resolve("ok/detailed-report.html"))).contains("PASSED");
        assertThat(Files.readString(dir.resolve("bad/simple-report.html"))).contains("TOTAL_FAILED")
                .doesNotContain("TOTAL_PASSED");
    }

    @Test
    void pdfReportOpensAndStatesTheIndication(@TempDir Path dir) throws Exception {
        ReportWriter.write(passed, dir.resolve("ok"));
        ReportWriter.write(failed, dir.resolve("bad"));

        assertThat(pdfText(dir.resolve("ok/simple-report.pdf"))).contains("TOTAL_PASSED");
        assertThat(pdfText(dir.resolve("bad/simple-report.pdf"))).contains("TOTAL_FAILED");
    }

    @Test
    void rewritingReplacesPreviousReports(@TempDir Path dir) throws Exception {
        ReportWriter.write(failed, dir);
        ReportWriter.write(passed, dir);

        assertThat(Files.readString(dir.resolve("simple-report.html"))).contains("TOTAL_PASSED");
    }

    private static String pdfText(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isPositive();
            return new PDFTextStripper().getText(doc);
        }
    }
}
