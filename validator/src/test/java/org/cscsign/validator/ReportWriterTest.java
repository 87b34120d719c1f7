package org.cscsign.validator;

import eu.europa.esig.dss.model.DSSDocument;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.TestSigner.Kind;
import org.cscsign.validator.TestSigner.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
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

    private static DSSDocument signed;
    private static ValidationResult passed;
    private static ValidationResult failed;

    @BeforeAll
    static void validateFixtures() {
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

    @Test
    void htmlReportsAreCompleteSelfContainedDocuments(@TempDir Path dir) throws Exception {
        ReportWriter.write(passed, dir, "../index.html");

        for (String name : List.of(ReportWriter.SIMPLE_HTML, ReportWriter.DETAILED_HTML)) {
            String html = Files.readString(dir.resolve(name));
            assertThat(html).as(name).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                    .contains("<meta charset=\"utf-8\">").contains("<style>").contains(".card-header")
                    .contains("href=\"../index.html\"").endsWith("</html>\n");
            // nothing to fetch: it renders the same offline, opened from disk
            assertThat(html).as(name).doesNotContain("<link").doesNotContain("<script src").doesNotContain("url(http");
        }
    }

    @Test
    void givenAnchorsWithoutPolicyJudgeAgainstThemWithoutTrustedListComplaint(@TempDir Path dir) throws Exception {
        Path euPolicy = Files.write(dir.resolve("eu-policy.xml"), Policies.trustedLists());
        ValidationResult underEuPolicy = DocumentValidator.builder().online(false)
                .trustAnchor(sandbox.get().pki().rootCertificate()).policy(euPolicy).build()
                .validate(signed, List.of());

        ReportWriter.write(passed, dir.resolve("anchors"));
        ReportWriter.write(underEuPolicy, dir.resolve("eu"));

        String complaint = "Unable to build a certificate chain up to a trusted list";
        assertThat(pdfText(dir.resolve("anchors/simple-report.pdf"))).contains("TOTAL_PASSED").doesNotContain(complaint);
        assertThat(Files.readString(dir.resolve("anchors/simple-report.html"))).doesNotContain(complaint)
                .contains("cscsign: AdES against the given trust anchors");
        // the same signature under DSS's EU policy: the complaint this policy avoids
        assertThat(pdfText(dir.resolve("eu/simple-report.pdf"))).contains("TOTAL_PASSED").contains(complaint);
    }

    @Test
    void batchIndexAndSummaryPdfListEveryDocument(@TempDir Path dir) throws Exception {
        List<BatchEntry> entries = List.of(
                BatchEntry.validated("in/contract.pdf", passed).withReports("contract.pdf.reports"),
                BatchEntry.validated("in/tampered file.pdf", failed).withReports("tampered file.pdf.reports"),
                BatchEntry.failed("in/notes.txt", "no signature or timestamp found in notes.txt"));

        List<Path> files = ReportWriter.writeIndex(entries, dir);

        assertThat(files).containsExactly(dir.resolve("index.html"), dir.resolve("summary.pdf"));
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index).startsWith("<!DOCTYPE html>").contains("<style>")
                .contains("3 documents: 1 TOTAL_PASSED, 1 TOTAL_FAILED, 1 NOT_VALIDATED")
                .contains("href=\"contract.pdf.reports/simple-report.html\"")
                .contains("href=\"tampered%20file.pdf.reports/simple-report.html\"")
                .contains("Sandbox Signer EC-P256").contains("no signature or timestamp found in notes.txt");
        String pdf = pdfText(dir.resolve("summary.pdf"));
        assertThat(pdf).contains("3 documents: 1 TOTAL_PASSED, 1 TOTAL_FAILED, 1 NOT_VALIDATED")
                .contains("contract.pdf").contains("notes.txt").contains("Sandbox Signer EC-P256")
                .contains("PAdES-BASELINE-LT");
        try (PDDocument doc = Loader.loadPDF(dir.resolve("summary.pdf").toFile())) {
            Path png = Path.of("target/screenshots/summary-pdf.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 80), "png", png.toFile());
        }
    }

    @Test
    void reportFilesGetTheModeOfAnyNewFileNotAPrivateTempFileMode(@TempDir Path dir) throws Exception {
        // what the umask gives a new file here; Files.createTempFile would give 0600 whatever the umask
        Path probe = dir.resolve("probe");
        Files.newOutputStream(probe).close();
        var expected = Files.getPosixFilePermissions(probe);

        List<Path> files = new java.util.ArrayList<>(ReportWriter.write(passed, dir.resolve("doc.reports")));
        files.addAll(ReportWriter.writeIndex(List.of(BatchEntry.validated("doc", passed)), dir));

        for (Path file : files) {
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(expected);
        }
    }

    private static String pdfText(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isPositive();
            return new PDFTextStripper().getText(doc);
        }
    }
}
