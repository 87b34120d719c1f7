package org.cscsign.cli;

import org.cscsign.csc.CertificatesMode;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CredentialList;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.DpopKey;
import org.cscsign.csc.auth.LoopbackInteraction;
import org.cscsign.token.CscSignatureToken;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
        String clientId = connection.clientId();
        CscProfile profile = switch (connection.profile()) {
            case "bankid" -> CscProfile.BANKID;
            case "primesign" -> CscProfile.PRIMESIGN;
            default -> CscProfile.STANDARD;
        };
        ClientAuthentication authentication = clientAuthentication(connection, environment);
        LoopbackInteraction interaction = BrowserPresenter.interaction(authorization, err);
        CscClientConfig.Builder builder = CscClient.builder()
                .profile(profile)
                .baseUrl(cscUrl)
                .clientCredentials(clientId, authentication)
                .dpop(connection.dpop())
                .authorizationCode(authorization.codeSettings());
        // the OAuth2 endpoints come from --token-url or the service's info (CscClient discovers them)
        connection.tokenUrl().ifPresent(builder::tokenUrl);
        connection.scope().ifPresent(builder::scope);
        authorization.clientData().ifPresent(builder::clientData);
        authorization.lang().ifPresent(builder::lang);
        if (connection.auth().equals("code")) {
            builder.serviceLogin(interaction);
        }
        connection.dpopKey().ifPresent(key -> {
            requireReadable(key, "--dpop-key");
            builder.dpopKey(DpopKey.fromPem(key));
        });
        try {
            return new CscSession(builder.buildClient(), profile, connection, authorization, environment, interaction);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, Errors.firstLine(e.getMessage()), e);
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
                        + "or --client-key for private_key_jwt"));
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

    /** @return the credential infos (with chain, certInfo, authInfo) of every credential of the client */
    List<CredentialInfo> credentials() {
        CredentialList list = client.listCredentials(ListRequest.withInfos());
        if (!list.credentialInfos().isEmpty() || list.credentialIds().isEmpty()
                || !client.info().supports("credentials/info")) {
            return list.credentialInfos();
        }
        // a service that ignores credentialInfo=true: ask for each credential
        return list.credentialIds().stream()
                .map(id -> client.credentialInfo(id, CertificatesMode.CHAIN, true, true))
                .toList();
    }

    /** @return the info of one credential, found through credentials/list (served by every profile) */
    CredentialInfo credential(String id) {
        return credentials().stream().filter(c -> c.id().value().equals(id)).findFirst()
                .orElseThrow(() -> CliException.usage("no credential '" + id + "' at this service (see `cscsign credentials`)"));
    }

    /**
     * How a credential is authorized, by {@code --authorize}: {@code auto} follows the profile (BankID:
     * no SAD) and the credential's {@code auth.mode} (explicit: PIN/OTP, oauth2code: the browser flow,
     * implicit); {@code none}, {@code pin}, {@code code} force one way.
     *
     * @param credential the credential that will sign
     * @param labels names the documents of a signHash call for RAR, may be null
     * @throws CliException exit 2 when a PIN is needed and no source has one
     */
    CredentialAuthorizer authorizer(CredentialInfo credential, Function<List<byte[]>, List<String>> labels) {
        String mode = authorization.authorize();
        if (mode.equals("auto")) {
            if (!profile.usesSad()) {
                return CredentialAuthorizer.none();
            }
            String authMode = credential.authInfo().map(a -> a.mode().toLowerCase(Locale.ROOT)).orElse("explicit");
            mode = switch (authMode) {
                case "oauth2code" -> "code";
                case "implicit" -> "implicit";
                default -> "pin";
            };
        }
        return switch (mode) {
            case "none" -> CredentialAuthorizer.none();
            case "code" -> CredentialAuthorizer.oauth2Code(interaction, labels);
            case "implicit" -> throw CliException.usage("credential " + credential.id().value()
                    + " uses implicit authorization, which this version of cscsign does not support yet");
            default -> pinAuthorizer(credential);
        };
    }

    /** @see #authorizer(CredentialInfo, Function) */
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
     * Labels for the documents of a batch, in the order they are signed: each signHash call takes the
     * next names (RAR {@code documentDigests[].label}).
     *
     * @param names the file names, in the order of the batch
     * @return the labeller; null (default labels) for a call that does not fit
     */
    static Function<List<byte[]>, List<String>> sequentialLabels(List<String> names) {
        AtomicInteger next = new AtomicInteger();
        return hashes -> {
            int from = next.getAndAdd(hashes.size());
            return from + hashes.size() <= names.size() ? List.copyOf(names.subList(from, from + hashes.size())) : null;
        };
    }

    /**
     * The DSS token over this client, limited to one credential when {@code credentialId} is given,
     * else the first credential.
     */
    CscSignatureToken token(String credentialId) {
        return token(credentialId, null);
    }

    /**
     * @param credentialId the credential, or null for the first
     * @param labels names the documents of each signHash call for RAR, may be null
     * @return the DSS token
     */
    CscSignatureToken token(String credentialId, Function<List<byte[]>, List<String>> labels) {
        CredentialInfo credential = credentialId != null ? credential(credentialId)
                : credentials().stream().findFirst().orElseThrow(() ->
                        new CliException(ExitCode.REFUSED, "the service lists no credential for this client"));
        refuseUnusable(credential);
        token = CscSignatureToken.builder()
                .client(client)
                .authorizer(authorizer(credential, labels))
                .credentialIds(credential.id().value())
                .build();
        return token;
    }

    /**
     * A credential whose certificate the service itself reports as revoked or expired cannot make a
     * valid signature: refuse (exit 1) before any hash is sent.
     */
    static void refuseUnusable(CredentialInfo credential) {
        String status = credential.cert().status();
        if (status != null && !status.equalsIgnoreCase("valid")) {
            throw new CliException(ExitCode.REFUSED, "credential " + credential.id().value()
                    + " cannot sign: the service reports its certificate as " + status.toLowerCase(Locale.ROOT));
        }
        if (!credential.key().enabled()) {
            throw new CliException(ExitCode.REFUSED, "credential " + credential.id().value()
                    + " cannot sign: its key is " + credential.key().status());
        }
    }

    @Override
    public void close() {
        if (token != null) {
            token.close();
        }
        client.close();
    }
}
