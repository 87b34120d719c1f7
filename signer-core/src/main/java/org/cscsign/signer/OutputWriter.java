package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a batch of outputs all-or-nothing: each to a temporary file in the target directory, then,
 * once all are written, each moved into place with an atomic rename. On any error the temporary files
 * and the outputs already moved are removed, so no partial file and no partial batch remains.
 * Refuses to overwrite an existing file unless told to.
 */
public final class OutputWriter {

    private final Path directory;
    private final boolean overwrite;

    /**
     * @param directory the target directory (created when missing)
     * @param overwrite whether existing files may be replaced
     */
    public OutputWriter(Path directory, boolean overwrite) {
        this.directory = directory;
        this.overwrite = overwrite;
    }

    /**
     * Checks that every target name is free (or may be overwritten) and unique in the batch, without
     * writing anything; call it before doing expensive work.
     *
     * @param names output file names
     * @throws OutputException naming the first conflict
     */
    public void checkTargets(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            Path target = target(name);
            if (!seen.add(target.getFileName().toString())) {
                throw new OutputException("two outputs of the batch would be named " + name, null);
            }
            if (!overwrite && Files.exists(target)) {
                throw new OutputException(target + " exists (overwriting was not allowed)", null);
            }
        }
    }

    /**
     * Proves that the directory can take the outputs by creating (and deleting) a temporary file in it
     * (a missing directory is created for the probe and removed again); call it before anything is spent
     * on signatures.
     *
     * @throws OutputException naming the directory and the reason when it cannot be written
     */
    public void checkWritable() {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new OutputException("output folder " + directory + " is not a directory", null);
        }
        // folders created only for the probe are removed again: a refused batch leaves nothing behind
        Path firstCreated = null;
        for (Path p = directory.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            firstCreated = p;
        }
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".cscsign-", ".probe");
            Files.delete(probe);
            for (Path p = directory.toAbsolutePath().normalize(); firstCreated != null && p != null
                    && p.startsWith(firstCreated); p = p.getParent()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | SecurityException e) {
            throw new OutputException("output folder " + directory + " is not writable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * @param documents the outputs, each written under its DSS name
     * @return the paths written, in order
     * @throws OutputException when anything fails; nothing of the batch is then left behind
     */
    public List<Path> write(List<DSSDocument> documents) {
        List<String> names = documents.stream().map(DSSDocument::getName).toList();
        checkTargets(names);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new OutputException("cannot create output directory " + directory, e);
        }
        List<Path> temps = new ArrayList<>();
        List<Path> moved = new ArrayList<>();
        try {
            for (DSSDocument document : documents) {
                Path temp = newTempFile();
                temps.add(temp);
                try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                    document.writeTo(out);
                }
            }
            for (int i = 0; i < documents.size(); i++) {
                Path target = target(names.get(i));
                if (!overwrite && Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString(), null, "exists (overwriting was not allowed)");
                }
                move(temps.get(i), target);
                moved.add(target);
            }
            return List.copyOf(moved);
        } catch (IOException | RuntimeException e) {
            for (Path p : temps) {
                deleteQuietly(p);
            }
            for (Path p : moved) {
                deleteQuietly(p);
            }
            if (e instanceof OutputException oe) {
                throw oe;
            }
            throw new OutputException("writing the outputs to " + directory + " failed, nothing was written: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A new, empty, hidden file in the target directory. Not {@code Files.createTempFile}: that one is
     * always 0600, and the rename would hand the user a signed file nobody else may read; a plain
     * create gets 0666 minus the umask, as any tool's output does.
     */
    private Path newTempFile() throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = directory.resolve(".cscsign-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
            try {
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private Path target(String name) {
        if (name == null || name.isBlank()) {
            throw new OutputException("an output has no name", null);
        }
        Path target = directory.resolve(name).normalize();
        if (!directory.normalize().equals(target.getParent())) {
            throw new OutputException("output name " + name + " leaves the output directory", null);
        }
        return target;
    }

    private void move(Path temp, Path target) throws IOException {
        try {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so this only happens on exotic file systems: a plain move is still never partial
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort cleanup; the original error is what matters
        }
    }
}
