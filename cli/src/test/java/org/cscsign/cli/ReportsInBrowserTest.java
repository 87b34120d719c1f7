package org.cscsign.cli;

import org.cscsign.cli.browser.HeadlessChromium;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.ReportWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports of {@code validate --reports} as a person sees them: opened from disk (file://) in
 * a real headless Chromium, with their embedded stylesheet applied. Screenshots go to
 * {@code target/screenshots/}.
 */
class ReportsInBrowserTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    @TempDir
    static Path work;

    static Path reports;

    @BeforeAll
    static void validateACorpus() throws Exception {
        Path corpus = work.resolve("corpus");
        ValidationCorpus.write(sandbox.get(), corpus);
        String xml = Files.readString(corpus.resolve(ValidationCorpus.XADES), StandardCharsets.UTF_8);
        Path tampered = Files.writeString(corpus.resolve("tampered-invoice.xml"), xml.replace("3750.00", "9750.00"));
        reports = work.resolve("reports");
        CliRun run = CliRun.run("validate", "--trust", sandbox.get().trustAnchor().toString(), "--reports",
                reports.toString(), corpus.resolve(ValidationCorpus.XADES).toString(), tampered.toString(),
                corpus.resolve(ValidationCorpus.PDF_TIMESTAMPS_ONLY).toString(),
                corpus.resolve(ValidationCorpus.UNSIGNED_PDF).toString());
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
    }

    @Test
    void indexFromDiskShowsEveryDocumentWithStyledIndicationsAndSigner() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.driver().get(reports.resolve(ReportWriter.INDEX_HTML).toUri().toString());

            List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.documents tbody tr"));
            assertThat(rows).hasSize(4);
            WebElement passed = rows.get(0).findElement(By.cssSelector("td.indication"));
            assertThat(passed.getText()).isEqualTo("TOTAL_PASSED");
            assertThat(passed.getCssValue("background-color")).isEqualTo("rgba(212, 237, 218, 1)");
            assertThat(passed.getCssValue("color")).isEqualTo("rgba(30, 126, 52, 1)");
            assertThat(rows.get(0).getText()).contains("Sandbox Signer RSA-2048").contains("XAdES-BASELINE-B");
            WebElement failed = rows.get(1).findElement(By.cssSelector("td.indication"));
            assertThat(failed.getText()).isEqualTo("TOTAL_FAILED");
            assertThat(failed.getCssValue("background-color")).isEqualTo("rgba(248, 215, 218, 1)");
            assertThat(rows.get(2).getText()).contains("timestamp").contains("TOTAL_PASSED");
            assertThat(rows.get(3).getText()).contains("NOT_VALIDATED").contains("no signature or timestamp");
            assertThat(browser.driver().findElement(By.cssSelector("p.summary")).getText())
                    .isEqualTo("4 documents: 2 TOTAL_PASSED, 1 TOTAL_FAILED, 1 NOT_VALIDATED");
            // the header is styled by the embedded sheet, not the browser default
            assertThat(browser.driver().findElement(By.cssSelector("header.cscsign")).getCssValue("background-color"))
                    .isEqualTo("rgba(31, 59, 92, 1)");
            browser.screenshot(Path.of("target/screenshots/validate-index.png"));

            rows.get(0).findElement(By.linkText("simple")).click();
            assertThat(browser.driver().getCurrentUrl()).endsWith(ValidationCorpus.XADES + ".reports/simple-report.html");
        }
    }

    @Test
    void simpleReportFromDiskShowsIndicationAndSignerStyledWithoutTrustedListComplaint() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Path simple = reports.resolve(ValidationCorpus.XADES + ReportWriter.REPORTS_SUFFIX).resolve(ReportWriter.SIMPLE_HTML);
            browser.driver().get(simple.toUri().toString());

            String text = browser.driver().findElement(By.tagName("body")).getText();
            assertThat(text).contains("TOTAL_PASSED").contains("Sandbox Signer RSA-2048")
                    .doesNotContain("Unable to build a certificate chain up to a trusted list");
            WebElement indication = browser.driver().findElements(By.cssSelector(".text-success")).stream()
                    .filter(e -> e.getText().contains("TOTAL_PASSED")).findFirst().orElseThrow();
            assertThat(indication.getCssValue("color")).isEqualTo("rgba(30, 126, 52, 1)");
            WebElement card = browser.driver().findElement(By.cssSelector(".card"));
            assertThat(card.getCssValue("border-top-style")).isEqualTo("solid");
            browser.screenshot(Path.of("target/screenshots/validate-simple-report.png"));

            browser.driver().get(reports.resolve("tampered-invoice.xml" + ReportWriter.REPORTS_SUFFIX)
                    .resolve(ReportWriter.SIMPLE_HTML).toUri().toString());
            WebElement failed = browser.driver().findElements(By.cssSelector(".text-danger")).stream()
                    .filter(e -> e.getText().contains("TOTAL_FAILED")).findFirst().orElseThrow();
            assertThat(failed.getCssValue("color")).isEqualTo("rgba(178, 31, 45, 1)");
            browser.screenshot(Path.of("target/screenshots/validate-simple-report-failed.png"));
        }
    }

    @Test
    void detailedReportFromDiskIsACompleteStyledPage() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Path detailed = reports.resolve(ValidationCorpus.XADES + ReportWriter.REPORTS_SUFFIX)
                    .resolve(ReportWriter.DETAILED_HTML);
            browser.driver().get(detailed.toUri().toString());

            assertThat(browser.driver().getTitle()).contains("Detailed report").contains(ValidationCorpus.XADES);
            assertThat(browser.driver().findElement(By.cssSelector("nav.cscsign")).getText()).contains("All documents");
            browser.screenshot(Path.of("target/screenshots/validate-detailed-report.png"));
        }
    }
}
