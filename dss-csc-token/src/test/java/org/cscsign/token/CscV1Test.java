package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import org.cscsign.csc.CertificatesMode;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscApiVersion;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** CSC v1 field names ({@code hash}, {@code hashAlgo}, top-level PIN, {@code authMode}) against {@code /csc/v1}. */
class CscV1Test {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static CscClient client;

    @BeforeAll
    static void open() {
        Sandbox s = sandbox.get();
        client = CscClientConfig.builder().baseUrl(s.cscV1Url())
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretPost(s.clientSecret()))).buildClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void v1BaseUrlSelectsV1FieldNames() {
        assertThat(client.config().apiVersion()).isEqualTo(CscApiVersion.V1);
        assertThat(client.info().specs()).startsWith("1.");
    }

    @Test
    void v1CredentialInfoIsMappedToTheCommonShape() {
        CredentialInfo info = client.credentialInfo(CredentialId.of("rsa2048"), CertificatesMode.CHAIN, true, true);
        assertThat(info.cert().certificates()).hasSize(3);
        assertThat(info.authInfo()).hasValueSatisfying(a -> {
            assertThat(a.explicit()).isTrue();
            assertThat(a.object("PIN")).isPresent();
            assertThat(a.requiresOtp()).isFalse();
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "rsa2048, RSA_SHA256, SHA256withRSA",
            "rsa3072, RSA_SSA_PSS_SHA256_MGF1, PSS-SHA-256",
            "ecp384, ECDSA_SHA384, SHA384withECDSA",
    })
    void v1SignHashProducesValuesTheJdkVerifies(String credential, SignatureAlgorithm algorithm, String jca) throws Exception {
        try (CscSignatureToken token = CscSignatureToken.builder().client(client)
                .authorizer(TestSupport.pinAuthorizer(sandbox.get())).build()) {
            CscKeyEntry key = token.getKey(credential);
            byte[] data = ("v1 " + credential).getBytes(StandardCharsets.UTF_8);
            SignatureValue v = token.sign(new ToBeSigned(data), algorithm, key);
            assertThat(TestSupport.jdkVerifies(jca, key.publicKey(), data, v.getValue())).isTrue();
        }
    }

    @Test
    void extendTransactionGivesASadForTheNextCall() throws Exception {
        Sandbox s = sandbox.get();
        org.cscsign.csc.CredentialId id = org.cscsign.csc.CredentialId.of("rsa2048");
        org.cscsign.csc.Sad sad = client.authorize(id, 2, java.util.List.of(), null,
                java.util.Map.of("PIN", s.pin().toCharArray()));
        byte[] h1 = TestSupport.sha("SHA-256", new byte[]{1});
        byte[] h2 = TestSupport.sha("SHA-256", new byte[]{2});
        org.cscsign.csc.SignHashRequest first = new org.cscsign.csc.SignHashRequest(id, java.util.List.of(h1),
                org.cscsign.csc.HashAlgorithm.SHA256, "1.2.840.113549.1.1.1", null, sad);
        assertThat(client.signHash(first).signatures()).hasSize(1);
        org.cscsign.csc.Sad next = client.extendTransaction(sad, java.util.List.of(h2), org.cscsign.csc.HashAlgorithm.SHA256);
        assertThat(next.value()).isNotEqualTo(sad.value());
        assertThat(client.signHash(first.with(java.util.List.of(h2), next)).signatures()).hasSize(1);
    }

    @Test
    void signDigestWithDigestOnlyUsesKeyDefault() throws Exception {
        try (CscSignatureToken token = CscSignatureToken.builder().client(client)
                .authorizer(TestSupport.pinAuthorizer(sandbox.get())).build()) {
            CscKeyEntry key = token.getKey("ecp256");
            byte[] data = "v1 digest".getBytes(StandardCharsets.UTF_8);
            SignatureValue v = token.signDigest(new eu.europa.esig.dss.model.Digest(DigestAlgorithm.SHA256,
                    TestSupport.sha("SHA-256", data)), key);
            assertThat(v.getAlgorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
            assertThat(TestSupport.jdkVerifies("SHA256withECDSA", key.publicKey(), data, v.getValue())).isTrue();
        }
    }
}
