package org.cscsign.cli;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Which exit code a failure of the libraries means, and which line to show the user. The whole
 * cause chain is searched, because DSS wraps the token's exceptions in {@code DSSException}.
 */
final class ErrorMapping {

    private ErrorMapping() {
    }

    static int exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CliException cli) {
                return cli.exitCode();
            }
            if (t instanceof NoSuchFileException || t instanceof FileNotFoundException
                    || t instanceof AccessDeniedException) {
                return ExitCode.USAGE;
            }
        }
        return ExitCode.REMOTE;
    }

    static String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CliException) {
                return Errors.firstLine(t.getMessage());
            }
            if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
                return "cannot read " + Errors.firstLine(t.getMessage());
            }
        }
        return Errors.firstLine(failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage());
    }
}
