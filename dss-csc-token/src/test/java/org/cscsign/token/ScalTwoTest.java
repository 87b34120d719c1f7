package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.ToBeSigned;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CertificatesMode;
import org.cscsign.csc.CscAuthorizationException;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.Sad;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCAL 2: explicit PIN and online OTP, a SAD bound to each chunk's hashes. */
class ScalTwoTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.scal(2).multisign(3));

    private static CscClient client;

    @BeforeAll
    static void open() {
        client = TestSupport.standardClient(sandbox.get());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static String path(String method) {
        return sandbox.get().cscUrl().getPath() + "/" + method;
    }

    @Test
    void credentialInfoReportsScalTwoAndPinAndOtp() {
        CredentialInfo info = client.credentialInfo(CredentialId.of("rsa2048"), CertificatesMode.CHAIN, true, true);
        assertThat(info.scal()).isEqualTo(2);
        assertThat(info.multisign()).isEqualTo(3);
        assertThat(info.authInfo()).hasValueSatisfying(a -> {
            assertThat(a.explicit()).isTrue();
            assertThat(a.requiresOtp()).isTrue();
            assertThat(a.object("OTP")).hasValueSatisfying(o -> assertThat(o.online()).isTrue());
        });
        assertThat(info.cert().certificates()).hasSize(3);
        assertThat(info.cert().subjectDN()).isNotBlank();
        assertThat(info.cert().validTo()).isAfter(info.cert().validFrom());
    }

    @Test
    void batchIsAuthorizedPerChunkWithPinAndOtpBoundToTheChunksHashes() throws Exception {
        Sandbox s = sandbox.get();
        try (CscSignatureToken token = CscSignatureToken.builder().client(client).authorizer(TestSupport.pinAuthorizer(s))
                .credentialIds("ecp256").build()) {
            CscKeyEntry key = token.getKey("ecp256");
            List<byte[]> data = new ArrayList<>();
            List<Digest> digests = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                data.add(("scal2 " + i).getBytes(StandardCharsets.UTF_8));
                digests.add(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256", data.get(i))));
            }
            SignedBatch batch = token.signDigests(digests, SignatureAlgorithm.ECDSA_SHA256, key);
            assertThat(batch.signHashCalls()).isEqualTo(2);
            assertThat(s.stats().count(path("credentials/authorize"))).isEqualTo(2);
            assertThat(s.stats().count(path("credentials/sendOTP"))).isEqualTo(2);
            for (int i = 0; i < 5; i++) {
                assertThat(TestSupport.jdkVerifies("SHA256withECDSA", key.publicKey(), data.get(i),
                        batch.signatureValues().get(i).getValue())).isTrue();
            }
        }
    }

    @Test
    void sadCoversExactlyTheAuthorizedHashes() throws Exception {
        Sandbox s = sandbox.get();
        CredentialId id = CredentialId.of("rsa2048");
        client.sendOtp(id);
        byte[] hash = TestSupport.sha("SHA-256", new byte[]{3});
        Sad sad = client.authorize(id, 1, List.of(hash), HashAlgorithm.SHA256,
                Map.of("PIN", s.pin().toCharArray(), "OTP", s.lastOtp("rsa2048").orElseThrow().toCharArray()));
        assertThat(sad.remaining()).isEqualTo(1);
        assertThat(sad.hashes()).containsExactly(hash);
        assertThat(sad.toString()).doesNotContain(sad.value());
    }

    @Test
    void scalTwoSadIsNeverSentForAnotherHashOrASecondTime() throws Exception {
        Sandbox s = sandbox.get();
        CredentialId id = CredentialId.of("rsa2048");
        client.sendOtp(id);
        byte[] hash = TestSupport.sha("SHA-256", new byte[]{5});
        byte[] other = TestSupport.sha("SHA-256", new byte[]{6});
        Sad sad = client.authorize(id, 1, List.of(hash), HashAlgorithm.SHA256,
                Map.of("PIN", s.pin().toCharArray(), "OTP", s.lastOtp("rsa2048").orElseThrow().toCharArray()));
        long before = s.stats().count(path("signatures/signHash"));
        org.cscsign.csc.SignHashRequest wrong = new org.cscsign.csc.SignHashRequest(id, List.of(other),
                HashAlgorithm.SHA256, "1.2.840.113549.1.1.11", null, sad);

        assertThatThrownBy(() -> client.signHash(wrong)).isInstanceOf(org.cscsign.csc.SadUsageException.class);
        assertThat(client.signHash(wrong.with(List.of(hash), sad)).signatures()).hasSize(1);
        assertThatThrownBy(() -> client.signHash(wrong.with(List.of(hash), sad)))
                .isInstanceOf(org.cscsign.csc.SadUsageException.class);
        assertThat(s.stats().count(path("signatures/signHash")) - before).as("only the covered call left").isEqualTo(1);
    }

    @Test
    void wrongPinIsAnAuthorizationErrorThatDoesNotShowThePin() {
        Sandbox s = sandbox.get();
        CredentialAuthorizer wrong = CredentialAuthorizer.explicit((id, o) -> "PIN".equals(o.id())
                ? "98765".toCharArray() : s.lastOtp(id.value()).orElseThrow().toCharArray());
        try (CscSignatureToken token = CscSignatureToken.builder().client(client).authorizer(wrong)
                .credentialIds("rsa3072").build()) {
            CscKeyEntry key = token.getKey("rsa3072");
            assertThatThrownBy(() -> token.sign(new ToBeSigned(new byte[]{1}), DigestAlgorithm.SHA256, key))
                    .isInstanceOf(DSSException.class)
                    .hasCauseInstanceOf(CscAuthorizationException.class)
                    .satisfies(e -> {
                        assertThat(((CscAuthorizationException) e.getCause()).error()).contains("invalid_pin");
                        assertThat(e.getMessage()).doesNotContain("98765");
                    });
            assertThat(s.stats().count(path("signatures/signHash"))).isZero();
        }
    }
}
