package org.cscsign.csc.auth;

import org.cscsign.csc.AccessTokenSource;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.ServiceLogin;

import java.util.Objects;

/**
 * The ways cscsign logs a {@link CscClient} in to a CSC service, for
 * {@link CscClientConfig.Builder#login(ServiceLogin)}: OAuth2 {@code client_credentials}, the
 * authorization-code flow (the user approves in the browser), CSC v1 {@code auth/login} with HTTP
 * Basic, or a token obtained elsewhere. DPoP is used when the client's configuration turns it on
 * ({@link CscClientConfig#dpop()}, e.g. the BankID profile) or a key is given here; the key then binds
 * the tokens of the login and signs the proofs of every CSC call. Immutable; {@link #toString()} shows
 * no secret.
 *
 * <pre>{@code
 * CscClient client = CscClient.builder().baseUrl(url)
 *         .login(Login.clientCredentials(clientId, ClientAuthentication.clientSecretBasic(secret)))
 *         .buildClient();
 * }</pre>
 */
public final class Login implements ServiceLogin {

    private enum Kind { CLIENT_CREDENTIALS, AUTHORIZATION_CODE, BASIC, TOKEN }

    private final Kind kind;
    private final String clientId;
    private final ClientAuthentication authentication;
    private final LoopbackInteraction interaction;
    private final String username;
    private final char[] password;
    private final String token;
    private final DpopKey dpopKey;
    private final AuthorizationCodeSettings codeSettings;

    private Login(Kind kind, String clientId, ClientAuthentication authentication, LoopbackInteraction interaction,
                  String username, char[] password, String token, DpopKey dpopKey, AuthorizationCodeSettings codeSettings) {
        this.kind = kind;
        this.clientId = clientId;
        this.authentication = authentication;
        this.interaction = interaction;
        this.username = username;
        this.password = password;
        this.token = token;
        this.dpopKey = dpopKey;
        this.codeSettings = Objects.requireNonNull(codeSettings, "codeSettings");
    }

    /**
     * OAuth2 {@code client_credentials} at the token endpoint ({@link CscClientConfig#tokenUrl()}, else
     * discovered from {@code info}) with the configured scope. The client may also run the
     * authorization-code flow for credentials ({@link AuthorizationCodeFlow#of(CscClient)}).
     *
     * @param clientId the OAuth2 client id
     * @param authentication how the client authenticates at the token endpoint
     * @return the login
     * @throws IllegalArgumentException when the client id is blank or the authentication missing
     */
    public static Login clientCredentials(String clientId, ClientAuthentication authentication) {
        requireClientId(clientId);
        if (authentication == null) {
            throw new IllegalArgumentException("clientAuthentication is required with clientId");
        }
        return new Login(Kind.CLIENT_CREDENTIALS, clientId, authentication, null, null, null, null, null,
                AuthorizationCodeSettings.DEFAULT);
    }

    /**
     * The service token (scope {@code service}) from the authorization-code flow, the user approving in the
     * browser once; it is refreshed with the refresh token while there is one.
     *
     * @param clientId the OAuth2 client id
     * @param authentication the client authentication, null for a public client (PKCE only)
     * @param interaction how the user is taken through the browser
     * @return the login
     * @throws IllegalArgumentException when the client id is blank or the interaction missing
     */
    public static Login authorizationCode(String clientId, ClientAuthentication authentication,
                                          LoopbackInteraction interaction) {
        requireClientId(clientId);
        if (interaction == null) {
            throw new IllegalArgumentException("the authorization-code login needs a LoopbackInteraction");
        }
        return new Login(Kind.AUTHORIZATION_CODE, clientId, authentication, interaction, null, null, null, null,
                AuthorizationCodeSettings.DEFAULT);
    }

    /**
     * CSC v1 {@code auth/login} with HTTP Basic (for services whose {@code info.authType} offers
     * {@code basic}); the token is revoked ({@code auth/revoke}) when the client is closed.
     *
     * @param username the user name
     * @param password the password (copied; secret)
     * @return the login
     * @throws IllegalArgumentException when the user name is blank or the password missing
     */
    public static Login basic(String username, char[] password) {
        if (username == null || username.isBlank() || password == null) {
            throw new IllegalArgumentException("basicLogin needs a user name and a password");
        }
        return new Login(Kind.BASIC, null, null, null, username, password.clone(), null, null,
                AuthorizationCodeSettings.DEFAULT);
    }

