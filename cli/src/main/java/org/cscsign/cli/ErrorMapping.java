package org.cscsign.cli;

import org.cscsign.signer.BadDocumentException;
import org.cscsign.signer.CertificateStatusException;
import org.cscsign.signer.OutputException;
import org.cscsign.signer.RemoteServiceException;
import org.cscsign.signer.SelfValidationException;
import org.cscsign.signer.SigningException;
import org.cscsign.validator.NotASignedDocumentException;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Which exit code a failure of the libraries means, and which line to show the user. The whole
 * cause chain is searched, because DSS wraps the token's exceptions in {@code DSSException}:
 * a refusal anywhere in the chain (revoked certificate, wrong PIN, failed self-validation) wins,
 * then the first typed failure from the outside in.
 */
final class ErrorMapping {

    private ErrorMapping() {
    }

    static int exitCode(Throwable failure) {
        Throwable refusal = find(failure, ErrorMapping::isRefusal);
        if (refusal != null) {
            return ExitCode.REFUSED;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Integer code = codeOf(t);
            if (code != null) {
                return code;
            }
        }
        return ExitCode.REMOTE;
    }

    static String message(Throwable failure) {
        Throwable refusal = find(failure, ErrorMapping::isRefusal);
        Throwable shown = refusal != null ? refusal : failure;
        if (refusal == null) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (codeOf(t) != null) {
                    shown = t;
                    break;
                }
            }
        }
        if (shown instanceof NoSuchFileException || shown instanceof FileNotFoundException) {
            return "cannot read " + Errors.firstLine(shown.getMessage());
        }
        String message = shown.getMessage();
        return withoutJavaNames(Errors.firstLine(message == null ? shown.getClass().getSimpleName() : message));
    }

    /**
     * Drops the Java class names DSS and the JDK put into their messages ("java.lang.IllegalArgumentException: ")
     * and method references ("DocumentSigner.Builder#offline(...)"): a user of the command line can do
     * nothing with them ({@code --verbose} shows the whole chain).
     */
    static String withoutJavaNames(String line) {
        return line.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "");
    }

    private static boolean isRefusal(Throwable t) {
        return t instanceof CertificateStatusException || t instanceof SelfValidationException
                || t instanceof org.cscsign.token.CredentialUnusableException
                || CscErrors.isAuthorizationRefusal(t);
    }

    private static Integer codeOf(Throwable t) {
        if (t instanceof CliException cli) {
            return cli.exitCode();
        }
        if (t instanceof BadDocumentException || t instanceof NotASignedDocumentException) {
            return ExitCode.BAD_INPUT;
        }
        if (t instanceof OutputException) {
            return ExitCode.USAGE;
        }
        if (t instanceof RemoteServiceException || CscErrors.isRemote(t)) {
            return ExitCode.REMOTE;
        }
        if (t instanceof SigningException) {
            return ExitCode.REFUSED;
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException
                || t instanceof AccessDeniedException) {
            return ExitCode.USAGE;
        }
        return null;
    }

    private static Throwable find(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (test.test(t)) {
                return t;
            }
        }
        return null;
    }
}
