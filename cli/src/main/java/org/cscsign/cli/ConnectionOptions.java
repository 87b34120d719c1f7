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
 * {@code dpop-key}, {@code client-key}, {@code credential}, {@code pin}, {@code tsa}, {@code trust});
 * an option on the command line wins over the file.
 */
final class ConnectionOptions {

    @Option(names = "--csc-url", paramLabel = "URL",
            description = "Base URL of the CSC API, ending before the method name, e.g. http://127.0.0.1:8080/csc/v2 "
                    + "or https://api.preprod.esign-stoetest.cloud/v0/b2b/csc/v2. A /v1 base switches to CSC v1 "
                    + "field names. Required (here or as csc-url in --config).")
    URI cscUrl;

    @Option(names = "--token-url", paramLabel = "URL",
            description = "OAuth2 token endpoint. Default: from the service's info: the oauth2Issuer metadata "
                    + "(RFC 8414 / OpenID discovery), else the oauth2 base + /oauth2/token.")
    URI tokenUrl;

    @Option(names = "--auth", paramLabel = "client-credentials|code",
            description = "How the client gets its service token: client-credentials (OAuth2 client_credentials, "
                    + "the default) or code (the authorization-code flow with scope service: the user approves in "
                    + "the browser).")
    String auth;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "OAuth2 client ID (client_credentials grant). Required (here or in --config).")
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
            description = "A properties file with any of: csc-url, token-url, client-id, client-secret, scope, "
                    + "profile, dpop, dpop-key, client-key, credential, pin, tsa, trust. Options given on the "
                    + "command line win.")
    Path config;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "Read the OAuth2 client secret from this file (first line). Alternatives: the "
                    + "CSC_CLIENT_SECRET environment variable, client-secret in --config.")
    Path clientSecretFile;

    @Option(names = "--client-key", paramLabel = "FILE",
            description = "Authenticate the client with private_key_jwt (RFC 7523) using this private key: PKCS#8 "
                    + "PEM (EC P-256 → ES256, RSA → RS256) or PKCS#12 (password from CSC_CLIENT_KEY_PASSWORD). "
                    + "Replaces the client secret.")
    Path clientKey;

    @Option(names = "--dpop-key", paramLabel = "FILE",
            description = "The DPoP proof key (PKCS#8 PEM, EC P-256 or RSA). Default: a fresh EC P-256 key per run.")
    Path dpopKey;

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

    /** @return client-credentials or code */
    String auth() {
        String value = Optional.ofNullable(auth).or(() -> configValue("auth")).orElse("client-credentials")
                .toLowerCase(Locale.ROOT);
        if (!value.equals("client-credentials") && !value.equals("code")) {
            throw CliException.usage("--auth must be client-credentials or code, not '" + value + "'");
        }
        return value;
    }

    Optional<URI> tokenUrl() {
        return Optional.ofNullable(tokenUrl).or(() -> configValue("token-url").map(v -> uri(v, "token-url")));
    }

    String clientId() {
        return Optional.ofNullable(clientId).or(() -> configValue("client-id"))
                .orElseThrow(() -> CliException.usage("no client ID given: use --client-id ID (or client-id in --config)"));
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
     * --config.
     */
    Optional<String> clientSecret(Environment environment) {
        if (clientSecretFile != null) {
            return Optional.of(Secrets.readFirstLine(clientSecretFile, "--client-secret-file"));
        }
        return environment.variable(Environment.CLIENT_SECRET).or(() -> configValue("client-secret"));
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
