package org.cscsign.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every subcommand shares: {@code --verbose}, the output streams, and the translation of any
 * failure into an exit code and one line on stderr (so that even a plain
 * {@code new CommandLine(new Main()).execute(...)} never shows a stack trace to a user).
 */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = {"-v", "--verbose"},
            description = "Log what happens (DEBUG for cscsign) on stderr and print stack traces of errors. "
                    + "Secrets, tokens, SADs and PINs are never logged.")
    boolean verbose;

    @Override
    public final Integer call() {
        Logging.verbose(verbose);
        try {
            return execute();
        } catch (Exception | LinkageError e) {
            return Errors.report(e, err(), verbose);
        } finally {
            out().flush();
            err().flush();
            Logging.verbose(false);
        }
    }

    /**
     * Does the work of the command.
     *
     * @return the exit code
     * @throws Exception anything; mapped by {@link ErrorMapping}
     */
    abstract int execute() throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Environment environment() {
        return new Environment(main == null ? System.getenv() : main.environment());
    }

    /**
     * The one check of a {@code --threads} value (sign and validate).
     *
     * @param threads the option's value, or null when it was not given
     * @return the value, or empty when it was not given
     * @throws CliException exit 2 when it is below 1
     */
    static java.util.Optional<Integer> threadCount(Integer threads) {
        if (threads != null && threads < 1) {
            throw CliException.usage("--threads must be at least 1, not " + threads);
        }
        return java.util.Optional.ofNullable(threads);
    }
}