    /**
     * A token obtained elsewhere, sent as it is and never refreshed ({@code DPoP} when the configuration
     * turns DPoP on, which needs the key the token is bound to: {@link #withDpopKey}).
     *
     * @param accessToken the token (secret)
     * @return the login
     * @throws IllegalArgumentException when the token is blank
     */
    public static Login token(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        return new Login(Kind.TOKEN, null, null, null, null, null, accessToken, null, AuthorizationCodeSettings.DEFAULT);
    }

    /**
     * @param key the DPoP key (turns DPoP on for this login)
     * @return this login with that key
     */
    public Login withDpopKey(DpopKey key) {
        return new Login(kind, clientId, authentication, interaction, username, password, token, key, codeSettings);
    }

    /**
     * @param settings how the authorization-code flow of this client runs: PAR, RAR, {@code account_token}
     * @return this login with them
     * @throws IllegalArgumentException for a login without a client id (basic, token), which has no such flow
     */
    public Login withCodeSettings(AuthorizationCodeSettings settings) {
        if (clientId == null) {
            throw new IllegalArgumentException("authorization-code settings need a login with a client id");
        }
        return new Login(kind, clientId, authentication, interaction, username, password, token, dpopKey,
                Objects.requireNonNull(settings, "settings"));
    }

    /** @return the OAuth2 client id, if this login has one */
    public java.util.Optional<String> clientId() {
        return java.util.Optional.ofNullable(clientId);
    }

    /** @return how the authorization-code flow of this client runs */
    public AuthorizationCodeSettings codeSettings() {
        return codeSettings;
    }

    /**
     * Opens this login for one client (no remote call).
     *
     * @param context the client and its HTTP client
     * @return the client's {@link LoginSession}
     */
    @Override
    public LoginSession open(Context context) {
        CscClientConfig config = context.config();
        DpopSession dpop = dpopKey != null || config.dpop()
                ? new DpopSession(dpopKey != null ? dpopKey : DpopKey.generate(), config.clock()) : null;
        OAuth2ClientSettings oauth2 = clientId == null ? null
                : new OAuth2ClientSettings(context.http(), clientId, authentication, dpop, config.clock(),
                        config.userAgent(), config.maxResponseBytes());
        return new LoginSession(context.client(), oauth2, dpop, codeSettings, session -> switch (kind) {
            case CLIENT_CREDENTIALS -> ClientCredentialsTokenSource.builder().client(oauth2)
                    .tokenUrl(tokenUrl(context)).scope(config.scope().orElse(null)).build();
            case AUTHORIZATION_CODE -> new AuthorizationCodeTokenSource(session::authorizationCodeFlow, interaction,
                    config.clock());
            case BASIC -> basicSource(context);
            case TOKEN -> AccessTokenSource.fixed(token, dpop != null ? "DPoP" : "Bearer");
        });
    }

    /** A configured token URL needs no {@code info} call; otherwise the client discovers the endpoints. */
    private static java.util.function.Supplier<java.net.URI> tokenUrl(Context context) {
        java.util.Optional<java.net.URI> configured = context.config().tokenUrl();
        return configured.isPresent() ? configured::get : () -> context.client().oauth2Endpoints().token();
    }

    private AccessTokenSource basicSource(Context context) {
        CscClientConfig config = context.config();
        return new BasicLoginTokenSource(context.http(), config.baseUrl(), username, password, config.clock(),
                config.userAgent());
    }

    private static void requireClientId(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
    }

    @Override
    public String toString() {
        String dpop = dpopKey != null ? ", " + dpopKey : "";
        return switch (kind) {
            case CLIENT_CREDENTIALS -> "client_credentials(" + clientId + ", " + authentication + dpop + ")";
            case AUTHORIZATION_CODE -> "authorization_code(" + clientId + dpop + ")";
            case BASIC -> "auth/login(" + username + ")";
            case TOKEN -> "fixed token" + (dpopKey != null ? "(" + dpopKey + ")" : "");
        };
    }
}
