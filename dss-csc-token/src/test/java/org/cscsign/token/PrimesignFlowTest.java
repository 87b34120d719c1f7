package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.Digest;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.OAuth2Endpoints;
import org.cscsign.csc.Sad;
import org.cscsign.csc.SadUsageException;
import org.cscsign.csc.SignHashRequest;
import org.cscsign.csc.auth.AuthorizationCodeFlow;
import org.cscsign.csc.auth.AuthorizationCodeSettings;
import org.cscsign.csc.auth.AuthorizationCodeTokenSource;
import org.cscsign.csc.auth.AuthorizationDeniedException;
import org.cscsign.csc.auth.AuthorizationFlowException;
import org.cscsign.csc.auth.AuthorizationRequest;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.csc.auth.LoginSession;
import org.cscsign.csc.auth.LoopbackInteraction;
import org.cscsign.csc.auth.LoopbackReceiver;
import org.cscsign.csc.auth.OAuth2Tokens;
import org.cscsign.csc.auth.ParMode;
import org.cscsign.csc.auth.PendingAuthorization;
import org.cscsign.sandbox.ParPolicy;
import org.cscsign.sandbox.Profile;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.Stats;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The authorization-code flow of the library against the sandbox's primesign profile over real HTTP:
 * the authorization server is found only through {@code info.oauth2Issuer} metadata (a Keycloak-like
 * realm), the consent page is answered by {@link ConsentDriver}, and the credential-scope token is the
 * SAD of signHash. v1 and v2, with and without PAR, RAR, account_token; each refusal.
 */
class PrimesignFlowTest {

