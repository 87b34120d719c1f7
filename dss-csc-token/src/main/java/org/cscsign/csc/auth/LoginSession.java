package org.cscsign.csc.auth;

import org.cscsign.csc.AccessToken;
import org.cscsign.csc.AccessTokenSource;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.DpopProofs;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link Login} opened for one {@link CscClient}: the client's token source (whatever the login's
 * grant), its DPoP session shared by the token endpoint and the CSC calls, and, where the login has a
 * client id, the client's authorization-code flow (created once). The client closes it. Thread-safe.
 */
public final class LoginSession implements AccessTokenSource {

    private final CscClient client;
    private final OAuth2ClientSettings oauth2;
    private final DpopSession dpop;
    private final AuthorizationCodeSettings codeSettings;
    private final AccessTokenSource source;
    private volatile AuthorizationCodeFlow codeFlow;

    LoginSession(CscClient client, OAuth2ClientSettings oauth2, DpopSession dpop, AuthorizationCodeSettings codeSettings,
                 Function<LoginSession, AccessTokenSource> source) {
        this.client = Objects.requireNonNull(client, "client");
        this.oauth2 = oauth2;
        this.dpop = dpop;
        this.codeSettings = codeSettings;
        this.source = source.apply(this);
    }

    /**
     * @param client a client configured with a {@link Login}
     * @return its login session
     * @throws IllegalStateException when the client was configured without a {@link Login}
     */
    public static LoginSession of(CscClient client) {
        if (client.accessTokenSource() instanceof LoginSession s) {
            return s;
        }
        throw new IllegalStateException("the client was not configured with a Login (CscClientConfig.Builder.login)");
    }

    @Override
    public AccessToken token() {
        return source.token();
    }

    @Override
    public boolean invalidate(AccessToken rejected) {
        return source.invalidate(rejected);
    }

    @Override
    public Optional<DpopProofs> dpop() {
        return Optional.ofNullable(dpop);
    }

    /** @return the DPoP key in use, if DPoP is on */
    public Optional<DpopKey> dpopKey() {
        return Optional.ofNullable(dpop).map(DpopSession::key);
    }

    /**
     * @return the grant's token source ({@link ClientCredentialsTokenSource}, {@link AuthorizationCodeTokenSource},
     *     {@link BasicLoginTokenSource} or a fixed token), for diagnostics
     */
    public AccessTokenSource source() {
        return source;
    }

    /** @return how many tokens the login has obtained (0 for a fixed token), for diagnostics and tests */
    public int tokensFetched() {
        return source instanceof CachingTokenSource c ? c.tokensFetched() : 0;
    }

    /**
     * The OAuth2 authorization-code flow of this client: its endpoints ({@link CscClient#oauth2Endpoints()}),
     * the login's client id, authentication, DPoP key and {@link Login#withCodeSettings settings}, and the
     * configuration's API version, {@code clientData} and {@code lang}. Its HTTP calls have the
     * configured read timeout as deadline.
     *
     * @return the flow (created once)
     * @throws IllegalStateException when the login has no client id (basic, fixed token)
     */
    public AuthorizationCodeFlow authorizationCodeFlow() {
        AuthorizationCodeFlow f = codeFlow;
        if (f != null) {
            return f;
        }
        if (oauth2 == null) {
            throw new IllegalStateException("the authorization-code flow needs a login with a client id");
        }
        synchronized (this) {
            if (codeFlow == null) {
                CscClientConfig config = client.config();
                codeFlow = AuthorizationCodeFlow.builder()
                        .client(oauth2.withHttp(oauth2.http().newBuilder()
                                .callTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS).build()))
                        .endpoints(client::oauth2Endpoints).apiVersion(config.apiVersion()).settings(codeSettings)
                        .clientData(config.clientData().orElse(null)).lang(config.lang().orElse(null)).build();
            }
            return codeFlow;
        }
    }

    /**
     * Closes the grant's source (CSC v1: {@code auth/revoke} and the password forgotten).
     *
     * @throws org.cscsign.csc.CscException when the service refuses to end the session
     */
    @Override
    public void close() {
        source.close();
    }

    @Override
    public String toString() {
        return "LoginSession[" + source + "]";
    }
}
