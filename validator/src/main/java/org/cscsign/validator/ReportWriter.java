package org.cscsign.validator;

import eu.europa.esig.dss.detailedreport.DetailedReportFacade;
import eu.europa.esig.dss.diagnostic.DiagnosticDataFacade;
import eu.europa.esig.dss.simplereport.SimpleReportFacade;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.validationreport.ValidationReportFacade;
import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.FopFactoryBuilder;
import org.apache.fop.apps.MimeConstants;

import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * Each file is written to a temporary file in the same directory and moved into place, so a
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
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            simple.generateHtmlReport(reports.getSimpleReportJaxb(), new StreamResult(writer));
            writer.flush();
        }));
        written.add(writeAtomically(dir, DETAILED_HTML, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            detailed.generateHtmlReport(reports.getDetailedReportJaxb(), new StreamResult(writer));
            writer.flush();
        }));
        written.add(writeAtomically(dir, SIMPLE_PDF, out -> {
            FOUserAgent agent = Fop.FACTORY.newFOUserAgent();
            agent.setCreator("cscsign (EU DSS)");
            org.apache.fop.apps.Fop fop = Fop.FACTORY.newFop(MimeConstants.MIME_PDF, agent, out);
            simple.generatePdfReport(reports.getSimpleReportJaxb(), new SAXResult(fop.getDefaultHandler()));
        }));
        return List.copyOf(written);
    }

    private static Path writeAtomically(Path dir, String name, Body body) {
        Path target = dir.resolve(name);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + name, ".tmp");
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
