package org.cscsign.cli;

import org.cscsign.csc.CredentialDiscovery;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.DpopKey;
import org.cscsign.csc.auth.Login;
import org.cscsign.csc.auth.LoopbackInteraction;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.token.LeafStatusCheck;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One connection to a CSC service for the duration of a command: the {@link CscClient} built from
 * the {@code <connection>} options and secrets, and the DSS token over it. Secrets are resolved
 * here and handed to the client only; nothing here prints or logs them.
 */
final class CscSession implements AutoCloseable {

    private final CscClient client;
    private final CscProfile profile;
    private final AuthorizationOptions authorization;
    private final ConnectionOptions connection;
    private final Environment environment;
    private final LoopbackInteraction interaction;
    private CscSignatureToken token;

    private CscSession(CscClient client, CscProfile profile, ConnectionOptions connection,
            AuthorizationOptions authorization, Environment environment, LoopbackInteraction interaction) {
        this.interaction = interaction;
        this.client = client;
        this.profile = profile;
        this.connection = connection;
        this.authorization = authorization;
        this.environment = environment;
    }

    /**
     * Resolves options and secrets and builds the client (no remote call yet, except {@code info}
     * when the token endpoint has to be discovered).
     *
     * @throws CliException with exit 2 when something required (URL, client ID, secret) is missing
     */
    static CscSession open(ConnectionOptions connection, AuthorizationOptions authorization, Environment environment,
            PrintWriter err) {
        URI cscUrl = connection.cscUrl();
        CscProfile profile = switch (connection.profile()) {
            case "bankid" -> CscProfile.BANKID;
            case "primesign" -> CscProfile.PRIMESIGN;
            default -> CscProfile.STANDARD;
        };
        LoopbackInteraction interaction = BrowserPresenter.interaction(authorization, err);
        CscClientConfig.Builder builder = CscClient.builder()
                .profile(profile)
                .baseUrl(cscUrl)
                .callTimeout(connection.deadline())
                .dpop(connection.dpop())
                .asynchronousSigning(connection.asyncSign);
        authorization.clientData().ifPresent(builder::clientData);
        authorization.lang().ifPresent(builder::lang);
        // the OAuth2 endpoints come from --token-url or from the service's info (CscClient discovers them)
        connection.tokenUrl().ifPresent(builder::tokenUrl);
        connection.scope().ifPresent(builder::scope);
        Optional<ConnectionOptions.Auth> auth = connection.auth(environment);
        CscClient client;
        try {
            client = builder.login(login(auth, connection, environment, authorization, interaction)).buildClient();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, Errors.firstLine(e.getMessage()), e);
        }
        if (auth.isEmpty()) {
            refuseMissingLogin(client);
        }
        return new CscSession(client, profile, connection, authorization, environment, interaction);
    }

    /** The login the options ask for, null for none; a wrong value is an IllegalArgumentException. */
    private static Login login(Optional<ConnectionOptions.Auth> auth, ConnectionOptions connection, Environment environment,
            AuthorizationOptions authorization, LoopbackInteraction interaction) {
        Login login = switch (auth.orElse(ConnectionOptions.Auth.NONE)) {
            case CLIENT_CREDENTIALS, CODE -> {
                String option = auth.get() == ConnectionOptions.Auth.CODE ? "code" : "client-credentials";
                String clientId = connection.clientId().orElseThrow(() -> CliException.usage(
                        "--auth " + option + " needs a client ID: use --client-id ID (or client-id in --config)"));
                ClientAuthentication clientAuthentication = clientAuthentication(connection, environment);
                yield (auth.get() == ConnectionOptions.Auth.CODE
                        ? Login.authorizationCode(clientId, clientAuthentication, interaction)
                        : Login.clientCredentials(clientId, clientAuthentication))
                        .withCodeSettings(authorization.codeSettings());
            }
            case TOKEN -> Login.token(connection.accessToken(environment).orElseThrow(() -> CliException.usage(
                    "--auth token needs an access token: set CSC_ACCESS_TOKEN or use --access-token-file FILE")));
            case BASIC -> {
                String username = connection.username(environment).orElseThrow(() -> CliException.usage(
                        "--auth basic needs a user name: set CSC_USERNAME or use --username USER"));
                String password = connection.password(environment).orElseThrow(() -> CliException.usage(
                        "--auth basic needs a password: set CSC_PASSWORD or use --password-file FILE"));
                yield Login.basic(username, password.toCharArray());
            }
            case NONE -> null; // no Authorization header at all
        };
        if (connection.dpopKey().isPresent()) {
            Path key = connection.dpopKey().get();
            requireReadable(key, "--dpop-key");
            if (login == null) {
                throw CliException.usage("--dpop-key needs a login: --client-id, --auth token or --auth basic");
            }
            login = login.withDpopKey(DpopKey.fromPem(key));
        }
        return login;
    }

    /** Nothing was given to log in with: fine unless the service's info says it needs a login. */
    private static void refuseMissingLogin(CscClient client) {
        boolean needsLogin;
        try {
            needsLogin = client.info().needsLogin();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        if (needsLogin) {
            List<String> types = client.info().authTypes();
            client.close();
            throw CliException.usage("the service needs a login (authType " + String.join(", ", types) + "): give "
                    + "--client-id (with CSC_CLIENT_SECRET), CSC_ACCESS_TOKEN or --access-token-file, or CSC_USERNAME "
                    + "and CSC_PASSWORD");
        }
    }

    private static ClientAuthentication clientAuthentication(ConnectionOptions connection, Environment environment) {
        Optional<Path> clientKey = connection.clientKey();
        if (clientKey.isPresent()) {
            Path key = clientKey.get();
            requireReadable(key, "--client-key");
            String name = key.getFileName().toString().toLowerCase(Locale.ROOT);
            try {
                if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                    char[] password = environment.variable("CSC_CLIENT_KEY_PASSWORD").orElse("").toCharArray();
                    return ClientAuthentication.privateKeyJwt(key, password, null);
                }
                return ClientAuthentication.privateKeyJwt(key);
            } catch (RuntimeException e) {
                throw new CliException(ExitCode.USAGE, "--client-key: cannot read a private key from " + key, e);
            }
        }
        String secret = connection.clientSecret(environment).orElseThrow(() -> CliException.usage(
                "no client secret: set CSC_CLIENT_SECRET, use --client-secret-file FILE, client-secret in --config, "
                        + "--client-key for private_key_jwt, or run on a terminal to be asked"));
        return ClientAuthentication.clientSecretBasic(secret);
    }

    static void requireReadable(Path file, String option) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.usage(option + ": cannot read " + file);
        }
    }

    CscClient client() {
        return client;
    }

    CscProfile profile() {
        return profile;
    }

    /** @return the credential infos (with chain and authInfo) of every credential of the client */
    List<CredentialInfo> credentials() {
        return new CredentialDiscovery(client).allDescribed();
    }

    /** @return the info of one credential (credentials/info for it alone, where the service has the method) */
    CredentialInfo credential(String id) {
        return new CredentialDiscovery(client).describe(CredentialId.of(id));
    }

    /**
     * How a credential is authorized, by {@code --authorize}: {@code auto} follows the profile (BankID:
     * no SAD) and the credential's {@code auth.mode} (explicit: PIN/OTP, implicit: credentials/authorize
     * without data, oauth2code: the browser flow); {@code none}, {@code pin}, {@code implicit},
     * {@code code} force one way.
     *
     * @param credential the credential that will sign
     * @param labels names the documents of a signHash call for RAR, may be null
     * @throws CliException exit 2 when a PIN is needed and no source has one
     */
    CredentialAuthorizer authorizer(CredentialInfo credential, Function<List<byte[]>, List<String>> labels) {
        CredentialAuthorizer.Kind kind = switch (authorization.authorize()) {
            case "auto" -> CredentialAuthorizer.kindFor(profile, credential);
            case "none" -> CredentialAuthorizer.Kind.NONE;
            case "implicit" -> CredentialAuthorizer.Kind.IMPLICIT;
            case "code" -> CredentialAuthorizer.Kind.OAUTH2_CODE;
            default -> CredentialAuthorizer.Kind.EXPLICIT;
        };
        return switch (kind) {
            case NONE -> CredentialAuthorizer.none();
            case IMPLICIT -> CredentialAuthorizer.implicit();
            case OAUTH2_CODE -> CredentialAuthorizer.oauth2Code(interaction, labels);
            case EXPLICIT -> pinAuthorizer(credential);
        };
    }

    /**
     * @param credential the credential that will sign
     * @return its authorizer, see {@link #authorizer(CredentialInfo, Function)}
     */
    CredentialAuthorizer authorizer(CredentialInfo credential) {
        return authorizer(credential, null);
    }

    private CredentialAuthorizer pinAuthorizer(CredentialInfo credential) {
        String label = credential.id().value();
        char[] pin = authorization.pin(environment, connection, label)
                .orElseThrow(() -> CliException.usage("credential " + label + " needs a PIN: set CSC_PIN, use "
                        + "--pin-file FILE or pin in --config (or run on a terminal to be asked)"))
                .toCharArray();
        return CredentialAuthorizer.explicit((id, object) -> {
            if ("PIN".equalsIgnoreCase(object.id())) {
                return pin.clone();
            }
            if ("OTP".equalsIgnoreCase(object.id())) {
                return authorization.otp(environment, label).map(String::toCharArray).orElseThrow(() ->
                        CliException.usage("credential " + label + " needs an OTP: run on a terminal to be asked"));
            }
            return null;
        });
    }

    /**
     * The DSS token over this client, limited to one credential when {@code credentialId} is given,
     * else the first credential.
     */
    CscSignatureToken token(String credentialId) {
        return token(credentialId, false);
    }

    /**
     * The DSS token over this client for one credential ({@code credentialId}, else the first one the
     * service lists), read with one credentials/info call. The token checks the credential before any
     * hash is sent (key, cert.status, validity; the leaf's OCSP/CRL when the service reports no status).
     *
     * @param offline no OCSP/CRL request of the leaf's status
     * @throws org.cscsign.csc.CscResponseException when the credential has no certificate chain (exit 3)
     */
    CscSignatureToken token(String credentialId, boolean offline) {
        return token(credentialId, offline, null);
    }

    /**
     * @param credentialId the credential, or null for the first
     * @param offline no OCSP/CRL request of the leaf's status
     * @param labels names the documents of each signHash call for RAR, may be null
     * @return the DSS token
     */
    CscSignatureToken token(String credentialId, boolean offline, Function<List<byte[]>, List<String>> labels) {
        String id = credentialId;
        if (id == null) {
            id = new CredentialDiscovery(client).first().map(CredentialId::value).orElseThrow(() ->
                    new CliException(ExitCode.REFUSED, "the service lists no credential for this client"));
        }
        CredentialInfo credential = CredentialDiscovery.requireCertificate(credential(id));
        token = CscSignatureToken.builder()
                .client(client)
                .authorizer(authorizer(credential, labels))
                .credential(credential)
                .leafStatusCheck(offline ? LeafStatusCheck.none() : LeafStatusCheck.online(Duration.ofSeconds(20)))
                .build();
        return token;
    }

    @Override
    public void close() {
        if (token != null) {
            token.close();
        }
        client.close();
    }
}
