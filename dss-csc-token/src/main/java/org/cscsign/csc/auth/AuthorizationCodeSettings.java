package org.cscsign.csc.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * How the OAuth2 authorization-code flow talks to a service beyond RFC 6749: whether requests are
 * pushed first ({@link ParMode}), whether credential authorizations go as RAR
 * {@code authorization_details}, and primesign's {@code account_token} (a fresh JWT per request naming
 * the account so the signer skips account selection; see {@link AccountToken}). The {@code clientData}
 * and {@code lang} of the client's configuration go with every request too. Immutable.
 *
 * @param parMode PAR never, if supported, or required
 * @param rar whether credential authorizations use {@code authorization_details}
 * @param accountId the account for {@code account_token}, null for none
 * @param accountTokenIssuer the {@code iss} of the {@code account_token} (the integrating software)
 * @param unsignedAccountToken whether the {@code account_token} is sent with {@code alg: none}
 *                             (only where the service is configured so); otherwise HS256 keyed with the
 *                             SHA-256 of the client secret
 */
public record AuthorizationCodeSettings(ParMode parMode, boolean rar, String accountId, String accountTokenIssuer,
                                        boolean unsignedAccountToken) {

    /** PAR if the server supports it, CSC parameters (no RAR), no {@code account_token}. */
    public static final AuthorizationCodeSettings DEFAULT =
            new AuthorizationCodeSettings(ParMode.IF_SUPPORTED, false, null, "cscsign", false);

    /**
     * Checks the fields.
     *
     * @param parMode PAR never, if supported, or required
     * @param rar whether credential authorizations use {@code authorization_details}
     * @param accountId the account for {@code account_token}, null for none
     * @param accountTokenIssuer the {@code iss} of the {@code account_token} (the integrating software)
     * @param unsignedAccountToken whether the {@code account_token} is sent with {@code alg: none}
     *     (only where the service is configured so); otherwise HS256 keyed with the
     *     SHA-256 of the client secret
     */
    public AuthorizationCodeSettings {
        Objects.requireNonNull(parMode, "parMode");
        Objects.requireNonNull(accountTokenIssuer, "accountTokenIssuer");
        if (accountId != null && accountId.isBlank()) {
            throw new IllegalArgumentException("accountId must not be blank");
        }
    }

    /**
     * @param mode the PAR mode
     * @return these settings with it
     */
    public AuthorizationCodeSettings withParMode(ParMode mode) {
        return new AuthorizationCodeSettings(mode, rar, accountId, accountTokenIssuer, unsignedAccountToken);
    }

    /**
     * @param on whether credential authorizations go as RAR {@code authorization_details}
     * @return these settings with it
     */
    public AuthorizationCodeSettings withRar(boolean on) {
        return new AuthorizationCodeSettings(parMode, on, accountId, accountTokenIssuer, unsignedAccountToken);
    }

    /**
     * @param id the account ID ({@code sub} of the {@code account_token}), null for none
     * @return these settings with it
     */
    public AuthorizationCodeSettings withAccountId(String id) {
        return new AuthorizationCodeSettings(parMode, rar, id, accountTokenIssuer, unsignedAccountToken);
    }

    /**
     * @param issuer the {@code iss} of the {@code account_token}
     * @param unsigned whether to send it with {@code alg: none}
     * @return these settings with them
     */
    public AuthorizationCodeSettings withAccountTokenIssuer(String issuer, boolean unsigned) {
        return new AuthorizationCodeSettings(parMode, rar, accountId, issuer, unsigned);
    }

    /** @return the account ID, if an {@code account_token} is sent */
    public Optional<String> account() {
        return Optional.ofNullable(accountId);
    }
}
