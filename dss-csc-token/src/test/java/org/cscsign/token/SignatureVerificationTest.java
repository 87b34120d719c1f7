package org.cscsign.token;

import org.cscsign.csc.CredentialDiscovery;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.Sad;
import org.cscsign.csc.SignHashRequest;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CscSignatureToken#verifySignatures}: what a caller of {@code signatures/signHash} checks before
 * using the values (the {@code sign-hash} command relies on it), over real signatures of the sandbox.
 */
class SignatureVerificationTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static CredentialInfo info;
    private static SignHashRequest request;
    private static List<byte[]> signatures;

    @BeforeAll
    static void signTwoHashes() throws Exception {
        Sandbox s = sandbox.get();
        try (CscClient client = TestSupport.standardClient(s)) {
            info = new CredentialDiscovery(client).describe(CredentialId.of("rsa2048"));
            List<byte[]> hashes = List.of(TestSupport.sha("SHA-256", new byte[]{1}), TestSupport.sha("SHA-256", new byte[]{2}));
            Sad sad = client.authorize(info.id(), 2, List.of(), null, Map.of("PIN", s.pin().toCharArray()));
            request = new SignHashRequest(info.id(), hashes, HashAlgorithm.SHA256, "1.2.840.113549.1.1.11", null, sad);
            signatures = client.signHash(request).signatures();
        }
    }

    @Test
    void signaturesInOrderByTheCredentialsKeyVerify() {
        assertThatCode(() -> CscSignatureToken.verifySignatures(info, request, signatures)).doesNotThrowAnyException();
    }

    @Test
    void signaturesInTheWrongOrderAreRefused() {
        assertThatThrownBy(() -> CscSignatureToken.verifySignatures(info, request,
                List.of(signatures.get(1), signatures.get(0))))
                .isInstanceOf(CscResponseException.class).hasMessageContaining("signatures[0] does not verify");
    }

    @Test
    void aTruncatedSignatureIsRefused() {
        byte[] truncated = Arrays.copyOf(signatures.get(1), signatures.get(1).length - 1);
        assertThatThrownBy(() -> CscSignatureToken.verifySignatures(info, request, List.of(signatures.get(0), truncated)))
                .isInstanceOf(CscResponseException.class).hasMessageContaining("signatures[1] does not verify");
    }

    @Test
    void fewerSignaturesThanHashesAreRefused() {
        assertThatThrownBy(() -> CscSignatureToken.verifySignatures(info, request, List.of(signatures.get(0))))
                .isInstanceOf(CscResponseException.class).hasMessageContaining("1 signatures for 2 hashes");
    }

    @Test
    void aSignatureByAnotherCredentialIsRefused() throws Exception {
        CredentialInfo other;
        try (CscClient client = TestSupport.standardClient(sandbox.get())) {
            other = new CredentialDiscovery(client).describe(CredentialId.of("rsa3072"));
        }
        CredentialInfo wrongKey = new CredentialInfo(info.id(), null, null, info.key(), other.cert(), null, 1, 1, null);
        assertThatThrownBy(() -> CscSignatureToken.verifySignatures(wrongKey, request, signatures))
                .isInstanceOf(CscResponseException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aCredentialWithoutCertificateIsRefusedSayingSo() {
        CredentialInfo bare = new CredentialInfo(info.id(), null, null, info.key(),
                new CredentialInfo.Cert(null, List.of(), null, null, null, null, null), null, 1, 1, null);
        assertThatThrownBy(() -> CscSignatureToken.verifySignatures(bare, request, signatures))
                .isInstanceOf(CscResponseException.class).hasMessageContaining("has no certificate chain");
        assertThat(CredentialDiscovery.requireCertificate(info)).isSameAs(info);
    }
}
