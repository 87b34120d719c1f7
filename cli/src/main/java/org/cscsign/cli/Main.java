package org.cscsign.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * {@code cscsign}: AdES signatures with EU DSS while the key stays in a Cloud Signature Consortium
 * (CSC) signing service. Each subcommand is a class of this package; this one only groups them.
 */
@Command(name = "cscsign",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {
                SandboxCommand.class,
                InfoCommand.class,
                CredentialsCommand.class,
                SignHashCommand.class,
                SignCommand.class,
                ValidateCommand.class,
                DemoCommand.class,
        },
        description = {
                "Make PAdES, CAdES, XAdES, JAdES and ASiC-E signatures with EU DSS while the private key "
                        + "stays in a remote signing service speaking the Cloud Signature Consortium (CSC) API "
                        + "(BankID B2B, primesign, any CSC v1/v2 service), and validate them.",
                "",
                "Secrets are never taken as plain arguments: use the environment (CSC_CLIENT_SECRET, CSC_PIN), "
                        + "--client-secret-file, --pin-file, a --config properties file, or the interactive "
                        + "prompt when a terminal is attached.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  success",
                "  1  signing refused, or validation not passed",
                "  2  usage error (bad option, missing secret, unreadable --config)",
                "  3  remote service error (CSC error, transport failure)",
                "  4  bad input document",
                "",
                "Try `cscsign demo` to see the whole flow on the built-in sandbox.",
        })
public final class Main implements Runnable {

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    /** A command reading the process environment. */
    public Main() {
        this(System.getenv());
    }

    /**
     * A command reading the given environment instead of the process's (tests pass
     * {@code CSC_CLIENT_SECRET} and {@code CSC_PIN} this way).
     *
     * @param environment the environment variables to read secrets from
     */
    public Main(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** @return the environment variables secrets may come from */
    Map<String, String> environment() {
        return environment;
    }

    /** {@code cscsign} alone prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the picocli command line for {@code main}, with the error handlers that print one
     * {@code cscsign: error: ...} line and map failures to the documented exit codes.
     *
     * @param main the root command
     * @return a ready command line
     */
    public static CommandLine commandLine(Main main) {
        CommandLine commandLine = new CommandLine(main);
        commandLine.setParameterExceptionHandler(Errors::handleParameterException);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) ->
                Errors.report(e, cmd.getErr(), false));
        return commandLine;
    }

    /**
     * Runs {@code cscsign} and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int exitCode = commandLine(new Main()).execute(args);
        System.exit(exitCode);
    }

    /** The version from the build (a filtered resource). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown": a version string is not worth failing for
            }
            return new String[] {
                    "cscsign " + properties.getProperty("version", "unknown"),
                    "EU DSS " + properties.getProperty("dss.version", "unknown")
                            + ", Java " + System.getProperty("java.version"),
            };
        }
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }
}
