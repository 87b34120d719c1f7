package org.cscsign.cli;

import org.cscsign.csc.auth.AuthorizationCodeSettings;
import org.cscsign.csc.auth.ParMode;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code <authorization>} options: how a credential is authorized for signing ({@code --authorize}),
 * the OAuth2 authorization-code flow's options ({@code --no-browser}, {@code --redirect-port},
 * {@code --par}, {@code --rar}, {@code --account-id}, {@code --client-data}, {@code --lang},
 * {@code --auth-timeout}), and where the PIN (and OTP) for explicit authorization come from:
 * --pin-file, CSC_PIN, pin in --config, or an interactive prompt on a terminal. Services that need no
 * SAD (BankID B2B) never ask.
 */
final class AuthorizationOptions {

    @Option(names = "--authorize", paramLabel = "auto|none|pin|implicit|code", defaultValue = "auto",
            description = "How a credential is authorized for signing: auto (default) follows the credential's "
                    + "auth.mode from credentials/info (explicit: PIN/OTP, implicit: credentials/authorize without "
                    + "data, oauth2code: the browser flow) and sends no SAD where the profile needs none (bankid); "
                    + "none: no SAD; pin: explicit PIN (and OTP); implicit; code: the OAuth2 authorization-code flow "
                    + "with scope credential, ONE approval per signHash call covering all its documents.")
    String authorize = "auto";

    @Option(names = "--no-browser",
            description = "Do not open a browser for the authorization-code flow: print the authorization URL "
                    + "alone on one line of stderr and wait for the redirect to 127.0.0.1.")
    boolean noBrowser;

    @Option(names = "--redirect-port", paramLabel = "N", defaultValue = "0",
            description = "Port on 127.0.0.1 for the redirect http://127.0.0.1:N/callback (default: any free port).")
    int redirectPort = 0;

    @Option(names = "--par", paramLabel = "never|if-supported|required", defaultValue = "if-supported",
            description = "Pushed Authorization Requests (RFC 9126): never, if-supported (default: when the "
                    + "authorization server has a PAR endpoint), required (a server without PAR is an error).")
    String par = "if-supported";

    @Option(names = "--rar",
            description = "Ask for the credential authorization as RAR authorization_details (RFC 9396), one "
                    + "labelled document digest per file, instead of the CSC parameters.")
    boolean rar;

    @Option(names = "--account-id", paramLabel = "ID",
            description = "Send primesign's account_token naming this account (HS256 keyed with the SHA-256 of the "
                    + "client secret), so the signer skips account selection.")
    String accountId;

    @Option(names = "--client-data", paramLabel = "JSON",
            description = "clientData passed to the service with every call and authorization request, e.g. "
                    + "'{\"clientTransactionId\":\"tx-1\",\"amr_hint\":\"eid\"}'.")
    String clientData;

    @Option(names = "--lang", paramLabel = "L", description = "Language of the service's texts and consent page, e.g. en.")
    String lang;

    @Option(names = "--auth-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the browser to come back (default: ${DEFAULT-VALUE}).")
    long authTimeout = 300;

    /** @return auto, none, pin, implicit or code */
    String authorize() {
        String value = authorize == null ? "auto" : authorize.toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("auto", "none", "pin", "implicit", "code").contains(value)) {
            throw CliException.usage("--authorize must be auto, none, pin, implicit or code, not '" + authorize + "'");
        }
        return value;
    }

    /** @return the flow settings: PAR mode, RAR, account_token */
    AuthorizationCodeSettings codeSettings() {
        ParMode mode = switch (par == null ? "if-supported" : par.toLowerCase(Locale.ROOT)) {
            case "never" -> ParMode.NEVER;
            case "if-supported" -> ParMode.IF_SUPPORTED;
            case "required" -> ParMode.REQUIRED;
            default -> throw CliException.usage("--par must be never, if-supported or required, not '" + par + "'");
        };
        try {
            return AuthorizationCodeSettings.DEFAULT.withParMode(mode).withRar(rar).withAccountId(accountId);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--account-id must not be blank");
        }
    }

    /** @return the clientData JSON, checked to be JSON */
    Optional<String> clientData() {
        if (clientData == null) {
            return Optional.empty();
        }
        try {
            Json.mapper().readTree(clientData);
        } catch (IOException e) {
            throw CliException.usage("--client-data must be JSON, e.g. '{\"clientTransactionId\":\"tx-1\"}'");
        }
        return Optional.of(clientData);
    }

    Optional<String> lang() {
        return Optional.ofNullable(lang);
    }

    /** @return the redirect port, checked */
    int redirectPort() {
        if (redirectPort < 0 || redirectPort > 65535) {
            throw CliException.usage("--redirect-port must be 0..65535, not " + redirectPort);
        }
        return redirectPort;
    }

    /** @return the wait for the browser, checked */
    Duration authTimeout() {
        if (authTimeout < 1) {
            throw CliException.usage("--auth-timeout must be at least 1 second");
        }
        return Duration.ofSeconds(authTimeout);
    }

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
