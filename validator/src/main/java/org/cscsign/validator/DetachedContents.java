package org.cscsign.validator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pairs detached signatures (and detached RFC 3161 timestamps) with the data they sign, so that
 * one validation call can check several detached signatures, each with its own content.
 *
 * <p>A content given explicitly for a signature ({@code SIG=CONTENT}) always goes to that
 * signature. A content given alone goes to every detached signature that names it: by a
 * reference name inside the signature (XAdES, JAdES) or by the signature's file name without its
 * signature suffix ({@code contract.pdf.p7s}, {@code contract.p7s}, {@code contract.xades.xml},
 * {@code contract.jws.json}, {@code contract.pdf.tsr} all name {@code contract.pdf}). When the
 * call holds only one detached signature, every content given alone is its content. Anything
 * else is ambiguous and refused with a message naming the files, never silently validated
 * against the wrong data.
 */
public final class DetachedContents {

    /** Suffixes of detached signature and timestamp files, longest first. */
    private static final List<String> SIGNATURE_SUFFIXES = List.of(".xades.xml", ".jades.json", ".jws.json",
            ".cades.p7s", ".p7s", ".p7m", ".sig", ".asics", ".tsr", ".tst", ".json", ".xml");

    private DetachedContents() {
    }

    /**
     * Decides which contents belong to which signed file.
     *
     * @param signedFiles    the files to validate, in order
     * @param explicit       contents paired explicitly, by signed file (each a file of
     *                       {@code signedFiles}, compared as absolute normalised paths)
     * @param loose          contents given without a signature
     * @param detachedNames  for a signed file, empty when it is not a detached signature,
     *                       otherwise the names its references give their data (see
     *                       {@link DocumentValidator#detachedContentNames(Path)})
     * @return the contents of each signed file that has any, in the order of {@code signedFiles}
     * @throws IllegalArgumentException naming the files when an explicit pair names a file that is
     *                                  not validated, a content matches no detached signature, or
     *                                  a signature that takes one content matches several
     */
    public static Map<Path, List<Path>> pair(List<Path> signedFiles, Map<Path, List<Path>> explicit, List<Path> loose,
            Function<Path, Optional<List<String>>> detachedNames) {
        Objects.requireNonNull(signedFiles, "signedFiles");
        Objects.requireNonNull(explicit, "explicit");
        Objects.requireNonNull(loose, "loose");
        Objects.requireNonNull(detachedNames, "detachedNames");
        Map<Path, Path> byKey = new LinkedHashMap<>();
        signedFiles.forEach(f -> byKey.put(key(f), f));
        Map<Path, List<Path>> result = new LinkedHashMap<>();
        explicit.forEach((signature, contents) -> {
            Path file = byKey.get(key(signature));
            if (file == null) {
                throw new IllegalArgumentException("detached content " + names(contents) + " is given for "
                        + signature + ", which is not among the files to validate");
            }
            result.computeIfAbsent(file, k -> new ArrayList<>()).addAll(contents);
        });
        if (!loose.isEmpty()) {
            pairLoose(signedFiles, loose, detachedNames, result);
        }
        Map<Path, List<Path>> ordered = new LinkedHashMap<>();
        for (Path file : signedFiles) {
            List<Path> contents = result.get(file);
            if (contents != null) {
                ordered.put(file, List.copyOf(contents));
            }
        }
        return ordered;
    }

    private static void pairLoose(List<Path> signedFiles, List<Path> loose,
            Function<Path, Optional<List<String>>> detachedNames, Map<Path, List<Path>> result) {
        Map<Path, List<String>> candidates = new LinkedHashMap<>();
        for (Path file : signedFiles) {
            if (!result.containsKey(file)) {
                detachedNames.apply(file).ifPresent(names -> candidates.put(file, names));
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("detached content " + names(loose)
                    + " given, but no file to validate is a detached signature without its content");
        }
        Map<Path, List<Path>> matched = new LinkedHashMap<>();
        for (Path content : loose) {
            List<Path> owners = new ArrayList<>();
            candidates.forEach((signature, references) -> {
                if (names(signature, references, content)) {
                    owners.add(signature);
                }
            });
            if (owners.isEmpty() && candidates.size() == 1) {
                owners.add(candidates.keySet().iterator().next());
            }
            if (owners.isEmpty()) {
                throw new IllegalArgumentException("detached content " + content + " matches none of the detached "
                        + "signatures " + names(candidates.keySet()) + " by name: give it as SIGNATURE=" + content);
            }
            owners.forEach(o -> matched.computeIfAbsent(o, k -> new ArrayList<>()).add(content));
        }
        matched.forEach((signature, contents) -> {
            if (contents.size() > 1 && candidates.get(signature).isEmpty()) {
                // CAdES and RFC 3161 sign exactly one content and name none: DSS would pick one
                throw new IllegalArgumentException("detached signature " + signature + " matches several contents "
                        + names(contents) + ": give the right one as " + signature + "=CONTENT");
            }
            result.put(signature, contents);
        });
    }

    private static boolean names(Path signature, List<String> references, Path content) {
        String contentName = content.getFileName().toString();
        for (String reference : references) {
            String base = reference.replace('\\', '/');
            base = base.substring(base.lastIndexOf('/') + 1);
            if (base.equals(contentName)) {
                return true;
            }
        }
        String stem = stem(signature.getFileName().toString());
        if (stem == null) {
            return false;
        }
        int dot = contentName.lastIndexOf('.');
        return stem.equals(contentName) || (dot > 0 && stem.equals(contentName.substring(0, dot)));
    }

    /** The file name without its signature suffix, or {@code null} when it has none. */
    static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String suffix : SIGNATURE_SUFFIXES) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return fileName.substring(0, fileName.length() - suffix.length());
            }
        }
        return null;
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static String names(java.util.Collection<Path> files) {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
