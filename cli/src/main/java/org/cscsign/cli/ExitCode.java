package org.cscsign.cli;

/** The exit codes of {@code cscsign}, as fixed by the command line contract in DESIGN.md. */
public final class ExitCode {

    /** Everything worked. */
    public static final int OK = 0;
    /** Signing was refused (e.g. revoked certificate, wrong PIN) or a validation did not pass. */
    public static final int REFUSED = 1;
    /** The command line, a secret or a configuration file was wrong or missing. */
    public static final int USAGE = 2;
    /** The remote CSC service (or the transport to it) failed. */
    public static final int REMOTE = 3;
    /** An input document is not what the command needs (not a PDF for PAdES, not a signed document...). */
    public static final int BAD_INPUT = 4;

    private ExitCode() {
    }
}
