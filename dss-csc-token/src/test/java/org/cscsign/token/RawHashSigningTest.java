package org.cscsign.token;

import org.cscsign.csc.CredentialDiscovery;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.SignHashResult;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.ServiceQuirks;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CscSignatureToken#signHashes}: raw digests computed elsewhere signed through the library (what
 * {@code cscsign sign-hash} calls), with the same checks as the DSS path, and
 * {@link CredentialAuthorizer#kindFor}: the one rule for "authorize as the service says".
 */
class RawHashSigningTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    /** No login, implicit credentials: the credential's auth.mode says implicit. */
    @RegisterExtension
    static SandboxExtension implicit = SandboxExtension.create(b -> b.quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.NONE).implicitAuthorization(true).build()));

    @RegisterExtension
    static SandboxExtension bankid = SandboxExtension.bankid();

    private static long signHashCalls(Sandbox s) {
        return s.stats().count(s.cscUrl().getPath() + "/signatures/signHash");
    }

    private static List<byte[]> data(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("document " + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<byte[]> digests(List<byte[]> data, String jdkName) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (byte[] d : data) {
            out.add(TestSupport.sha(jdkName, d));
        }
        return out;
    }

    private static CscSignatureToken token(Sandbox s, CscClient client) {
        return CscSignatureToken.builder().client(client).authorizer(TestSupport.pinAuthorizer(s)).build();
    }

    @Test
    void rsaDigestsAreSignedInOneCallAndEachVerifiesOverItsOwnData() throws Exception {
        Sandbox s = sandbox.get();
        List<byte[]> data = data(3);
        long before = signHashCalls(s);
        try (CscClient client = TestSupport.standardConfig(s).returnValidationInfo(true).buildClient();
             CscSignatureToken token = token(s, client)) {
            CscKeyEntry key = token.getKey("rsa2048");
            SignHashResult result = token.signHashes(digests(data, "SHA-256"), HashAlgorithm.SHA256, key);
            assertThat(result.signatures()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(TestSupport.jdkVerifies("SHA256withRSA", key.publicKey(), data.get(i),
                        result.signatures().get(i))).as("signature %d over its own data", i).isTrue();
            }
            // the leaf's OCSP comes with the values (and was checked for revocation before returning them)
            assertThat(result.validationInfo().ocsp()).isNotEmpty();
        }
        assertThat(signHashCalls(s) - before).isEqualTo(1);
    }

    @Test
    void ecDigestsGetAnEcdsaSignAlgoAndVerifyAsDer() throws Exception {
        Sandbox s = sandbox.get();
        List<byte[]> data = data(2);
        try (CscClient client = TestSupport.standardClient(s); CscSignatureToken token = token(s, client)) {
            CscKeyEntry key = token.getKey("ecp256");
            assertThat(token.canSign(key, HashAlgorithm.SHA256)).isTrue();
            SignHashResult result = token.signHashes(digests(data, "SHA-256"), HashAlgorithm.SHA256, key);
            for (int i = 0; i < 2; i++) {
                assertThat(TestSupport.jdkVerifies("SHA256withECDSA", key.publicKey(), data.get(i),
                        result.signatures().get(i))).isTrue();
            }
        }
    }

    @Test
    void aDigestOfTheWrongLengthIsRefusedBeforeAnyCall() throws Exception {
        Throwable refusal = refusalWithoutACall("rsa2048", List.of(TestSupport.sha("SHA-256", new byte[]{1}), new byte[20]));
        assertThat(refusal).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digest 2 has 20 bytes");
    }

    @Test
    void aRevokedCredentialSignsNothing() throws Exception {
        Throwable refusal = refusalWithoutACall("revoked", List.of(TestSupport.sha("SHA-256", new byte[]{1})));
        assertThat(refusal).isInstanceOfSatisfying(CredentialUnusableException.class,
                e -> assertThat(e.isRevoked()).isTrue());
    }

    /** What signHashes throws for these hashes, asserting that the sandbox saw no signHash call. */
    private static Throwable refusalWithoutACall(String credential, List<byte[]> hashes) {
        Sandbox s = sandbox.get();
        long before = signHashCalls(s);
        Throwable refusal;
        try (CscClient client = TestSupport.standardClient(s); CscSignatureToken token = token(s, client)) {
            CscKeyEntry key = token.getKey(credential);
            refusal = org.assertj.core.api.Assertions.catchThrowable(() -> token.signHashes(hashes, HashAlgorithm.SHA256, key));
        }
        assertThat(refusal).as("signHashes must refuse").isNotNull();
        assertThat(signHashCalls(s) - before).isZero();
        return refusal;
    }

    @Test
    void theAuthorizationKindFollowsTheProfileAndTheCredentialsAuthMode() {
        try (CscClient client = TestSupport.standardClient(sandbox.get())) {
            var info = new CredentialDiscovery(client).describe(CredentialId.of("rsa2048"));
            assertThat(CredentialAuthorizer.kindFor(CscProfile.STANDARD, info)).isEqualTo(CredentialAuthorizer.Kind.EXPLICIT);
        }
        try (CscClient client = CscClientConfig.builder().baseUrl(implicit.get().cscUrl()).buildClient()) {
            var info = new CredentialDiscovery(client).describe(CredentialId.of("rsa2048"));
            assertThat(CredentialAuthorizer.kindFor(CscProfile.STANDARD, info)).isEqualTo(CredentialAuthorizer.Kind.IMPLICIT);
        }
        try (CscClient client = TestSupport.bankidClient(bankid.get())) {
            var info = new CredentialDiscovery(client).all().get(0);
            assertThat(CredentialAuthorizer.kindFor(CscProfile.BANKID, info)).isEqualTo(CredentialAuthorizer.Kind.NONE);
        }
    }
}
