package org.cscsign.signer.internal;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import org.cscsign.signer.BadDocumentException;

import java.util.List;
import java.util.function.Supplier;

/**
 * The document boundary for memory: a document too large for the heap the JVM was given ends as a
 * {@link BadDocumentException} that says how much memory it needs and how much there is, instead of an
 * {@link OutOfMemoryError} that takes the whole program down with a stack trace.
 */
public final class MemoryGuard {

    /** DSS and PDFBox hold a document several times over while signing; a working estimate, not a promise. */
    private static final long COPIES = 4;
    private static final long MIB = 1024 * 1024;

    private MemoryGuard() {
    }

    /**
     * @param documents the documents the work reads (named in the message; their sizes give the estimate)
     * @param work the work on them
     * @param <R> its result
     * @return what the work returns
     * @throws BadDocumentException when the work runs out of memory
     */
    public static <R> R perDocument(List<DSSDocument> documents, Supplier<R> work) {
        try {
            return work.get();
        } catch (OutOfMemoryError e) {
            String name = documents.isEmpty() || documents.get(0).getName() == null ? "document"
                    : documents.get(0).getName();
            long size = documents.stream().mapToLong(MemoryGuard::size).sum();
            long max = Runtime.getRuntime().maxMemory() / MIB;
            String need = size > 0 ? "about " + Math.max(1, COPIES * size / MIB + 64) + " MiB" : "more memory";
            throw new BadDocumentException(name, "too large for the memory given: signing it needs " + need
                    + ", the JVM may use at most " + max + " MiB (raise it with -Xmx, e.g. JAVA_OPTS=-Xmx"
                    + Math.max(1, (COPIES * size / MIB + 64) / 1024 + 1) + "g)", null);
        }
    }

    private static long size(DSSDocument d) {
        return d instanceof FileDocument f ? f.getFile().length() : 0;
    }
}
