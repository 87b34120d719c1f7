package org.cscsign.signer.internal;

import eu.europa.esig.dss.pdf.IPdfObjFactory;
import eu.europa.esig.dss.signature.resources.TempFileResourcesHandlerBuilder;
import eu.europa.esig.dss.spi.signature.resources.DSSResourcesHandlerBuilder;

import org.cscsign.dss.FileBackedPdfObjFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Lets DSS keep the documents of a batch in temporary files instead of memory: PDFBox reads a PDF from
 * its file and caches what it parses on disk beyond a small memory budget, and the signed output (PDF,
 * CMS) is written to a temporary file (by DSS, or for enveloping CAdES by {@link EnvelopingCms}). Memory then does not grow with the size of the document.
 * {@link #close()} deletes every temporary file made through this instance; use one per batch and close
 * it once the outputs are written.
 */
public final class TempFileResources implements AutoCloseable {

    private final Path directory;
    private final Queue<TempFileResourcesHandlerBuilder> builders = new ConcurrentLinkedQueue<>();
    private final Queue<Path> files = new ConcurrentLinkedQueue<>();

    /**
     * @param directory where the temporary files go
     */
    public TempFileResources(Path directory) {
        this.directory = directory;
    }

    /**
     * @return a DSS resources handler builder whose outputs are temporary files (one per document: DSS's
     *         builder is not thread-safe)
     */
    public DSSResourcesHandlerBuilder handlerBuilder() {
        TempFileResourcesHandlerBuilder builder = new TempFileResourcesHandlerBuilder()
                .setTempFileDirectory(directory.toFile()).setFileNamePrefix("cscsign-").setFileNameSuffix(".tmp");
        builders.add(builder);
        return builder;
    }

    /**
     * @return a PDF object factory that reads PDFs from files with a bounded memory cache and writes signed
     *         PDFs to temporary files
     */
    public IPdfObjFactory pdfObjFactory() {
        return new FileBackedPdfObjFactory(directory, handlerBuilder());
    }

    /**
     * @return a new empty temporary file, deleted by {@link #close()}
     * @throws UncheckedIOException when it cannot be created
     */
    public Path newFile() {
        try {
            Path file = Files.createTempFile(directory, "cscsign-", ".tmp");
            files.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary files made so far. */
    @Override
    public void close() {
        TempFileResourcesHandlerBuilder builder;
        while ((builder = builders.poll()) != null) {
            builder.clear();
        }
        Path file;
        while ((file = files.poll()) != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit(); // still open elsewhere (Windows): at least at exit
            }
        }
    }
}
