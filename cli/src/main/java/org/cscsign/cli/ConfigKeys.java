package org.cscsign.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The keys a {@code --config} properties file may hold and what their values must look like, in one
 * place: a file with an unknown key or an invalid value is refused (exit 2) naming the file and the key,
 * instead of being silently ignored. Adding a key is one line in {@link #KEYS}.
 */
final class ConfigKeys {

    /** Values: anything not blank. */
    private static final Rule TEXT = new Rule(v -> !v.isBlank(), "must not be blank");
    private static final Rule URL = new Rule(ConfigKeys::isAbsoluteUrl, "must be an absolute http(s) URL");
    private static final Rule BOOLEAN = new Rule(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"),
            "must be true or false");
    private static final Rule SECONDS = new Rule(v -> v.matches("\\d{1,6}") && Integer.parseInt(v) > 0,
            "must be a whole number of seconds, at least 1");
    private static final Rule COUNT = new Rule(v -> v.matches("\\d{1,4}") && Integer.parseInt(v) > 0,
            "must be a whole number, at least 1");

    private static final Map<String, Rule> KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry("csc-url", URL),
            Map.entry("token-url", URL),
            Map.entry("tsa", URL),
            Map.entry("auth", oneOf("none", "client-credentials", "token", "basic", "code")),
            Map.entry("profile", oneOf("standard", "bankid", "primesign")),
            Map.entry("dpop", BOOLEAN),
            Map.entry("timeout", SECONDS),
            Map.entry("threads", COUNT),
            Map.entry("client-id", TEXT),
            Map.entry("client-secret", TEXT),
            Map.entry("client-key", TEXT),
            Map.entry("access-token-file", TEXT),
            Map.entry("username", TEXT),
            Map.entry("password-file", TEXT),
            Map.entry("scope", TEXT),
            Map.entry("dpop-key", TEXT),
            Map.entry("credential", TEXT),
            Map.entry("pin", TEXT),
            Map.entry("trust", TEXT)));

    private ConfigKeys() {
    }

    /**
     * @param values the loaded file
     * @param file the file, for the message
     * @throws CliException exit 2 naming the first unknown key or invalid value
     */
    static void check(Properties values, Path file) {
        for (String key : new TreeMap<>(toMap(values)).keySet()) {
            Rule rule = KEYS.get(key);
            if (rule == null) {
                throw CliException.usage("--config " + file + ": unknown key '" + key + "' (known keys: "
                        + String.join(", ", KEYS.keySet()) + ")");
            }
            String value = values.getProperty(key).strip();
            if (!value.isEmpty() && !rule.valid().test(value)) {
                // secrets are never echoed; other values are, so the user sees what was read
                boolean secret = key.equals("client-secret") || key.equals("pin");
                throw CliException.usage("--config " + file + ": " + key + " " + rule.expectation()
                        + (secret ? "" : ", not '" + value + "'"));
            }
        }
    }

    /** @return the known keys, sorted */
    static List<String> known() {
        return List.copyOf(KEYS.keySet());
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static Rule oneOf(String... values) {
        List<String> allowed = List.of(values);
        return new Rule(v -> allowed.contains(v.toLowerCase(Locale.ROOT)), "must be one of " + String.join(", ", values));
    }

    private static boolean isAbsoluteUrl(String v) {
        try {
            URI u = new URI(v);
            return u.getHost() != null && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * @param valid accepts a stripped, non-empty value
     * @param expectation what a valid value looks like, for the message
     */
    private record Rule(Predicate<String> valid, String expectation) {
    }
}
