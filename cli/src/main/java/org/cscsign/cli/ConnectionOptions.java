package org.cscsign.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code <connection>} options shared by every command that talks to a CSC service. Each value
 * may also come from a {@code --config} properties file (keys {@code csc-url}, {@code token-url},
 * {@code client-id}, {@code client-secret}, {@code scope}, {@code profile}, {@code dpop},
 * {@code dpop-key}, {@code client-key}, {@code credential}, {@code pin}, {@code tsa}, {@code trust},
 * {@code auth}, {@code access-token-file}, {@code username}, {@code password-file});
 * an option on the command line wins over the file.
 */
final class ConnectionOptions {

    @Option(names = "--csc-url", paramLabel = "URL",
            description = "Base URL of the CSC API, ending before the method name, e.g. http://127.0.0.1:8080/csc/v2 "
                    + "or https://api.preprod.esign-stoetest.cloud/v0/b2b/csc/v2. A /v1 base switches to CSC v1 "
                    + "field names. Required (here or as csc-url in --config).")
    URI cscUrl;

    @Option(names = "--auth", paramLabel = "none|client-credentials|token|basic|code",
            description = "How the client logs in to the service: none (no Authorization header), client-credentials "
                    + "(OAuth2, needs --client-id), code (the OAuth2 authorization-code flow with scope service: the "
                    + "user approves in the browser; needs --client-id), token (a ready access token from CSC_ACCESS_TOKEN or "
                    + "--access-token-file), basic (CSC v1 auth/login with CSC_USERNAME or --username and "
                    + "CSC_PASSWORD or --password-file). Default: client-credentials with a client ID, else token "
                    + "when a token is given, else basic when a user name is given, else none (refused when the "
                    + "service's info says it needs a login).")
    String auth;

    @Option(names = "--access-token-file", paramLabel = "FILE",
            description = "Read a ready access token from this file (first line); implies --auth token. "
                    + "Alternatives: CSC_ACCESS_TOKEN, access-token-file in --config.")
    Path accessTokenFile;

    @Option(names = "--username", paramLabel = "USER",
            description = "User name for CSC v1 auth/login (HTTP Basic); implies --auth basic. Alternatives: "
                    + "CSC_USERNAME, username in --config.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the auth/login password from this file (first line). Alternatives: CSC_PASSWORD, "
                    + "password-file in --config.")
    Path passwordFile;

    @Option(names = "--async-sign",
            description = "Ask signatures/signHash for operationMode A and collect the signatures with "
                    + "signatures/signPolling (CSC v2, where the service's info offers asynchronousOperationMode); "
                    + "polled every second for at most 2 minutes.")
    boolean asyncSign;

