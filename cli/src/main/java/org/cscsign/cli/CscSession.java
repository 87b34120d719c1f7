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
import org.cscsign.token.CscSignatureToken;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    private CscSignatureToken token;

    private CscSession(CscClient client, CscProfile profile, ConnectionOptions connection,
            AuthorizationOptions authorization, Environment environment) {
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
        URI tokenUrl = connection.tokenUrl().orElseGet(() -> RawInfo.fetch(cscUrl).defaultTokenUrl()
                .orElseThrow(() -> CliException.usage("the service's info names no oauth2 base: give --token-url")));
        CscClientConfig.Builder builder = CscClient.builder()
                .profile(profile)
                .baseUrl(cscUrl)
                .clientCredentials(clientId, authentication)
                .tokenUrl(tokenUrl)
                .dpop(connection.dpop());
        connection.scope().ifPresent(builder::scope);
        connection.dpopKey().ifPresent(key -> {
            requireReadable(key, "--dpop-key");
            builder.dpopKey(DpopKey.fromPem(key));
        });
        try {
            return new CscSession(builder.buildClient(), profile, connection, authorization, environment);
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
     * How credentials are authorized: BankID needs no SAD; otherwise explicit PIN (and OTP at SCAL 2)
     * from --pin-file, CSC_PIN, --config or the terminal.
     *
     * @param credential the credential that will sign
     * @throws CliException exit 2 when a PIN is needed and no source has one
     */
    CredentialAuthorizer authorizer(CredentialInfo credential) {
        if (!profile.usesSad()) {
            return CredentialAuthorizer.none();
        }
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
        CredentialInfo credential = credentialId != null ? credential(credentialId)
                : credentials().stream().findFirst().orElseThrow(() ->
                        new CliException(ExitCode.REFUSED, "the service lists no credential for this client"));
        refuseUnusable(credential);
        token = CscSignatureToken.builder()
                .client(client)
                .authorizer(authorizer(credential))
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
