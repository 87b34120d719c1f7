package org.cscsign.validator;

import eu.europa.esig.dss.detailedreport.DetailedReportFacade;
import eu.europa.esig.dss.diagnostic.DiagnosticDataFacade;
import eu.europa.esig.dss.simplereport.SimpleReportFacade;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.validationreport.ValidationReportFacade;
import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.FopFactoryBuilder;
import org.apache.fop.apps.MimeConstants;

import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes the DSS reports of a {@link ValidationResult} into a directory, for people (HTML, PDF)
 * and programs (XML):
 * <ul>
 * <li>{@value #SIMPLE_XML}, {@value #DETAILED_XML}, {@value #DIAGNOSTIC_XML} — DSS's simple
 * report, detailed report and diagnostic data ({@code SimpleReportFacade},
 * {@code DetailedReportFacade}, {@code DiagnosticDataFacade});</li>
 * <li>{@value #ETSI_XML} — the ETSI TS 119 102-2 validation report ({@code ValidationReportFacade});</li>
 * <li>{@value #SIMPLE_HTML}, {@value #DETAILED_HTML} — rendered with DSS's own stylesheets
 * ({@code generateHtmlReport});</li>
 * <li>{@value #SIMPLE_PDF} — the simple report rendered with DSS's XSL-FO stylesheet and Apache FOP
 * ({@code SimpleReportFacade.generatePdfReport}).</li>
 * </ul>
 * Each HTML report is a complete document ({@code <!DOCTYPE html>}, an embedded stylesheet, no
 * external resource), so it renders the same when opened from disk without network. For a batch,
 * {@link #writeIndex(List, Path)} writes {@value #INDEX_HTML} (one row per document, linking its
 * reports) and {@value #SUMMARY_PDF} beside the documents' report folders.
 *
 * <p>Each file is written to a temporary file in the same directory and moved into place, so a
 * reader never sees a half-written report.
 */
public final class ReportWriter {

    /** File name of the simple report XML. */
    public static final String SIMPLE_XML = "simple-report.xml";
    /** File name of the detailed report XML. */
    public static final String DETAILED_XML = "detailed-report.xml";
    /** File name of the diagnostic data XML. */
    public static final String DIAGNOSTIC_XML = "diagnostic-data.xml";
    /** File name of the ETSI validation report XML. */
    public static final String ETSI_XML = "etsi-validation-report.xml";
    /** File name of the simple report HTML. */
    public static final String SIMPLE_HTML = "simple-report.html";
    /** File name of the detailed report HTML. */
    public static final String DETAILED_HTML = "detailed-report.html";
    /** File name of the simple report PDF. */
    public static final String SIMPLE_PDF = "simple-report.pdf";
    /** File name of a batch's index page. */
    public static final String INDEX_HTML = "index.html";
    /** File name of a batch's summary as PDF. */
    public static final String SUMMARY_PDF = "summary.pdf";
    /** Suffix of a document's report folder in a batch: {@code DIR/<file name>.reports/}. */
    public static final String REPORTS_SUFFIX = ".reports";

    private ReportWriter() {
    }

    /**
     * Writes the seven report files into {@code dir} (created if missing), replacing files of the
     * same names.
     *
     * @param result the validation result whose reports are written
     * @param dir    the target directory
     * @return the written files, in the order listed in the class documentation
     * @throws UncheckedIOException  when a file cannot be written
     * @throws IllegalStateException when DSS or FOP fails to render a report
     */
    public static List<Path> write(ValidationResult result, Path dir) {
        return write(result, dir, null);
    }

    /**
     * Writes the seven report files into {@code dir}, as {@link #write(ValidationResult, Path)}, with
     * a link from each HTML report back to the batch's index page.
     *
     * @param result    the validation result whose reports are written
     * @param dir       the target directory
     * @param indexHref the index page relative to {@code dir} (e.g. {@code ../index.html});
     *                  {@code null} for no such link
     * @return the written files
     * @throws UncheckedIOException  when a file cannot be written
     * @throws IllegalStateException when DSS or FOP fails to render a report
     */
    public static List<Path> write(ValidationResult result, Path dir, String indexHref) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(dir, "dir");
        Reports reports = result.reports();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create report directory " + dir, e);
        }
        SimpleReportFacade simple = SimpleReportFacade.newFacade();
        DetailedReportFacade detailed = DetailedReportFacade.newFacade();
        List<Path> written = new ArrayList<>();
        written.add(writeAtomically(dir, SIMPLE_XML, out -> simple.marshall(reports.getSimpleReportJaxb(), out)));
        written.add(writeAtomically(dir, DETAILED_XML,
                out -> detailed.marshall(reports.getDetailedReportJaxb(), out)));
        written.add(writeAtomically(dir, DIAGNOSTIC_XML,
                out -> DiagnosticDataFacade.newFacade().marshall(reports.getDiagnosticDataJaxb(), out)));
        written.add(writeAtomically(dir, ETSI_XML,
                out -> ValidationReportFacade.newFacade().marshall(reports.getEtsiValidationReportJaxb(), out)));
        written.add(writeAtomically(dir, SIMPLE_HTML, out -> {
            StringWriter fragment = new StringWriter();
            simple.generateHtmlReport(reports.getSimpleReportJaxb(), new StreamResult(fragment));
            writeText(out, HtmlPage.report("Simple report", result, fragment.toString(), SIMPLE_HTML, indexHref));
        }));
        written.add(writeAtomically(dir, DETAILED_HTML, out -> {
            StringWriter fragment = new StringWriter();
            detailed.generateHtmlReport(reports.getDetailedReportJaxb(), new StreamResult(fragment));
            writeText(out, HtmlPage.report("Detailed report", result, fragment.toString(), DETAILED_HTML, indexHref));
        }));
        written.add(writeAtomically(dir, SIMPLE_PDF, out -> simple.generatePdfReport(reports.getSimpleReportJaxb(),
                new SAXResult(newPdf(out).getDefaultHandler()))));
        return List.copyOf(written);
    }

    /**
     * Writes a batch's overview into {@code dir}: {@value #INDEX_HTML}, a self-contained page with
     * the summary line and one row per document (file, signatures, format, indication, signer,
     * signing time) linking to its reports folder, and {@value #SUMMARY_PDF}, the same table as PDF.
     *
     * @param entries the documents of the batch, in the order to show
     * @param dir     the batch's report folder (created if missing)
     * @return the two written files
     * @throws UncheckedIOException  when a file cannot be written
     * @throws IllegalStateException when FOP fails to render the PDF
     */
    public static List<Path> writeIndex(List<BatchEntry> entries, Path dir) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create report directory " + dir, e);
        }
        List<BatchRow> rows = entries.stream().map(BatchRow::of).toList();
        String summary = BatchSummary.line(entries);
        Path html = writeAtomically(dir, INDEX_HTML, out -> writeText(out, HtmlPage.index(summary, rows)));
        Path pdf = writeAtomically(dir, SUMMARY_PDF, out -> {
            Transformer identity = TransformerFactory.newInstance().newTransformer();
            identity.transform(new StreamSource(new StringReader(FoSummary.document(summary, rows))),
                    new SAXResult(newPdf(out).getDefaultHandler()));
        });
        return List.of(html, pdf);
    }

    private static org.apache.fop.apps.Fop newPdf(OutputStream out) throws Exception {
        FOUserAgent agent = Fop.FACTORY.newFOUserAgent();
        agent.setCreator("cscsign (EU DSS)");
        return Fop.FACTORY.newFop(MimeConstants.MIME_PDF, agent, out);
    }

    private static void writeText(OutputStream out, String text) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(text);
        writer.flush();
    }

    private static Path writeAtomically(Path dir, String name, Body body) {
        Path target = dir.resolve(name);
        Path temp = null;
        try {
            temp = newTempFile(dir, name);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                body.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot render " + name + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and harmless
                }
            }
        }
    }

    /**
     * A new, empty, hidden file beside the target. Not {@code Files.createTempFile}: its files are
     * always 0600, and after the move nobody else could read the report; a plain create gets 0666
     * minus the umask, like the files of any tool.
     */
    private static Path newTempFile(Path dir, String name) throws IOException {
        // a random name no other writer uses; CREATE_NEW still refuses to follow anything planted there
        Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
    }

    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws Exception;
    }

    /** Holds the FOP factory, built on first PDF (font setup is costly); FopFactory is thread-safe. */
    private static final class Fop {
        static final FopFactory FACTORY = new FopFactoryBuilder(Path.of(".").toAbsolutePath().toUri()).build();

        private Fop() {
        }
    }
}
