package org.cscsign.signer;

import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.token.SignHashOcsp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A revoked signer is refused with a typed error and nothing written: from the service's credential
 * status before any signHash, or from the OCSP returned by signHash before DSS finishes anything.
 */
class RevocationTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private void assertRefused(String credentialId, Level level, Path tmp) throws IOException {
        Path input = Files.write(tmp.resolve("contract.pdf"), Fixtures.pdfBytes());
        Path out = tmp.resolve("out");
        try (CscSignatureToken token = Fixtures.cscToken(sandbox.get(), credentialId)) {
            DocumentSigner signer = DocumentSigner.builder().token(token).tsa(sandbox.get().tsaUrl())
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();

            assertThatThrownBy(() -> signer.signFiles(List.of(input), out,
                    SignatureOptions.builder(SignatureFormat.PADES).level(level).build(), false, ProgressListener.NONE))
                    .isInstanceOf(CertificateRevokedException.class)
                    .hasMessageContaining("revoked").hasMessageContaining("signing service");
            // refused before anything was signed
            assertThat(sandbox.get().stats().count("/csc/v2/signatures/signHash")).isZero();
        }
        assertThat(out).doesNotExist();
        // the refusal came from the signing service's own data, not from an OCSP request of DSS
        assertThat(sandbox.get().stats().ocspRequestsFor(credentialId)).isZero();
    }

    @Test
    void revokedCredentialIsRefusedAtLt(@TempDir Path tmp) throws IOException {
        assertRefused("revoked", Level.LT, tmp);
    }

    @Test
    void revokedCredentialIsRefusedAtBTooWhenTheServiceSaysSo(@TempDir Path tmp) throws IOException {
        assertRefused("revoked", Level.B, tmp);
    }

    @Test
    void credentialRevokedBeforeTheSignerIsBuiltIsRefused(@TempDir Path tmp) throws IOException {
        sandbox.get().faults().revoke("rsa3072");
        assertRefused("rsa3072", Level.LT, tmp);
    }

    @Test
    void credentialRevokedAfterTheSignerWasBuiltIsRefusedFromTheSignHashOcsp(@TempDir Path tmp) throws IOException {
        Path input = Files.write(tmp.resolve("contract.pdf"), Fixtures.pdfBytes());
        Path out = tmp.resolve("out");
        try (CscSignatureToken token = Fixtures.cscToken(sandbox.get(), "ecp384")) {
            DocumentSigner signer = DocumentSigner.builder().token(token).tsa(sandbox.get().tsaUrl())
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();
            // the credential list said "valid"; only the OCSP returned with signHash knows better
            sandbox.get().faults().revoke("ecp384");

            assertThatThrownBy(() -> signer.signFiles(List.of(input), out,
                    SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE))
                    .isInstanceOf(CertificateRevokedException.class).hasMessageContaining("revoked");
        }
        assertThat(out).doesNotExist();
        assertThat(sandbox.get().stats().ocspRequestsFor("ecp384")).isZero();
    }

    @Test
    void expiredCredentialIsRefusedAsACertificateProblemNotABadDocument() {
        try (CscSignatureToken token = Fixtures.cscToken(sandbox.get(), "expired")) {
            DocumentSigner signer = DocumentSigner.builder().token(token).tsa(sandbox.get().tsaUrl())
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();

            // the fixture really is past its validity, and the refusal says so (the id "expired" alone proves nothing)
            assertThat(signer.key().getCertificate().getNotAfter()).isBefore(new java.util.Date());
            assertThatThrownBy(() -> signer.sign(Fixtures.pdf("late.pdf"),
                    SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).build()))
                    .isInstanceOf(CertificateStatusException.class).isNotInstanceOf(BadDocumentException.class)
                    .isNotInstanceOf(CertificateRevokedException.class)
                    .hasMessageContaining("certificate as expired");
        }
        assertThat(sandbox.get().stats().count("/csc/v2/signatures/signHash")).isZero();
    }

    @Test
    void withoutSignHashValidationDataTheLeafOcspIsFetchedOnline() {
        var config = org.cscsign.csc.CscClientConfig.builder().profile(org.cscsign.csc.CscProfile.STANDARD)
                .baseUrl(sandbox.get().cscUrl())
                .login(Login.clientCredentials(sandbox.get().clientId(),
                        org.cscsign.csc.auth.ClientAuthentication.clientSecretBasic(sandbox.get().clientSecret())))
                .returnValidationInfo(false).build();
        try (CscSignatureToken token = CscSignatureToken.builder().config(config).credentialIds("ecp256")
                .authorizer(org.cscsign.csc.auth.CredentialAuthorizer.pin(sandbox.get().pin().toCharArray())).build()) {
            DocumentSigner signer = DocumentSigner.builder().token(token).tsa(sandbox.get().tsaUrl())
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();

            SignedDocument signed = signer.sign(Fixtures.pdf("fallback.pdf"),
                    SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build());

            assertThat(signed.signatureLevel()).isEqualTo("PAdES-BASELINE-LT");
            assertThat(sandbox.get().stats().ocspRequestsFor("ecp256")).isPositive();
        }
    }

    private static java.security.cert.X509Certificate leaf(String id) {
        return sandbox.get().pki().credential(id).orElseThrow().certificate();
    }

    private static List<byte[]> ocspFor(String id) {
        return List.of(sandbox.get().pki().ocspFor(leaf(id), false));
    }

    @Test
    void signHashOcspIsReadAsGoodRevokedOrNotAboutTheLeaf() {
        var ca = sandbox.get().pki().issuingCaCertificate();

        assertThat(SignHashOcsp.leafStatus(ocspFor("rsa2048"), leaf("rsa2048"), ca))
                .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(SignHashOcsp.Status.GOOD));
        assertThat(SignHashOcsp.leafStatus(ocspFor("ecp256"), leaf("rsa2048"), ca)).isEmpty();
        assertThat(SignHashOcsp.leafStatus(ocspFor("revoked"), leaf("revoked"), ca)).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(SignHashOcsp.Status.REVOKED);
            assertThat(s.revokedAt()).isNotNull();
        });
    }

    @Test
    void anOcspResponseThatIsNotOneIsAStatusError() {
        assertThatThrownBy(() -> org.cscsign.signer.internal.OcspResponses.parse(List.of(new byte[]{1, 2, 3})))
                .isInstanceOf(CertificateStatusException.class).hasMessageContaining("cannot be parsed");
    }
}
