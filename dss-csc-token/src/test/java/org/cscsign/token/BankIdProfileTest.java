package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.cscsign.csc.CredentialDiscovery;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscApiVersion;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.Login;
import org.cscsign.csc.auth.LoginSession;
import org.cscsign.sandbox.Profile;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The BANKID profile: DPoP (with the nonce challenge) on every call, no SAD, BasicOCSPResponse in validationInfo. */
class BankIdProfileTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.profile(Profile.BANKID).clock(CLOCK)
            .tokenLifetime(Duration.ofHours(2)));

    private static CscClient client(Sandbox s) {
        return CscClientConfig.builder().profile(CscProfile.BANKID).baseUrl(s.cscUrl()).clock(CLOCK)
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.privateKeyJwt(s.clientKeyPem()))).buildClient();
    }

    private static String path(Sandbox s, String method) {
        return s.cscUrl().getPath() + "/" + method;
    }

    @Test
    void profilePresetsScopeDpopAndValidationInfo() {
        CscClientConfig config = CscClientConfig.builder().profile(CscProfile.BANKID).baseUrl(CscProfile.BANKID_TEST_BASE_URL)
                .login(Login.clientCredentials("client", ClientAuthentication.clientSecretPost("secret"))).build();
        assertThat(config.scope()).contains("esign/b2b");
        assertThat(config.dpop()).isTrue();
        assertThat(config.returnValidationInfo()).isTrue();
        assertThat(config.apiVersion()).isEqualTo(CscApiVersion.V2);
    }

    @Test
    void signsWithoutSadThroughDpopBoundTokenAndEveryValueVerifies() throws Exception {
        Sandbox s = sandbox.get();
        try (CscClient client = client(s); CscSignatureToken token = CscSignatureToken.builder().client(client).build()) {
            for (String id : List.of("rsa2048", "ecp256")) {
                CscKeyEntry key = token.getKey(id);
                byte[] data = ("bankid " + id).getBytes(StandardCharsets.UTF_8);
                SignatureValue v = token.sign(new ToBeSigned(data), DigestAlgorithm.SHA256, key);
                String jca = id.startsWith("rsa") ? "SHA256withRSA" : "SHA256withECDSA";
                assertThat(TestSupport.jdkVerifies(jca, key.publicKey(), data, v.getValue())).isTrue();
            }
            assertThat(client.accessTokenSource().token().dpopBound()).isTrue();
        }
    }

    @Test
    void basicOcspResponseFromBankIdEndsAsAFullOcspResponse() throws Exception {
        Sandbox s = sandbox.get();
        try (CscClient client = client(s); CscSignatureToken token = CscSignatureToken.builder().client(client).build()) {
            CscKeyEntry key = token.getKey("rsa2048");
            SignedBatch batch = token.signDigests(List.of(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256", new byte[]{7}))),
                    SignatureAlgorithm.RSA_SHA256, key);
            assertThat(batch.validationData().ocspResponses()).hasSize(1);
            OCSPResp resp = new OCSPResp(OCSPResponse.getInstance(batch.validationData().ocspResponses().get(0)));
            assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            assertThat(basic.getResponses()[0].getCertID().getSerialNumber())
                    .isEqualTo(key.getCertificate().getCertificate().getSerialNumber());
        }
    }

    @Test
    void tokenRequestAnswersTheNonceChallengeOnceAndTheTokenIsReused() throws Exception {
        Sandbox s = sandbox.get();
        // token URL given: the token request is the first request, so no nonce is known yet
        CscClient client = CscClientConfig.builder().profile(CscProfile.BANKID).baseUrl(s.cscUrl()).clock(CLOCK)
                .tokenUrl(s.tokenUrl())
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.privateKeyJwt(s.clientKeyPem()))).buildClient();
        try (client; CscSignatureToken token = CscSignatureToken.builder().client(client).build()) {
            CscKeyEntry key = token.getKey("ecp384");
            for (int i = 0; i < 5; i++) {
                token.sign(new ToBeSigned(new byte[]{(byte) i}), DigestAlgorithm.SHA384, key);
            }
            // one refused for the missing nonce, one accepted; then reused for list + 5 signHash calls
            assertThat(s.stats().count("/oauth2/token")).isEqualTo(2);
            assertThat(LoginSession.of(client).tokensFetched()).isEqualTo(1);
            assertThat(s.stats().count(path(s, "signatures/signHash"))).isEqualTo(5);
        }
    }

    @Test
    void apiNonceChallengeAfterNonceRotationIsAnsweredOnce() {
        Sandbox s = sandbox.get();
        try (CscClient client = client(s); CscSignatureToken token = CscSignatureToken.builder().client(client).build()) {
            CscKeyEntry key = token.getKey("ecp256");
            token.sign(new ToBeSigned(new byte[]{1}), DigestAlgorithm.SHA256, key);
            long before = s.stats().count(path(s, "signatures/signHash"));
            CLOCK.advance(Duration.ofMinutes(11)); // two nonce periods: the remembered nonce is no longer accepted
            token.sign(new ToBeSigned(new byte[]{2}), DigestAlgorithm.SHA256, key);
            assertThat(s.stats().count(path(s, "signatures/signHash")) - before).isEqualTo(2);
            assertThat(LoginSession.of(client).tokensFetched()).isEqualTo(1);
        }
    }

    @Test
    void expiredTokenIsRefreshedOnceThenTheCallSucceeds() {
        Sandbox s = sandbox.get();
        try (CscClient client = client(s); CscSignatureToken token = CscSignatureToken.builder().client(client).build()) {
            CscKeyEntry key = token.getKey("rsa3072");
            token.sign(new ToBeSigned(new byte[]{1}), DigestAlgorithm.SHA256, key);
            s.expireAllTokens();
            token.sign(new ToBeSigned(new byte[]{2}), DigestAlgorithm.SHA256, key);
            assertThat(LoginSession.of(client).tokensFetched()).isEqualTo(2);
        }
    }

    @Test
    void aServiceWhoseInfoDoesNotListCredentialsInfoIsNeverAskedForIt() {
        Sandbox s = sandbox.get();
        // the standard profile: only the service's info says that credentials/info is not there
        try (CscClient client = CscClientConfig.builder().profile(CscProfile.STANDARD).scope("esign/b2b").dpop(true)
                .baseUrl(s.cscUrl()).clock(CLOCK)
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.privateKeyJwt(s.clientKeyPem())))
                .buildClient()) {
            CredentialInfo info = new CredentialDiscovery(client).describe(CredentialId.of("rsa2048"));
            assertThat(info.id()).isEqualTo(CredentialId.of("rsa2048"));
            assertThat(info.cert().certificates()).isNotEmpty();
        }
        assertThat(s.stats().count(path(s, "credentials/info"))).as("credentials/info tried").isZero();
        assertThat(s.stats().count(path(s, "credentials/list"))).isEqualTo(1);
        assertThat(s.stats().count(path(s, "info"))).isEqualTo(1);
    }
}
