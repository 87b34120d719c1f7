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
 *
 * <p>Where DSS must hold a document in memory (enveloped and enveloping XAdES build a DOM with the content
 * as base64 text, enveloping JAdES a JSON string with the base64url payload, which validation parses again),
 * {@link #requireFits} refuses it before anything is spent (no signHash, no TSA) when the measured need exceeds
 * the heap. Files signed by streaming (PAdES, CAdES, detached XAdES and JAdES) need no such check.
 */
public final class MemoryGuard {

    /**
     * Heap per byte of input to sign and self-validate enveloped or enveloping XAdES (DSS: a DOM with the content
     * as base64 text, canonicalised and serialised): measured 128-160 MiB for 10 MiB, 256-320 MiB for 20 MiB
     * (see BENCHMARKS.md).
     */
    public static final long XADES_IN_MEMORY_FACTOR = 14;
    /**
     * Heap per byte of input to sign and self-validate enveloping JAdES (DSS: the base64url payload in JSON
     * strings; validation first tokenises the whole JSON to recognise it, with buffers that double, so the need
     * grows faster than the input): measured 128-160 MiB for 10 MiB, at most 256 MiB for 20 MiB, 832-1152 MiB
     * for 50 MiB.
     */
    public static final long JADES_IN_MEMORY_FACTOR = 20;
    /** What the measured in-memory paths need besides the document's multiple. */
    private static final long IN_MEMORY_BASE_MIB = 32;
    /** Heap per byte of input of the other in-memory DSS paths (a document given in memory, not as a file). */
    private static final long COPIES = 4;
    /** What signing needs besides the document: classes, DSS policy, the HTTP client, a batch's small objects. */
    private static final long BASE_MIB = 64;
    private static final long MIB = 1024 * 1024;

    private MemoryGuard() {
    }

    /**
     * Refuses a document DSS would have to hold in memory when it cannot fit in this JVM's heap.
     *
     * @param document the document (its size counts only when it is a file)
     * @param name its name, for the message
     * @param factor heap bytes per byte of the document, e.g. {@link #XADES_IN_MEMORY_FACTOR}
     * @throws BadDocumentException "too large for the memory given", with the estimate and the limit
     */
    public static void requireFits(DSSDocument document, String name, long factor) {
        long size = size(document);
        long needMiB = factor * size / MIB + IN_MEMORY_BASE_MIB;
        long maxMiB = Runtime.getRuntime().maxMemory() / MIB;
        if (size > 0 && needMiB > maxMiB) {
            throw tooLarge(name, needMiB, maxMiB);
        }
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
            // it did not fit: at least what there was, and at least the copies DSS may make
            long need = Math.max(COPIES * size / MIB + BASE_MIB, max + max / 2);
            throw tooLarge(name, need, max);
        }
    }

    private static BadDocumentException tooLarge(String name, long needMiB, long maxMiB) {
        return new BadDocumentException(name, "too large for the memory given: signing it needs about " + needMiB
                + " MiB, the JVM may use at most " + maxMiB + " MiB (raise it with -Xmx, e.g. JAVA_OPTS=-Xmx"
                + (needMiB < 1024 ? ((needMiB + 127) / 128 * 128) + "m" : (needMiB / 1024 + 1) + "g") + ")", null);
    }

    private static long size(DSSDocument d) {
        return d instanceof FileDocument f ? f.getFile().length() : 0;
    }
}
