package org.cscsign.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the PIN (and OTP) for explicit credential authorization ({@code credentials/authorize})
 * come from: --pin-file, CSC_PIN, pin in --config, or an interactive prompt on a terminal.
 * Services that need no SAD (BankID B2B) never ask.
 */
final class AuthorizationOptions {

    @Option(names = "--pin-file", paramLabel = "FILE",
            description = "Read the credential PIN from this file (first line), for services that authorize each "
                    + "signature with a PIN. Alternatives: CSC_PIN, pin in --config, or a prompt on a terminal.")
    Path pinFile;

    /**
     * @param environment env variables and terminal
     * @param connection for the pin of --config
     * @param label e.g. the credential id, shown in the prompt
     * @return the PIN, if any source has one
     */
    Optional<String> pin(Environment environment, ConnectionOptions connection, String label) {
        if (pinFile != null) {
            return Optional.of(Secrets.readFirstLine(pinFile, "--pin-file"));
        }
        return environment.variable(Environment.PIN)
                .or(() -> connection.configValue("pin"))
                .or(() -> environment.prompt("PIN for " + label));
    }

    /**
     * The OTP is asked only after the service has sent it (credentials/sendOTP), so it can only come
     * from the terminal.
     *
     * @return an OTP typed on the terminal, if a terminal is attached
     */
    Optional<String> otp(Environment environment, String label) {
        return environment.prompt("OTP for " + label);
    }
}
