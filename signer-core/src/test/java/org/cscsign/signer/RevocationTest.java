package org.cscsign.signer;

import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OCSP returned by signHash decides: a revoked signer is refused before DSS finishes anything. */
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
        }
        assertThat(out).doesNotExist();
        // the refusal came from the signHash OCSP, not from an OCSP request of DSS
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
    void credentialRevokedJustBeforeSigningIsRefused(@TempDir Path tmp) throws IOException {
        sandbox.get().faults().revoke("rsa3072");
        assertRefused("rsa3072", Level.LT, tmp);
    }

    @Test
    void expiredCredentialIsRefusedAsACertificateProblemNotABadDocument() {
        try (CscSignatureToken token = Fixtures.cscToken(sandbox.get(), "expired")) {
            DocumentSigner signer = DocumentSigner.builder().token(token).tsa(sandbox.get().tsaUrl())
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();

            assertThatThrownBy(() -> signer.sign(Fixtures.pdf("late.pdf"),
                    SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).build()))
                    .isInstanceOf(CertificateStatusException.class).isNotInstanceOf(BadDocumentException.class);
        }
        assertThat(sandbox.get().stats().count("/csc/v2/signatures/signHash")).isZero();
    }

    @Test
    void withoutSignHashValidationDataTheLeafOcspIsFetchedOnline() {
        var config = org.cscsign.csc.CscClientConfig.builder().profile(org.cscsign.csc.CscProfile.STANDARD)
                .baseUrl(sandbox.get().cscUrl())
                .clientCredentials(sandbox.get().clientId(),
                        org.cscsign.csc.auth.ClientAuthentication.clientSecretBasic(sandbox.get().clientSecret()))
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
}
