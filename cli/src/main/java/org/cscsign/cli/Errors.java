package org.cscsign.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns failures into the documented exit codes and one clear line on stderr; the stack trace is
 * printed only with {@code --verbose}.
 */
final class Errors {

    private Errors() {
    }

    /** Picocli parameter errors: one line plus a hint, exit 2, never a stack trace. */
    static int handleParameterException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("cscsign: error: " + firstLine(e.getMessage()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * Prints one line for {@code failure} (and its stack with {@code verbose}) and returns its exit code.
     *
     * @param failure what went wrong
     * @param err where to print
     * @param verbose whether to print the stack trace
     * @return the exit code
     */
    static int report(Throwable failure, PrintWriter err, boolean verbose) {
        int code = ErrorMapping.exitCode(failure);
        err.println("cscsign: error: " + ErrorMapping.message(failure));
        if (verbose) {
            StringWriter stack = new StringWriter();
            failure.printStackTrace(new PrintWriter(stack));
            err.print(stack);
        }
        err.flush();
        return code;
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
