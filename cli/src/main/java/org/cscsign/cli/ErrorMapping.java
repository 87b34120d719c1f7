package org.cscsign.cli;

import org.cscsign.dss.CscSignException;
import org.cscsign.dss.CscSignException.Family;
import org.cscsign.token.CredentialUnusableException;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Which exit code a failure means, and which line to show the user — in one table: every error of the
 * library is a {@link CscSignException} of a {@link Family}, and {@link #EXIT_CODES} maps each family to
 * the exit code DESIGN.md fixes. A refusal anywhere in the cause chain (authorization, certificate status,
 * validation) wins, because it is what the user must act on; otherwise the first typed failure from the
 * outside in decides.
 */
final class ErrorMapping {

    /** The one table from the library's error families to exit codes. */
    static final Map<Family, Integer> EXIT_CODES = new EnumMap<>(Map.of(
            Family.REMOTE_SERVICE, ExitCode.REMOTE,
            Family.AUTHORIZATION, ExitCode.REFUSED,
            Family.CERTIFICATE_STATUS, ExitCode.REFUSED,
            Family.VALIDATION, ExitCode.REFUSED,
            Family.SIGNING, ExitCode.REFUSED,
            Family.BAD_DOCUMENT, ExitCode.BAD_INPUT,
            Family.OUTPUT, ExitCode.USAGE));

    private static final Set<Family> REFUSALS = Set.of(Family.AUTHORIZATION, Family.CERTIFICATE_STATUS,
            Family.VALIDATION);

    private ErrorMapping() {
    }

    static int exitCode(Throwable failure) {
        if (find(failure, ErrorMapping::isRefusal) != null) {
            return ExitCode.REFUSED;
        }
        Throwable typed = find(failure, t -> codeOf(t) != null);
        return typed == null ? ExitCode.REMOTE : codeOf(typed);
    }

    static String message(Throwable failure) {
        Throwable shown = find(failure, ErrorMapping::isRefusal);
        if (shown == null) {
            shown = find(failure, t -> codeOf(t) != null);
        }
        if (shown == null) {
            shown = failure;
        }
        if (shown instanceof NoSuchFileException || shown instanceof FileNotFoundException) {
            return "cannot read " + Errors.firstLine(shown.getMessage());
        }
        String message = shown.getMessage();
        return withoutJavaNames(Errors.firstLine(message == null ? shown.getClass().getSimpleName() : message));
    }

    /**
     * Drops the Java class names DSS and the JDK put into their messages ("java.lang.IllegalArgumentException: "):
     * a user of the command line can do nothing with them ({@code --verbose} shows the whole chain).
     */
    static String withoutJavaNames(String line) {
        return line.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "");
    }

    private static boolean isRefusal(Throwable t) {
        return t instanceof CscSignException e && REFUSALS.contains(e.family())
                // the DSS token adapter's refusal of an unusable credential travels as a DSSException
                || t instanceof CredentialUnusableException;
    }

    private static Integer codeOf(Throwable t) {
        if (t instanceof CliException cli) {
            return cli.exitCode();
        }
        if (t instanceof CscSignException e) {
            return EXIT_CODES.get(e.family());
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException
                || t instanceof AccessDeniedException) {
            return ExitCode.USAGE;
        }
        return null;
    }

    private static Throwable find(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return t;
            }
        }
        return null;
    }
}
