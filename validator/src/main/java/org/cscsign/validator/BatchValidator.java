package org.cscsign.validator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Validates a batch of inputs (files and folders) with one {@link DocumentValidator}, so that
 * every input is judged on its own: a missing file, a folder without files, an unreadable file
 * or a file that is not a signed document becomes an entry with an error, never the end of the
 * batch.
 *
 * <ul>
 * <li>Folders are expanded to the regular, non-hidden files they hold (with
 * {@link Builder#recursive(boolean)} also those of their sub-folders), sorted by path.</li>
 * <li>Detached contents are paired with their signatures by {@link DetachedContents}, before any
 * document is validated.</li>
 * <li>Documents are validated concurrently, at most {@link Builder#parallelism(int)} at a time;
 * the entries keep the order of the inputs.</li>
 * <li>With {@link Builder#reports(Path)}, each document's reports go to
 * {@code DIR/<file name>.reports/} and the batch's {@code index.html} and {@code summary.pdf}
 * to {@code DIR} ({@link ReportWriter}).</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class BatchValidator {

    /** Told about each document as soon as it is judged, e.g. to move a progress bar. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called once per input, from a worker thread, one call at a time, in completion order.
         *
         * @param done  how many inputs are judged so far, this one included
         * @param total how many inputs the batch has
         * @param entry this input's entry
         */
        void judged(int done, int total, BatchEntry entry);
    }

    private final DocumentValidator validator;
    private final boolean recursive;
    private final Path reportsDir;
    private final Map<Path, List<Path>> explicitContents;
    private final List<Path> looseContents;
    private final int parallelism;

    private BatchValidator(Builder b) {
        this.validator = b.validator;
        this.recursive = b.recursive;
        this.reportsDir = b.reportsDir;
        this.explicitContents = Map.copyOf(b.explicitContents);
        this.looseContents = List.copyOf(b.looseContents);
        this.parallelism = b.parallelism;
    }

    /**
     * @param validator the validator that judges each document
     * @return a builder: no recursion, no reports, no detached content, parallelism of the
     *         available processors (at most 4)
     */
    public static Builder builder(DocumentValidator validator) {
        return new Builder(validator);
    }

    /**
     * Validates every input; see the class description.
     *
     * @param inputs   files and folders, in the order to report them
     * @param listener told about each input as it is judged; {@code null} for none
     * @return one entry per file (a folder counts as the files it holds, or as one entry with an
     *         error when it holds none), in input order
     * @throws IllegalArgumentException before anything is validated, when the reports folder is
     *                                  a file or cannot be written, or detached contents cannot be
     *                                  paired unambiguously (the message names the files)
     * @throws UncheckedIOException     when a report cannot be written
     */
    public List<BatchEntry> validate(List<Path> inputs, Listener listener) {
        Objects.requireNonNull(inputs, "inputs");
        if (reportsDir != null) {
            prepareReportsDir(reportsDir);
        }
        List<Input> expanded = expand(inputs);
        List<Path> documents = expanded.stream().filter(i -> i.error() == null).map(Input::path).toList();
        Map<Path, List<Path>> contents = explicitContents.isEmpty() && looseContents.isEmpty() ? Map.of()
                : DetachedContents.pair(documents, explicitContents, looseContents, validator::detachedContentNames);
        List<String> reportFolders = reportFolders(expanded);
        List<BatchEntry> entries = judgeAll(expanded, contents, reportFolders, listener);
        if (reportsDir != null) {
            ReportWriter.writeIndex(entries, reportsDir);
        }
        return entries;
    }

    private List<BatchEntry> judgeAll(List<Input> inputs, Map<Path, List<Path>> contents, List<String> reportFolders,
            Listener listener) {
        int total = inputs.size();
        int[] done = {0};
        Object lock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, total)), r -> {
            Thread t = new Thread(r, "cscsign-validate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BatchEntry>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                Input input = inputs.get(i);
                String folder = reportFolders.get(i);
                futures.add(pool.submit(() -> {
                    BatchEntry entry = judge(input, contents.getOrDefault(input.path(), List.of()), folder);
                    if (listener != null) {
                        synchronized (lock) {
                            listener.judged(++done[0], total, entry);
                        }
                    }
                    return entry;
                }));
            }
            List<BatchEntry> entries = new ArrayList<>(total);
            for (Future<BatchEntry> future : futures) {
                entries.add(future.get());
            }
            return entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("validation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private BatchEntry judge(Input input, List<Path> contents, String reportFolder) {
        if (input.error() != null) {
            return BatchEntry.failed(input.name(), input.error());
        }
        ValidationResult result;
        try {
            result = validator.validate(input.path(), contents);
        } catch (NotASignedDocumentException e) {
            return BatchEntry.failed(input.name(), DocumentValidator.oneLine(e));
        } catch (UncheckedIOException e) {
            return BatchEntry.failed(input.name(), "cannot read " + input.name() + ": " + reason(e.getCause()));
        } catch (RuntimeException e) {
            // a document DSS chokes on is that document's problem, not the batch's
            return BatchEntry.failed(input.name(), "cannot validate " + input.name() + ": " + DocumentValidator.oneLine(e));
        }
        BatchEntry entry = BatchEntry.validated(input.name(), result);
        if (reportsDir != null) {
            ReportWriter.write(result, reportsDir.resolve(reportFolder), "../" + ReportWriter.INDEX_HTML);
            entry = entry.withReports(reportFolder);
        }
        return entry;
    }

    private List<Input> expand(List<Path> inputs) {
        List<Input> out = new ArrayList<>();
        for (Path path : inputs) {
            String name = path.toString();
            if (Files.isDirectory(path)) {
                List<Path> files = filesIn(path);
                if (files == null) {
                    out.add(new Input(path, name, "cannot read folder " + name));
                } else if (files.isEmpty()) {
                    out.add(new Input(path, name, "folder " + name + " holds no file to validate"
                            + (recursive ? "" : " (sub-folders are read with --recursive)")));
                } else {
                    files.forEach(f -> out.add(new Input(f, f.toString(), null)));
                }
            } else if (!Files.exists(path)) {
                out.add(new Input(path, name, "no such file: " + name));
            } else if (!Files.isRegularFile(path)) {
                out.add(new Input(path, name, "not a regular file: " + name));
            } else if (!Files.isReadable(path)) {
                out.add(new Input(path, name, "cannot read " + name + ": permission denied"));
            } else {
                out.add(new Input(path, name, null));
            }
        }
        return out;
    }

    private List<Path> filesIn(Path folder) {
        try (Stream<Path> walk = recursive ? Files.walk(folder) : Files.list(folder)) {
            return walk.filter(p -> !p.equals(folder))
                    .filter(p -> !hidden(folder, p))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** A file or folder whose name starts with a dot, below the folder given. */
    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private List<String> reportFolders(List<Input> inputs) {
        Set<String> used = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Input input : inputs) {
            Path fileName = input.path().getFileName();
            String base = fileName == null ? "document" : fileName.toString();
            String name = base + ReportWriter.REPORTS_SUFFIX;
            for (int i = 2; !used.add(name); i++) {
                name = base + "-" + i + ReportWriter.REPORTS_SUFFIX;
            }
            out.add(name);
        }
        return out;
    }

    private static void prepareReportsDir(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("reports: " + dir + " is not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("reports: cannot create " + dir + ": " + reason(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("reports: cannot write into " + dir);
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e == null || e.getMessage() == null ? "I/O error" : e.getMessage();
    }

    private record Input(Path path, String name, String error) {
    }

    /** Configures a {@link BatchValidator}. */
    public static final class Builder {
        private final DocumentValidator validator;
        private boolean recursive;
        private Path reportsDir;
        private final Map<Path, List<Path>> explicitContents = new LinkedHashMap<>();
        private final List<Path> looseContents = new ArrayList<>();
        private int parallelism = Math.min(4, Runtime.getRuntime().availableProcessors());

        private Builder(DocumentValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
        }

        /**
         * @param recursive whether folders are expanded with their sub-folders
         * @return this builder
         */
        public Builder recursive(boolean recursive) {
            this.recursive = recursive;
            return this;
        }

        /**
         * Writes reports into {@code dir}: {@code index.html}, {@code summary.pdf} and a folder
         * {@code <file name>.reports/} per document.
         *
         * @param dir the reports folder (created if missing)
         * @return this builder
         */
        public Builder reports(Path dir) {
            this.reportsDir = Objects.requireNonNull(dir, "reports");
            return this;
        }

        /**
         * Gives the signed data of one detached signature.
         *
         * @param signature the detached signature (one of the validated files)
         * @param content   the data it signs
         * @return this builder
         */
        public Builder detachedContent(Path signature, Path content) {
            explicitContents.computeIfAbsent(Objects.requireNonNull(signature, "signature"), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(content, "content"));
            return this;
        }

        /**
         * Gives signed data to be paired with its detached signature by name (see
         * {@link DetachedContents}).
         *
         * @param content the data a detached signature of the batch signs
         * @return this builder
         */
        public Builder detachedContent(Path content) {
            looseContents.add(Objects.requireNonNull(content, "content"));
            return this;
        }

        /**
         * @param documents how many documents are validated at the same time (at least 1)
         * @return this builder
         */
        public Builder parallelism(int documents) {
            if (documents < 1) {
                throw new IllegalArgumentException("parallelism: at least 1, not " + documents);
            }
            this.parallelism = documents;
            return this;
        }

        /** @return the batch validator */
        public BatchValidator build() {
            return new BatchValidator(this);
        }
    }
}
