package org.cscsign.csc.auth;

import org.cscsign.csc.AuthMode;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscAuthorizationException;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscProfile;
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

    /**
     * Called once the signHash call a SAD was given for is over (whether it succeeded or not), so an
     * authorizer can revoke what it obtained. Best effort: it must not throw.
     *
     * @param client the client
     * @param sad the SAD this authorizer returned
     */
    default void release(CscClient client, Sad sad) {
    }

    /** The ways a credential is authorized before signHash, one factory of this interface each. */
    enum Kind {
        /** No SAD at all ({@link #none()}): the service's profile signs without one (BankID B2B). */
        NONE,
        /** PIN and, when required, OTP ({@link #explicit}). */
        EXPLICIT,
        /** {@code credentials/authorize} without authentication data ({@link #implicit()}). */
        IMPLICIT,
        /** The OAuth2 authorization-code flow in a browser ({@link #oauth2Code}). */
        OAUTH2_CODE
    }

    /**
     * The rule for "authorize as the service says": a profile that uses no SAD (BankID) needs none;
     * otherwise the credential's {@code auth.mode} decides ({@code explicit} or absent: PIN/OTP,
     * {@code implicit}, {@code oauth2code}: the browser flow).
     *
     * @param profile the service's profile
     * @param credential the credential's info
     * @return how to authorize it
     */
    static Kind kindFor(CscProfile profile, CredentialInfo credential) {
        if (!profile.usesSad()) {
            return Kind.NONE;
        }
        return switch (credential.authInfo().map(CredentialInfo.Auth::authMode).orElse(AuthMode.EXPLICIT)) {
            case OAUTH2CODE -> Kind.OAUTH2_CODE;
            case IMPLICIT -> Kind.IMPLICIT;
            default -> Kind.EXPLICIT;
        };
    }

    /**
     * The OAuth2 authorization-code flow ({@code auth.mode} {@code oauth2code}, e.g. primesign): for each
     * signHash call, one approval in the browser covering all of its hashes (scope {@code credential}
     * with {@code numSignatures} = their count and the hashes, or RAR {@code authorization_details} when
     * the login's {@link AuthorizationCodeSettings#rar()} is on), the code exchanged for a
     * credential-scope token that is sent as the SAD and can only be used for those hashes, and revoked
     * after the call.
     *
     * @param interaction how the user is taken through the browser (loopback port, presenter, timeout)
     * @param labels names the documents for RAR ({@code label} of each {@code documentDigests} entry):
     *               given the hashes of a call, one label per hash; null for "document 1..n"
     * @return the authorizer
     */
    static CredentialAuthorizer oauth2Code(LoopbackInteraction interaction,
                                           java.util.function.Function<List<byte[]>, List<String>> labels) {
        Objects.requireNonNull(interaction, "interaction");
        return new CredentialAuthorizer() {
            @Override
            public Optional<Sad> authorize(CscClient client, CredentialInfo credential, List<byte[]> hashes,
                                           HashAlgorithm hashAlgorithm) {
                AuthorizationCodeFlow flow = AuthorizationCodeFlow.of(client);
                AuthorizationRequest request = AuthorizationRequest.credential(credential.id(), hashes, hashAlgorithm)
                        .withSignatureQualifier(credential.signatureQualifier());
                if (flow.settings().rar()) {
                    List<String> names = labels == null ? null : labels.apply(hashes);
                    if (names == null) {
                        names = new java.util.ArrayList<>();
                        for (int i = 1; i <= hashes.size(); i++) {
                            names.add("document " + i + " of " + hashes.size());
                        }
                    }
                    request = request.withRar(names);
                }
                return Optional.of(flow.authorize(request, interaction).asSad());
            }

            @Override
            public void release(CscClient client, Sad sad) {
                AuthorizationCodeFlow.of(client).revoke(sad.value(), "access_token");
            }

            @Override
            public String toString() {
                return "CredentialAuthorizer.oauth2Code[" + interaction + "]";
            }
        };
    }

    /**
     * Document labels for {@link #oauth2Code} when a batch signs documents in a known order (as
     * {@code DocumentSigner} does): each authorization takes the next names, one per hash.
     *
     * @param names the document names (e.g. file names) in the order they are signed
     * @return the labeller; it answers null (default labels) for a call that goes beyond the names
     */
    static java.util.function.Function<List<byte[]>, List<String>> labelsInOrder(List<String> names) {
        List<String> all = List.copyOf(names);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        return hashes -> {
            int from = next.getAndAdd(hashes.size());
            return from + hashes.size() <= all.size() ? all.subList(from, from + hashes.size()) : null;
        };
    }

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