    @RegisterExtension
    static SandboxExtension primesign = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN));
    @RegisterExtension
    static SandboxExtension withoutPar = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN).par(ParPolicy.ABSENT));

    private final ConsentDriver browser = new ConsentDriver();

    @BeforeEach
    void resetCounters() {
        primesign.get().stats().reset();
        withoutPar.get().stats().reset();
    }

    private static CscClientConfig.Builder config(Sandbox s, URI base, AuthorizationCodeSettings settings) {
        return CscClientConfig.builder().profile(CscProfile.PRIMESIGN).baseUrl(base)
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret()))
                        .withCodeSettings(settings));
    }

    /** A loopback interaction whose "user" approves (or denies) with the sandbox PIN. */
    private LoopbackInteraction user(Sandbox s, boolean approve, List<URI> shown) {
        return new LoopbackInteraction(0, Duration.ofSeconds(60), uri -> {
            shown.add(uri);
            browser.consent(uri, s.pin(), approve, true);
        });
    }

    private static List<Digest> digests(int n) throws Exception {
        List<Digest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256",
                    ("document " + i).getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    private static long count(Sandbox s, String counter) {
        return s.stats().count(counter);
    }

    private static String signHashPath(URI base) {
        return base.getPath() + "/signatures/signHash";
    }

    private SignedBatch signFive(Sandbox s, URI base, AuthorizationCodeSettings settings, List<URI> shown,
                                 boolean approve) throws Exception {
        try (CscClient client = config(s, base, settings).buildClient();
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(CredentialAuthorizer.oauth2Code(user(s, approve, shown),
                             hashes -> hashes.stream().map(h -> "doc-" + hashes.indexOf(h) + ".pdf").toList()))
                     .credentialIds("rsa2048").build()) {
            return token.signDigests(digests(5), SignatureAlgorithm.RSA_SHA256, token.getKey("rsa2048"));
        }
    }

    @Test
    void authorizationServerIsFoundThroughIssuerMetadataNotCscPaths() {
        Sandbox s = primesign.get();
        try (CscClient client = config(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT).buildClient()) {
            OAuth2Endpoints e = client.oauth2Endpoints();
            assertThat(e.issuer()).isEqualTo(s.issuerUrl());
            assertThat(e.authorization()).isEqualTo(s.authorizeUrl());
            assertThat(e.token()).isEqualTo(s.tokenUrl());
            assertThat(e.par()).hasValue(s.parUrl());
            assertThat(e.authorization().getPath()).doesNotContain("/oauth2/");
        }
    }

    @Test
    void oneApprovalCoversOneSignHashCallWithAllItsHashesAndTheTokenIsRevokedAfter() throws Exception {
        Sandbox s = primesign.get();
        List<URI> shown = new ArrayList<>();
        SignedBatch batch = signFive(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT, shown, true);

        assertThat(batch.signatureValues()).hasSize(5);
        assertThat(batch.signHashCalls()).isEqualTo(1);
        assertThat(shown).hasSize(1);
        assertThat(s.stats().count(signHashPath(s.cscUrl()))).isEqualTo(1);
        assertThat(count(s, "oauth:consent:approved")).isEqualTo(1);
        assertThat(count(s, "oauth:codes:redeemed")).isEqualTo(1);
        assertThat(count(s, "signHash:sad:token-as-sad")).isEqualTo(1);
        assertThat(count(s, "oauth:revoke:revoked")).isEqualTo(1);
        Stats.AuthorizeRequest seen = s.stats().authorizeRequests().get(0);
        assertThat(seen.par()).as("IF_SUPPORTED pushes when the metadata names a PAR endpoint").isTrue();
        assertThat(seen.scope()).isEqualTo("credential");
        assertThat(seen.rar()).isFalse();
        assertThat(shown.get(0).getRawQuery()).contains("request_uri=").doesNotContain("hashes=");
    }

    @Test
    void v1ServiceSignsThroughTheSameFlow() throws Exception {
        Sandbox s = primesign.get();
        SignedBatch batch = signFive(s, s.cscV1Url(), AuthorizationCodeSettings.DEFAULT.withParMode(ParMode.NEVER),
                new ArrayList<>(), true);
        assertThat(batch.signatureValues()).hasSize(5);
        assertThat(s.stats().count(signHashPath(s.cscV1Url()))).isEqualTo(1);
        assertThat(s.stats().authorizeRequests().get(0).par()).isFalse();
    }

    @Test
    void withoutParTheParametersGoInTheUrl() throws Exception {
        Sandbox s = primesign.get();
        List<URI> shown = new ArrayList<>();
        signFive(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT.withParMode(ParMode.NEVER), shown, true);
        assertThat(s.stats().authorizeRequests().get(0).par()).isFalse();
        assertThat(count(s, "oauth:par")).isZero();
        assertThat(shown.get(0).getRawQuery()).contains("hashes=").contains("numSignatures=5")
                .contains("code_challenge_method=S256");
    }

    @Test
    void rarAccountTokenClientDataAndLangReachTheAuthorizationServer() throws Exception {
        Sandbox s = primesign.get();
        List<URI> shown = new ArrayList<>();
        try (CscClient client = config(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT.withRar(true)
                .withAccountId("acct-42")).clientData("{\"clientTransactionId\":\"tx-9\"}").lang("de").buildClient();
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(CredentialAuthorizer.oauth2Code(user(s, true, shown), null))
                     .credentialIds("ecp256").build()) {
            SignedBatch batch = token.signDigests(digests(3), SignatureAlgorithm.ECDSA_SHA256, token.getKey("ecp256"));
            assertThat(batch.signatureValues()).hasSize(3);
        }
        Stats.AuthorizeRequest seen = s.stats().authorizeRequests().get(0);
        assertThat(seen.rar()).isTrue();
        assertThat(seen.accountToken()).isTrue();
        assertThat(seen.accountId()).isEqualTo("acct-42");
        assertThat(seen.clientData()).isEqualTo("{\"clientTransactionId\":\"tx-9\"}");
        assertThat(seen.lang()).isEqualTo("de");
    }

    @Test
    void parRequiredAgainstAServerWithoutParFailsBeforeAnythingIsAsked() {
        Sandbox s = withoutPar.get();
        List<URI> shown = new ArrayList<>();
        assertThatThrownBy(() -> signFive(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT.withParMode(ParMode.REQUIRED),
                shown, true)).isInstanceOf(DSSException.class)
                .hasRootCauseInstanceOf(AuthorizationFlowException.class)
                .rootCause().satisfies(e -> assertThat(((AuthorizationFlowException) e).reason())
                        .isEqualTo(AuthorizationFlowException.Reason.PAR_UNAVAILABLE));
        assertThat(shown).isEmpty();
        assertThat(s.stats().authorizeRequests()).isEmpty();
        assertThat(s.stats().count(signHashPath(s.cscUrl()))).isZero();
    }

    @Test
    void ifSupportedUsesTheUrlWhenTheServerHasNoPar() throws Exception {
        Sandbox s = withoutPar.get();
        signFive(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT, new ArrayList<>(), true);
        assertThat(s.stats().authorizeRequests().get(0).par()).isFalse();
    }

    @Test
    void deniedConsentIsADenialAndNothingIsSigned() {
        Sandbox s = primesign.get();
        assertThatThrownBy(() -> signFive(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT, new ArrayList<>(), false))
                .isInstanceOf(DSSException.class).hasRootCauseInstanceOf(AuthorizationDeniedException.class);
        assertThat(count(s, "oauth:consent:denied")).isEqualTo(1);
        assertThat(count(s, "oauth:codes:redeemed")).isZero();
        assertThat(s.stats().count(signHashPath(s.cscUrl()))).isZero();
    }

    private static PendingAuthorization startCredential(CscClient client, List<byte[]> hashes, URI redirect) {
        return AuthorizationCodeFlow.of(client).start(AuthorizationRequest.credential(CredentialId.of("rsa2048"), hashes,
                HashAlgorithm.SHA256), redirect);
    }

    @Test
    void redirectWithAnotherStateIsRefusedAndTheCodeIsNeverExchanged() throws Exception {
        Sandbox s = primesign.get();
        try (CscClient client = config(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT).buildClient()) {
            List<byte[]> hashes = List.of(TestSupport.sha("SHA-256", new byte[]{1}));
            PendingAuthorization pending = startCredential(client, hashes, URI.create("http://127.0.0.1:40000/callback"));
            URI redirect = browser.consent(pending.authorizationUri(), s.pin(), true, false).redirect();
            URI forged = URI.create(redirect.toString().replaceAll("state=[^&]*", "state=forged"));
            assertThatThrownBy(() -> AuthorizationCodeFlow.of(client).complete(pending, forged))
                    .isInstanceOfSatisfying(AuthorizationFlowException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.STATE_MISMATCH));
            assertThat(count(s, "oauth:codes:redeemed")).isZero();
        }
    }

    @Test
    void codeTheServerRefusesIsATypedErrorWithoutTheCodeInIt() throws Exception {
        Sandbox s = primesign.get();
        try (CscClient client = config(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT).buildClient()) {
            List<byte[]> hashes = List.of(TestSupport.sha("SHA-256", new byte[]{2}));
            PendingAuthorization pending = startCredential(client, hashes, URI.create("http://127.0.0.1:40001/callback"));
            browser.consent(pending.authorizationUri(), s.pin(), true, false);
            assertThatThrownBy(() -> AuthorizationCodeFlow.of(client).complete(pending, "not-the-code", pending.state()))
                    .isInstanceOf(CscException.class).hasMessageContaining("oauth2/token")
                    .hasMessageNotContaining("not-the-code")
                    .satisfies(e -> assertThat(((CscException) e).error()).hasValue("invalid_grant"));
        }
    }

    @Test
    void credentialTokenIsRefusedBeforeSendingForOtherHashesBeyondItsCountOrAfterExpiry() throws Exception {
        Sandbox s = primesign.get();
        MutableClock clock = new MutableClock(java.time.Instant.now());
        try (CscClient client = config(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT).clock(clock).buildClient();
             LoopbackReceiver receiver = LoopbackReceiver.open(0)) {
            byte[] h1 = TestSupport.sha("SHA-256", new byte[]{3});
            byte[] h2 = TestSupport.sha("SHA-256", new byte[]{4});
            PendingAuthorization pending = startCredential(client, List.of(h1), receiver.redirectUri());
            browser.consent(pending.authorizationUri(), s.pin(), true, true);
            OAuth2Tokens tokens = AuthorizationCodeFlow.of(client).complete(pending, receiver.await(Duration.ofSeconds(30)));
            Sad sad = tokens.asSad();
            SignHashRequest other = new SignHashRequest(CredentialId.of("rsa2048"), List.of(h2), HashAlgorithm.SHA256,
                    "1.2.840.113549.1.1.11", null, sad);
            assertThatThrownBy(() -> client.signHash(other)).isInstanceOf(SadUsageException.class);
            assertThat(s.stats().count(signHashPath(s.cscUrl()))).isZero();

            SignHashRequest right = other.with(List.of(h1), sad);
            assertThat(client.signHash(right).signatures()).hasSize(1);
            assertThatThrownBy(() -> client.signHash(right)).isInstanceOf(SadUsageException.class);
            assertThat(s.stats().count(signHashPath(s.cscUrl()))).isEqualTo(1);

            PendingAuthorization second = startCredential(client, List.of(h2), URI.create("http://127.0.0.1:40002/callback"));
            URI redirect = browser.consent(second.authorizationUri(), s.pin(), true, false).redirect();
            Sad expiring = AuthorizationCodeFlow.of(client).complete(second, redirect).asSad();
            clock.advance(Duration.between(clock.instant(), expiring.expiresAt()).plusSeconds(1));
            assertThatThrownBy(() -> client.signHash(other.with(List.of(h2), expiring)))
                    .isInstanceOf(SadUsageException.class).hasMessageContaining("expired");
            assertThat(s.stats().count(signHashPath(s.cscUrl()))).isEqualTo(1);
        }
    }

    @Test
    void serviceTokenByCodeFlowIsRefreshedWithoutAskingTheUserAgain() {
        Sandbox s = primesign.get();
        List<URI> shown = new ArrayList<>();
        AtomicReference<LoopbackInteraction> login = new AtomicReference<>(user(s, true, shown));
        try (CscClient client = config(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT)
                .login(Login.authorizationCode(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret()),
                        login.get())).buildClient()) {
            assertThat(client.listCredentials(ListRequest.idsOnly()).credentialIds()).isNotEmpty();
            assertThat(shown).hasSize(1);
            assertThat(shown.get(0).getRawQuery()).doesNotContain("credentialID");
            s.expireAllTokens();
            assertThat(client.listCredentials(ListRequest.idsOnly()).credentialIds()).isNotEmpty();
            assertThat(shown).as("a refresh, not a second browser round").hasSize(1);
            assertThat(((AuthorizationCodeTokenSource) LoginSession.of(client).source()).authorizations()).isEqualTo(1);
            assertThat(count(s, "oauth:token:grant:refresh_token")).isEqualTo(1);
        }
    }

    @Test
    void aBrowserThatNeverComesBackIsATimeoutAndNothingIsSigned() {
        Sandbox s = primesign.get();
        Consumer<URI> ignore = uri -> { };
        try (CscClient client = config(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT).buildClient();
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(CredentialAuthorizer.oauth2Code(new LoopbackInteraction(0, Duration.ofMillis(200), ignore),
                             null)).credentialIds("rsa2048").build()) {
            assertThatThrownBy(() -> token.signDigests(digests(2), SignatureAlgorithm.RSA_SHA256, token.getKey("rsa2048")))
                    .hasRootCauseInstanceOf(AuthorizationFlowException.class);
        }
        assertThat(s.stats().count(signHashPath(s.cscUrl()))).isZero();
    }

    @Test
    void flowFromAWebApplicationNeedsNoLoopback() throws Exception {
        Sandbox s = primesign.get();
        try (CscClient client = config(s, s.cscUrl(), AuthorizationCodeSettings.DEFAULT).buildClient()) {
            AuthorizationCodeFlow flow = AuthorizationCodeFlow.of(client);
            URI appRedirect = URI.create("http://127.0.0.1:40003/callback");
            PendingAuthorization pending = flow.start(AuthorizationRequest.service(), appRedirect);
            URI back = browser.consent(pending.authorizationUri(), s.pin(), true, false).redirect();
            assertThat(back.toString()).startsWith(appRedirect.toString());
            OAuth2Tokens tokens = flow.complete(pending, back);
            assertThat(tokens.accessToken().value()).isNotBlank();
            assertThat(flow.revoke(tokens.accessToken().value(), "access_token")).isTrue();
            assertThatThrownBy(() -> flow.complete(pending, back)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void codeIsExchangedWithPrivateKeyJwtAndTheTokensAreBoundWithDpop() throws Exception {
        Sandbox s = primesign.get();
        List<URI> shown = new ArrayList<>();
        try (CscClient client = CscClientConfig.builder().profile(CscProfile.PRIMESIGN).baseUrl(s.cscUrl())
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.privateKeyJwt(s.clientKeyPem())))
                .dpop(true).buildClient();
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(CredentialAuthorizer.oauth2Code(user(s, true, shown), null))
                     .credentialIds("rsa2048").build()) {
            SignedBatch batch = token.signDigests(digests(2), SignatureAlgorithm.RSA_SHA256, token.getKey("rsa2048"));
            assertThat(batch.signatureValues()).hasSize(2);
            String jkt = LoginSession.of(client).dpopKey().orElseThrow().thumbprint();
            List<Stats.TokenRequest> codeExchanges = s.stats().tokenRequests().stream()
                    .filter(t -> "authorization_code".equals(t.grantType())).toList();
            assertThat(codeExchanges).hasSize(1);
            assertThat(codeExchanges.get(0).clientAuthentication()).isEqualTo("private_key_jwt");
            assertThat(codeExchanges.get(0).dpop()).isTrue();
            assertThat(codeExchanges.get(0).dpopJkt()).isEqualTo(jkt);
            assertThat(codeExchanges.get(0).outcome()).isEqualTo("ok");
        }
    }
}
