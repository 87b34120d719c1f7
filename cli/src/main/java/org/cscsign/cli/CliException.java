package org.cscsign.cli;

/**
 * A failure the user can act on, with the exit code it maps to. Its message is printed as one line
 * ({@code cscsign: error: ...}); it must never contain a secret.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message a one-line explanation for the user
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message a one-line explanation for the user
     * @param cause the underlying failure, shown only with {@code --verbose}
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return the process exit code for this failure */
    public int exitCode() {
        return exitCode;
    }

    /** A usage error (exit 2). */
    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