    @Option(names = "--token-url", paramLabel = "URL",
            description = "OAuth2 token endpoint. Default: from the service's info: the oauth2Issuer metadata "
                    + "(RFC 8414 / OpenID discovery), else the oauth2 base + /oauth2/token.")
    URI tokenUrl;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "OAuth2 client ID (client_credentials grant); implies --auth client-credentials. "
                    + "Also client-id in --config.")
    String clientId;

    @Option(names = "--scope", paramLabel = "S",
            description = "OAuth2 scope. Default from the profile: 'service' (standard, primesign), "
                    + "'esign/b2b' (bankid).")
    String scope;

    @Option(names = "--dpop", negatable = true,
            description = "Sender-constrain tokens with DPoP (RFC 9449) proofs. On by default with --profile bankid.")
    Boolean dpop;

    @Option(names = "--profile", paramLabel = "standard|bankid|primesign",
            description = "Presets for a kind of service: standard (explicit PIN/OTP authorization, scope service), "
                    + "bankid (BankID B2B: scope esign/b2b, DPoP, no SAD), primesign. Default: standard, or bankid "
                    + "when the URL path contains /b2b/.")
    String profile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with any of: csc-url, auth, token-url, client-id, client-secret, "
                    + "access-token-file, username, password-file, scope, profile, dpop, dpop-key, client-key, "
                    + "credential, pin, tsa, trust. Options given on the command line win.")
    Path config;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "Read the OAuth2 client secret from this file (first line). Alternatives: the "
                    + "CSC_CLIENT_SECRET environment variable, client-secret in --config, or a prompt on a terminal.")
    Path clientSecretFile;

    @Option(names = "--client-key", paramLabel = "FILE",
            description = "Authenticate the client with private_key_jwt (RFC 7523) using this private key: PKCS#8 "
                    + "PEM (EC P-256 → ES256, RSA → RS256) or PKCS#12 (password from CSC_CLIENT_KEY_PASSWORD). "
                    + "Replaces the client secret.")
    Path clientKey;

    @Option(names = "--dpop-key", paramLabel = "FILE",
            description = "The DPoP proof key (PKCS#8 PEM, EC P-256 or RSA). Default: a fresh EC P-256 key per run.")
    Path dpopKey;

    @picocli.CommandLine.Mixin
    TimeoutOption timeout = new TimeoutOption();

    /** @return the deadline of each remote call: --timeout, else timeout in --config, else the default */
    java.time.Duration deadline() {
        return timeout.deadline(configValue("timeout").orElse(null));
    }

    /** Values of --config, loaded once. */
    private Properties configValues;

    Properties configValues() {
        if (configValues == null) {
            configValues = new Properties();
            if (config != null) {
                try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                    configValues.load(reader);
                } catch (IOException | IllegalArgumentException | SecurityException e) {
                    throw CliException.usage("--config: cannot read " + config);
                }
                ConfigKeys.check(configValues, config);
            }
        }
        return configValues;
    }

    /** @return a value from --config, if present and not blank */
    Optional<String> configValue(String key) {
        String value = configValues().getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    URI cscUrl() {
        URI url = cscUrl != null ? cscUrl : configValue("csc-url").map(v -> uri(v, "csc-url")).orElse(null);
        if (url == null) {
            throw CliException.usage("no CSC service given: use --csc-url URL (or csc-url in --config)");
        }
        return stripTrailingSlash(url);
    }

    Optional<URI> tokenUrl() {
        return Optional.ofNullable(tokenUrl).or(() -> configValue("token-url").map(v -> uri(v, "token-url")));
    }

    Optional<String> clientId() {
        return Optional.ofNullable(clientId).or(() -> configValue("client-id"));
    }

    /** How the client logs in. */
    enum Auth { NONE, CLIENT_CREDENTIALS, TOKEN, BASIC, CODE }

    /**
     * @return the login chosen with --auth (or auth in --config), else the one the given secrets imply;
     *     empty when nothing is given (then the service's info decides whether none is enough)
     */
    Optional<Auth> auth(Environment environment) {
        Optional<String> given = Optional.ofNullable(auth).or(() -> configValue("auth"));
        if (given.isPresent()) {
            return Optional.of(switch (given.get().toLowerCase(Locale.ROOT)) {
                case "none" -> Auth.NONE;
                case "client-credentials" -> Auth.CLIENT_CREDENTIALS;
                case "token" -> Auth.TOKEN;
                case "basic" -> Auth.BASIC;
                case "code" -> Auth.CODE;
                default -> throw CliException.usage("--auth must be none, client-credentials, token, basic or code, not '"
                        + given.get() + "'");
            });
        }
        if (clientId().isPresent()) {
            return Optional.of(Auth.CLIENT_CREDENTIALS);
        }
        if (accessTokenFile().isPresent() || environment.variable(Environment.ACCESS_TOKEN).isPresent()) {
            return Optional.of(Auth.TOKEN);
        }
        if (username(environment).isPresent()) {
            return Optional.of(Auth.BASIC);
        }
        return Optional.empty();
    }

    private Optional<Path> accessTokenFile() {
        return Optional.ofNullable(accessTokenFile).or(() -> configValue("access-token-file").map(Path::of));
    }

    /** The access token, from --access-token-file, CSC_ACCESS_TOKEN or access-token-file in --config. */
    Optional<String> accessToken(Environment environment) {
        if (accessTokenFile != null) {
            return Optional.of(Secrets.readFirstLine(accessTokenFile, "--access-token-file"));
        }
        return environment.variable(Environment.ACCESS_TOKEN)
                .or(() -> accessTokenFile().map(f -> Secrets.readFirstLine(f, "access-token-file")));
    }

    Optional<String> username(Environment environment) {
        return Optional.ofNullable(username).or(() -> environment.variable(Environment.USERNAME))
                .or(() -> configValue("username"));
    }

    /** The auth/login password, from --password-file, CSC_PASSWORD or password-file in --config. */
    Optional<String> password(Environment environment) {
        if (passwordFile != null) {
            return Optional.of(Secrets.readFirstLine(passwordFile, "--password-file"));
        }
        return environment.variable(Environment.PASSWORD)
                .or(() -> configValue("password-file").map(f -> Secrets.readFirstLine(Path.of(f), "password-file")));
    }

    Optional<String> scope() {
        return Optional.ofNullable(scope).or(() -> configValue("scope"));
    }

    /** @return standard, bankid or primesign */
    String profile() {
        String value = Optional.ofNullable(profile).or(() -> configValue("profile")).orElse(null);
        if (value == null) {
            return cscUrl().getPath().contains("/b2b/") ? "bankid" : "standard";
        }
        String normalized = value.toLowerCase(Locale.ROOT);
        if (!normalized.equals("standard") && !normalized.equals("bankid") && !normalized.equals("primesign")) {
            throw CliException.usage("--profile must be standard, bankid or primesign, not '" + value + "'");
        }
        return normalized;
    }

    boolean dpop() {
        if (dpop != null) {
            return dpop;
        }
        return configValue("dpop").map(Boolean::parseBoolean).orElse(profile().equals("bankid"));
    }

    Optional<Path> clientKey() {
        return Optional.ofNullable(clientKey).or(() -> configValue("client-key").map(Path::of));
    }

    Optional<Path> dpopKey() {
        return Optional.ofNullable(dpopKey).or(() -> configValue("dpop-key").map(Path::of));
    }

    /**
     * The client secret, from (in this order) --client-secret-file, CSC_CLIENT_SECRET, client-secret in
     * --config, and a prompt when a terminal is attached.
     */
    Optional<String> clientSecret(Environment environment) {
        if (clientSecretFile != null) {
            return Optional.of(Secrets.readFirstLine(clientSecretFile, "--client-secret-file"));
        }
        return environment.variable(Environment.CLIENT_SECRET).or(() -> configValue("client-secret"))
                .or(() -> environment.prompt("Client secret for " + clientId().orElse("the client")));
    }

    static URI uri(String value, String what) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw CliException.usage(what + " is not an absolute URL: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliException.usage(what + " is not a URL: " + value);
        }
    }

    static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
