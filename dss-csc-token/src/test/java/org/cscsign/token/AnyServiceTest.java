package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import org.cscsign.csc.CredentialDiscovery;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscAuthenticationException;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.ServiceQuirks;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Protocol tests against sandboxes shaped like CSC services as they exist: no login (the sandbox
 * refuses any Authorization header, so success proves none was sent), CSC v1 auth/login, implicit
 * SCAL 2 credentials, certInfo refused, paginated lists, asynchronous authorization and signing, and
 * no cert.status (then the leaf's OCSP decides before any hash is sent).
 */
class AnyServiceTest {

    /** No login, implicit SCAL 2 credentials, 2 ids per page, no cert.status, certInfo refused with 501. */
    @RegisterExtension
    static SandboxExtension open = SandboxExtension.create(b -> b.scal(2).quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.NONE).implicitAuthorization(true).maxPageSize(2).reportCertStatus(false)
            .refuseCertInfo(501).build()));

    /** No login, implicit credentials, 202 authorize + authorizeCheck, operationMode A + signPolling. */
    @RegisterExtension
    static SandboxExtension async = SandboxExtension.create(b -> b.quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.NONE).implicitAuthorization(true).asynchronousAuthorization(true)
            .asynchronousSigning(true).pendingPolls(2).build()));

    /** CSC v1 auth/login with HTTP Basic, certInfo refused with 400. */
    @RegisterExtension
    static SandboxExtension basic = SandboxExtension.create(b -> b.quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.BASIC).refuseCertInfo(400).build()));

    private static CscClient unauthenticated(URI url) {
        return CscClientConfig.builder().baseUrl(url).buildClient();
    }

    private static CscClient login(Sandbox s, URI url) {
        return CscClientConfig.builder().baseUrl(url).login(Login.basic(s.username(), s.password().toCharArray())).buildClient();
    }

    private static List<Digest> digests(int n) throws Exception {
        List<Digest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256", ("doc " + i).getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    // ---- no login, pagination, lean discovery

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void withoutLoginEveryPageOfTheListIsFollowed(int version) {
        Sandbox s = open.get();
        URI url = version == 1 ? s.cscV1Url() : s.cscUrl();
        try (CscClient client = unauthenticated(url)) {
            List<CredentialId> ids = new CredentialDiscovery(client).ids();
            assertThat(ids.stream().map(CredentialId::value).toList()).containsExactlyElementsOf(s.credentialIds());
        }
        assertThat(s.stats().count("/csc/v" + version + "/credentials/list"))
                .isEqualTo((s.credentialIds().size() + 1) / 2);
        assertThat(s.stats().count("/oauth2/token")).isZero();
    }

    @Test
    void v1ListingSendsV1FieldsOnlyThenOneInfoPerCredential() {
        Sandbox s = open.get();
        try (CscClient client = unauthenticated(s.cscV1Url())) {
            // the v1 sandbox refuses credentialInfo/certificates/certInfo/authInfo/onlyValid in credentials/list
            List<CredentialInfo> all = new CredentialDiscovery(client).all();
            assertThat(all).hasSize(s.credentialIds().size());
            assertThat(all.get(0).authInfo().orElseThrow().authMode()).isEqualTo(org.cscsign.csc.AuthMode.IMPLICIT);
        }
        assertThat(s.stats().count("/csc/v1/credentials/info")).isEqualTo(s.credentialIds().size());
    }

    @Test
    void theChosenCredentialIsReadWithOneInfoCallAndNoList() {
        Sandbox s = open.get();
        try (CscClient client = unauthenticated(s.cscUrl())) {
            CredentialInfo info = new CredentialDiscovery(client).describe(CredentialId.of("rsa2048"));
            assertThat(info.cert().certificates()).hasSize(3);
            assertThat(info.cert().status()).isNull();
        }
        assertThat(s.stats().count("/csc/v2/credentials/info")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v2/credentials/list")).isZero();
    }

    @Test
    void certInfoRefusedWith501IsAskedAgainWithoutIt() {
        Sandbox s = open.get();
        try (CscClient client = unauthenticated(s.cscUrl())) {
            CredentialInfo info = new CredentialDiscovery(client).describe(CredentialId.of("ecp256"), true);
            assertThat(info.cert().certificates()).isNotEmpty();
        }
        assertThat(s.stats().count("/csc/v2/credentials/info")).isEqualTo(2);
    }

    @Test
    void certInfoRefusedWith400IsAskedAgainWithoutIt() {
        Sandbox s = basic.get();
        try (CscClient client = login(s, s.cscUrl())) {
            CredentialInfo info = new CredentialDiscovery(client).describe(CredentialId.of("ecp256"), true);
            assertThat(info.cert().certificates()).isNotEmpty();
        }
        assertThat(s.stats().count("/csc/v2/credentials/info")).isEqualTo(2);
    }

    @Test
    void aListThatNeverEndsIsAnErrorNotAHang() {
        Sandbox s = open.get();
        s.faults().endlessCredentialList(true);
        try (CscClient client = unauthenticated(s.cscUrl())) {
            assertThatThrownBy(() -> new CredentialDiscovery(client).ids()).isInstanceOf(CscResponseException.class)
                    .hasMessageContaining("credentials/list does not end");
        }
        assertThat(s.stats().count("/csc/v2/credentials/list")).isBetween(2L, (long) CredentialDiscovery.MAX_PAGES);
    }

    // ---- implicit authorization and the leaf's status

    @Test
    void implicitScal2CredentialSignsABatchThatTheJdkVerifies() throws Exception {
        Sandbox s = open.get();
        try (CscClient client = unauthenticated(s.cscUrl());
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(CredentialAuthorizer.implicit()).credentialIds("rsa2048").build()) {
            CscKeyEntry key = token.getKey("rsa2048");
            List<Digest> digests = digests(3);
            SignedBatch batch = token.signDigests(digests, SignatureAlgorithm.RSA_SHA256, key);
            for (int i = 0; i < 3; i++) {
                assertThat(TestSupport.jdkVerifies("SHA256withRSA", key.publicKey(),
                        ("doc " + i).getBytes(StandardCharsets.UTF_8), batch.signatureValues().get(i).getValue())).isTrue();
            }
        }
        assertThat(s.stats().count("/csc/v2/credentials/authorize")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
        // no cert.status: the leaf's OCSP was asked once, before the batch
        assertThat(s.stats().ocspRequestsFor("rsa2048")).isEqualTo(1);
    }

    @Test
    void revokedCredentialWithoutCertStatusIsRefusedBeforeAnyHashIsSent() throws Exception {
        Sandbox s = open.get();
        try (CscClient client = unauthenticated(s.cscUrl());
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(CredentialAuthorizer.implicit()).credentialIds("revoked").build()) {
            CscKeyEntry key = token.getKey("revoked");
            assertThatThrownBy(() -> token.signDigests(digests(2), SignatureAlgorithm.RSA_SHA256, key))
                    .isInstanceOfSatisfying(CredentialUnusableException.class, e -> {
                        assertThat(e.isRevoked()).isTrue();
                        assertThat(e.getMessage()).contains("revoked since").contains("OCSP");
                    });
        }
        assertThat(s.stats().count("/csc/v2/credentials/authorize")).isZero();
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isZero();
        assertThat(s.stats().ocspRequestsFor("revoked")).isEqualTo(1);
    }

    @Test
    void offlineTheLeafIsNotAskedFor() throws Exception {
        Sandbox s = open.get();
        try (CscClient client = unauthenticated(s.cscUrl());
             CscSignatureToken token = CscSignatureToken.builder().client(client).leafStatusCheck(LeafStatusCheck.none())
                     .authorizer(CredentialAuthorizer.implicit()).credentialIds("ecp256").build()) {
            token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, token.getKey("ecp256"));
        }
        assertThat(s.stats().count("/ocsp")).isZero();
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void signaturesTimestampCarriesTheNonceInBothVersions(int version) throws Exception {
        Sandbox s = open.get();
        byte[] hash = TestSupport.sha("SHA-256", "to be time-stamped".getBytes(StandardCharsets.UTF_8));
        try (CscClient client = unauthenticated(version == 1 ? s.cscV1Url() : s.cscUrl())) {
            // the client rejects a token without the nonce or over another hash, so a value back means both fit
            assertThat(client.timestamp(hash, HashAlgorithm.SHA256, new java.math.BigInteger("1234567", 10))).isNotEmpty();
            assertThat(client.timestamp(hash, HashAlgorithm.SHA256, null)).isNotEmpty();
        }
        assertThat(s.stats().count("/csc/v" + version + "/signatures/timestamp")).isEqualTo(2);
    }

    // ---- asynchronous authorization and signing

    @Test
    void asynchronousAuthorizationAndSigningArePolledToTheResult() throws Exception {
        Sandbox s = async.get();
        AtomicInteger sleeps = new AtomicInteger();
        try (CscClient client = CscClientConfig.builder().baseUrl(s.cscUrl()).asynchronousSigning(true)
                .sleeper(d -> sleeps.incrementAndGet()).buildClient();
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(CredentialAuthorizer.implicit()).credentialIds("ecp384").build()) {
            CscKeyEntry key = token.getKey("ecp384");
            SignedBatch batch = token.signDigests(List.of(new Digest(DigestAlgorithm.SHA384,
                    TestSupport.sha("SHA-384", new byte[]{7}))), SignatureAlgorithm.ECDSA_SHA384, key);
            assertThat(TestSupport.jdkVerifies("SHA384withECDSA", key.publicKey(), new byte[]{7},
                    batch.signatureValues().get(0).getValue())).isTrue();
        }
        // 2 "pending" answers, then the result, for each of the two operations
        assertThat(s.stats().count("/csc/v2/credentials/authorize")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v2/credentials/authorizeCheck")).isEqualTo(3);
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v2/signatures/signPolling")).isEqualTo(3);
        assertThat(sleeps.get()).isEqualTo(4); // the first poll of each goes at once
    }

    @Test
    void operationModeAIsAskedOnlyOfAServiceThatOffersIt() throws Exception {
        Sandbox s = open.get(); // info.asynchronousOperationMode false: a mode A request would be refused
        try (CscClient client = CscClientConfig.builder().baseUrl(s.cscUrl()).asynchronousSigning(true)
                .sleeper(d -> { throw new AssertionError("no polling expected"); }).buildClient();
             CscSignatureToken token = CscSignatureToken.builder().client(client).leafStatusCheck(LeafStatusCheck.none())
                     .authorizer(CredentialAuthorizer.implicit()).credentialIds("ecp256").build()) {
            assertThat(token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, token.getKey("ecp256"))
                    .signatureValues()).hasSize(1);
        }
        assertThat(s.stats().count("/csc/v2/signatures/signPolling")).isZero();
    }

    private static CscClient boundedPolling(Sandbox s, AtomicInteger sleeps) {
        MutableClock clock = new MutableClock(Instant.now());
        return CscClientConfig.builder().baseUrl(s.cscUrl()).asynchronousSigning(true).clock(clock)
                .polling(Duration.ofSeconds(1), Duration.ofSeconds(10))
                .sleeper(d -> {
                    sleeps.incrementAndGet();
                    clock.advance(d);
                }).buildClient();
    }

    @Test
    void authorizeCheckThatNeverFinishesIsABoundedErrorAndNothingIsSigned() {
        Sandbox s = async.get();
        AtomicInteger sleeps = new AtomicInteger();
        try (CscClient client = boundedPolling(s, sleeps);
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(CredentialAuthorizer.implicit()).credentialIds("ecp256").build()) {
            CscKeyEntry key = token.getKey("ecp256");
            s.faults().neverFinishPolling(true);
            assertThatThrownBy(() -> token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, key))
                    .rootCause().isInstanceOf(CscException.class)
                    .hasMessageContaining("credentials/authorizeCheck: still pending");
        }
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isZero();
        assertThat(s.stats().count("/csc/v2/credentials/authorizeCheck")).isBetween(2L, 11L);
        assertThat(sleeps.get()).isBetween(1, 10);
    }

    @Test
    void signPollingThatNeverFinishesIsABoundedErrorWithOneSignHash() {
        Sandbox s = async.get();
        AtomicInteger sleeps = new AtomicInteger();
        // authorization completes; only then does the service stop finishing
        CredentialAuthorizer authorizeThenStall = (client, credential, hashes, alg) -> {
            var sad = CredentialAuthorizer.implicit().authorize(client, credential, hashes, alg);
            s.faults().neverFinishPolling(true);
            return sad;
        };
        try (CscClient client = boundedPolling(s, sleeps);
             CscSignatureToken token = CscSignatureToken.builder().client(client)
                     .authorizer(authorizeThenStall).credentialIds("ecp256").build()) {
            CscKeyEntry key = token.getKey("ecp256");
            assertThatThrownBy(() -> token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, key))
                    .rootCause().isInstanceOf(CscException.class)
                    .hasMessageContaining("signatures/signPolling: still pending");
        }
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v2/signatures/signPolling")).isBetween(2L, 11L);
    }

    // ---- CSC v1 auth/login, a given token

    @Test
    void v1BasicLoginIsRevokedWhenTheClientCloses() {
        Sandbox s = basic.get();
        String token;
        try (CscClient client = login(s, s.cscV1Url())) {
            assertThat(new CredentialDiscovery(client).ids()).isNotEmpty();
            token = client.accessTokenSource().token().value();
        }
        assertThat(s.stats().count("/csc/v1/auth/login")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v1/auth/revoke")).isEqualTo(1);
        try (CscClient reuse = CscClientConfig.builder().baseUrl(s.cscV1Url()).login(Login.token(token)).buildClient()) {
            assertThatThrownBy(() -> reuse.listCredentials(ListRequest.idsOnly()))
                    .isInstanceOf(CscAuthenticationException.class);
        }
    }

    @Test
    void aGivenAccessTokenIsSentAsIs() {
        Sandbox s = basic.get();
        try (CscClient first = login(s, s.cscV1Url())) {
            String token = first.accessTokenSource().token().value();
            try (CscClient given = CscClientConfig.builder().baseUrl(s.cscV1Url()).login(Login.token(token)).buildClient()) {
                assertThat(new CredentialDiscovery(given).ids()).hasSize(s.credentialIds().size());
            }
        }
        assertThat(s.stats().count("/csc/v1/auth/login")).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsAnAuthenticationError() {
        Sandbox s = basic.get();
        try (CscClient client = CscClientConfig.builder().baseUrl(s.cscV1Url())
                .login(Login.basic(s.username(), "wrong".toCharArray())).buildClient()) {
            assertThatThrownBy(() -> client.listCredentials(ListRequest.idsOnly()))
                    .isInstanceOf(CscAuthenticationException.class).hasMessageContaining("auth/login")
                    .hasMessageNotContaining("wrong");
        }
    }
}
