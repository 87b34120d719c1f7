package org.cscsign.csc.auth;

import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscAuthorizationException;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.Sad;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a credential is authorized for a batch of hashes before {@code signatures/signHash}: explicit
 * PIN/OTP through {@code credentials/authorize}, implicit ({@code credentials/authorize} without
 * authentication data), nothing at all (BankID B2B: the credential belongs to
 * the client), or a SAD obtained elsewhere (e.g. a token with scope {@code credential} from the OAuth2
 * authorization-code flow, which is used as SAD).
 */
@FunctionalInterface
public interface CredentialAuthorizer {

    /**
     * @param client the client to call {@code credentials/authorize} (or {@code sendOTP}) with
     * @param credential the credential's info (SCAL, auth objects)
     * @param hashes the hashes of the next signHash call (bound at SCAL 2)
     * @param hashAlgorithm their algorithm
     * @return the SAD to send, or empty to send none
     */
    Optional<Sad> authorize(CscClient client, CredentialInfo credential, List<byte[]> hashes, HashAlgorithm hashAlgorithm);

    /** @return no authorization, no SAD (BankID B2B, or a token that itself carries scope {@code credential}) */
    static CredentialAuthorizer none() {
        return (client, credential, hashes, alg) -> Optional.empty();
    }

    /**
     * A SAD obtained outside this client (e.g. a {@code credential}-scope access token used as SAD).
     *
     * @param sad the SAD value (secret)
     * @param expiresAt when it expires
     * @return an authorizer that always sends it
     */
    static CredentialAuthorizer givenSad(String sad, Instant expiresAt) {
        Objects.requireNonNull(sad, "sad");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return (client, credential, hashes, alg) -> Optional.of(
                new Sad(sad, credential.id(), expiresAt, hashes.size(), List.of()));
    }

    /**
     * Explicit authorization ({@code auth.mode} explicit): for each chunk, asks the callback for the PIN
     * and, when the credential requires one, the OTP (calling {@code credentials/sendOTP} first for an
     * online OTP), then calls {@code credentials/authorize} for exactly that many signatures (with the
     * hashes at SCAL 2).
     *
     * @param callback supplies PIN and OTP
     * @return the authorizer
     */
    static CredentialAuthorizer explicit(AuthDataCallback callback) {
        Objects.requireNonNull(callback, "callback");
        return (client, credential, hashes, alg) -> {
            CredentialInfo.Auth auth = credential.authInfo().orElse(new CredentialInfo.Auth("explicit", "PIN",
                    List.of(new CredentialInfo.AuthObject("Password", "PIN", null, "PIN", null, null))));
            if (!auth.explicit()) {
                throw new CscAuthorizationException("credentials/authorize", 0, null, null, "credential "
                        + credential.id() + " uses auth mode '" + auth.mode() + "', not explicit PIN/OTP", null);
            }
            Map<String, char[]> data = new LinkedHashMap<>();
            List<CredentialInfo.AuthObject> objects = auth.objects().isEmpty()
                    ? List.of(new CredentialInfo.AuthObject("Password", "PIN", null, "PIN", null, null))
                    : auth.objects();
            for (CredentialInfo.AuthObject o : objects) {
                boolean otp = "OTP".equalsIgnoreCase(o.id());
                if (otp && !auth.requiresOtp()) {
                    continue;
                }
                if (otp && o.online()) {
                    client.sendOtp(credential.id());
                }
                char[] value = callback.provide(credential.id(), o);
                if (value == null && o.optional()) {
                    continue; // v1 presence "optional": the service authorizes without it
                }
                if (value == null) {
                    throw new CscAuthorizationException("credentials/authorize", 0, null, null,
                            "no " + o.id() + " was given for credential " + credential.id(), null);
                }
                data.put(o.id(), value);
            }
            List<byte[]> bound = credential.scal() == 2 ? hashes : List.of();
            return Optional.of(client.authorize(credential.id(), hashes.size(), bound, alg, data));
        };
    }

    /**
     * Implicit authorization ({@code auth.mode} implicit): for each chunk, {@code credentials/authorize}
     * with {@code numSignatures} and, at SCAL 2, the hashes, and no PIN or OTP (the service authorizes
     * by itself, possibly asynchronously: a 202 answer is polled with {@code credentials/authorizeCheck}).
     *
     * @return the authorizer
     */
    static CredentialAuthorizer implicit() {
        return (client, credential, hashes, alg) -> {
            List<byte[]> bound = credential.scal() == 2 ? hashes : List.of();
            return Optional.of(client.authorize(credential.id(), hashes.size(), bound, alg, Map.of()));
        };
    }

    /**
     * Explicit authorization with a fixed PIN and no OTP (SCAL 1 services).
     *
     * @param pin the PIN
     * @return the authorizer
     */
    static CredentialAuthorizer pin(char[] pin) {
        char[] copy = pin.clone();
        return explicit((id, object) -> "PIN".equalsIgnoreCase(object.id()) ? copy.clone() : null);
    }

}
