package org.cscsign.cli;

import java.io.Console;
import java.util.Map;
import java.util.Optional;

/**
 * Where secrets may come from besides files: environment variables and, when a terminal is
 * attached, an interactive prompt that does not echo.
 */
final class Environment {

    /** The client secret for OAuth2 client authentication. */
    static final String CLIENT_SECRET = "CSC_CLIENT_SECRET";
    /** The PIN for explicit credential authorization. */
    static final String PIN = "CSC_PIN";
    /** A ready access token for the CSC API ({@code --auth token}). */
    static final String ACCESS_TOKEN = "CSC_ACCESS_TOKEN";
    /** The user name for CSC v1 {@code auth/login} ({@code --auth basic}). */
    static final String USERNAME = "CSC_USERNAME";
    /** The password for CSC v1 {@code auth/login} ({@code --auth basic}). */
    static final String PASSWORD = "CSC_PASSWORD";

    private final Map<String, String> variables;
    private volatile Runnable beforePrompt = () -> { };

    Environment(Map<String, String> variables) {
        this.variables = variables;
    }

    /**
     * @param hook run before each prompt, e.g. to take a progress bar off the line the prompt is
     *     about to use
     */
    void beforePrompt(Runnable hook) {
        this.beforePrompt = hook;
    }

    /** @return the non-blank value of the variable, if set */
    Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** @return true when a terminal can be asked for a PIN or OTP */
    boolean interactive() {
        return System.console() != null;
    }

    /**
     * Asks the terminal for a secret without echoing it.
     *
     * @param label what to ask for, e.g. "PIN for rsa2048"
     * @return the answer, or empty when no terminal is attached or the user gave nothing
     */
    Optional<String> prompt(String label) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        beforePrompt.run();
        char[] answer = console.readPassword("%s: ", label);
        if (answer == null || answer.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new String(answer));
    }
}
