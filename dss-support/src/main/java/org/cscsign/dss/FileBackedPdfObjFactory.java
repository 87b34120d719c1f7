package org.cscsign.dss;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pdf.PDFServiceMode;
import eu.europa.esig.dss.pdf.PDFSignatureService;
import eu.europa.esig.dss.pdf.PdfDocumentReader;
import eu.europa.esig.dss.pdf.PdfMemoryUsageSetting;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxSignatureService;
import eu.europa.esig.dss.pdf.pdfbox.visible.defaultdrawer.PdfBoxDefaultSignatureDrawerFactory;
import eu.europa.esig.dss.spi.signature.resources.DSSResourcesHandlerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A DSS PDF object factory (PDFBox) whose memory does not grow with the size of the PDF: PDFBox reads a PDF
 * from its file and keeps at most a few MiB of it in memory, the rest in a scratch file. DSS also reads
 * parts of a signed PDF that are not files (a signed revision, the content a byte range covers); PDFBox
 * would load those whole into memory, so they are first copied to a temporary file.
 *
 * <p>Give it to {@code PAdESService.setPdfObjFactory} when signing and to
 * {@code PDFDocumentValidator.setPdfObjFactory} when validating large PDFs.
 */
public final class FileBackedPdfObjFactory extends PdfBoxDefaultObjectFactory {

    /** PDFBox keeps up to this much of a document in memory, the rest in a scratch file. */
    private static final long MEMORY_BYTES = 4L << 20;

    private final Path temporaryDirectory;

    /**
     * @param temporaryDirectory where copies of PDF parts go (each is deleted once PDFBox has opened it)
     * @param outputs where DSS writes the PDFs it makes (e.g. DSS's {@code TempFileResourcesHandlerBuilder}),
     *        or null for DSS's default (memory)
     */
    public FileBackedPdfObjFactory(Path temporaryDirectory, DSSResourcesHandlerBuilder outputs) {
        this.temporaryDirectory = Objects.requireNonNull(temporaryDirectory, "temporaryDirectory");
        setPdfMemoryUsageSetting(PdfMemoryUsageSetting.mixed(MEMORY_BYTES));
        if (outputs != null) {
            setResourcesHandlerBuilder(outputs);
        }
    }

    /** @return a PAdES signature service reading through files */
    @Override
    public PDFSignatureService newPAdESSignatureService() {
        return configure(new FileBackedService(PDFServiceMode.SIGNATURE, temporaryDirectory));
    }

    /** @return a content timestamp service reading through files */
    @Override
    public PDFSignatureService newContentTimestampService() {
        return configure(new FileBackedService(PDFServiceMode.CONTENT_TIMESTAMP, temporaryDirectory));
    }

    /** @return a signature timestamp service reading through files */
    @Override
    public PDFSignatureService newSignatureTimestampService() {
        return configure(new FileBackedService(PDFServiceMode.SIGNATURE_TIMESTAMP, temporaryDirectory));
    }

    /** @return an archive timestamp service reading through files */
    @Override
    public PDFSignatureService newArchiveTimestampService() {
        return configure(new FileBackedService(PDFServiceMode.ARCHIVE_TIMESTAMP, temporaryDirectory));
    }

    private static final class FileBackedService extends PdfBoxSignatureService {

        private final Path temporaryDirectory;

        FileBackedService(PDFServiceMode mode, Path temporaryDirectory) {
            super(mode, new PdfBoxDefaultSignatureDrawerFactory());
            this.temporaryDirectory = temporaryDirectory;
        }

        @Override
        protected PdfDocumentReader loadPdfDocumentReader(DSSDocument document, char[] password) throws IOException {
            if (document instanceof FileDocument || document instanceof InMemoryDocument) {
                return super.loadPdfDocumentReader(document, password);
            }
            Path copy = Files.createTempFile(temporaryDirectory, "cscsign-pdf-", ".tmp");
            try {
                try (InputStream in = document.openStream()) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                return super.loadPdfDocumentReader(new FileDocument(copy.toFile()), password);
            } finally {
                // PDFBox holds the file open: the name can go now (where the OS refuses, at exit)
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    copy.toFile().deleteOnExit();
                }
            }
        }
    }
}
