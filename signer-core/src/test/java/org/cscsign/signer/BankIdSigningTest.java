package org.cscsign.signer;

import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.token.ValidationData;
import org.cscsign.validator.DocumentValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The BankID B2B profile: DPoP, no SAD, and the leaf's OCSP returned by signHash as a bare
 * BasicOCSPResponse, which the token wraps and the signer injects.
 */
class BankIdSigningTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.bankid();

    static CscSignatureToken token;

    @BeforeAll
    static void setUp() {
        token = Fixtures.cscToken(sandbox.get(), "rsa2048", "ecp384");
    }

    @AfterAll
    static void tearDown() {
        token.close();
    }

    private static DocumentValidator offlineValidator() {
        return DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor()).online(false).build();
    }

    @Test
    void padesLtUsesTheSignHashOcspForTheLeaf() {
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048").tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).build();

        SigningResult result = signer.sign(List.of(Fixtures.pdf("a.pdf"), Fixtures.pdf("b.pdf")),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), ProgressListener.NONE);

        assertThat(result.signHashCalls()).isEqualTo(1);
        assertThat(result.documents()).extracting(SignedDocument::signatureLevel).containsOnly("PAdES-BASELINE-LT");
        assertThat(offlineValidator().validate(result.documents().get(1).document(), List.of()).allPassed()).isTrue();
        assertThat(sandbox.get().stats().ocspRequestsFor("rsa2048")).isZero();
    }

    @Test
    void xadesLtWithAnEcKeyUsesTheSignHashOcspForTheLeaf() {
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("ecp384").tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).build();

        SignedDocument signed = signer.sign(Fixtures.xml("invoice.xml"),
                SignatureOptions.builder(SignatureFormat.XADES).level(Level.LT).build());

        assertThat(signed.signatureLevel()).isEqualTo("XAdES-BASELINE-LT");
        assertThat(offlineValidator().validate(signed.document(), List.of()).allPassed()).isTrue();
        assertThat(sandbox.get().stats().ocspRequestsFor("ecp384")).isZero();
    }

    @Test
    void offlineLtWithoutTheCaAndTsaRevocationDataIsAClearErrorAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path input = Files.write(tmp.resolve("contract.pdf"), Fixtures.pdfBytes());
        Path out = tmp.resolve("out");
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048").tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).offline(true).build();

        assertThatThrownBy(() -> signer.signFiles(List.of(input), out,
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE))
                .isInstanceOf(MissingRevocationDataException.class)
                .hasMessageContaining("Revocation data is missing").hasMessageContaining("extra validation data");
        assertThat(out).doesNotExist();
        assertThat(sandbox.get().stats().count("/ocsp")).isZero();
    }

    @Test
    void offlineLtSucceedsWithTheCaCrlsGivenAndFetchesNothing() {
        ValidationData crls = new ValidationData(List.of(),
                List.of(sandbox.get().pki().crl("root"), sandbox.get().pki().crl("ca")), List.of());
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048").tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).offline(true).extraValidationData(crls).build();

        SignedDocument signed = signer.sign(Fixtures.pdf("offline.pdf"),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build());

        assertThat(signed.signatureLevel()).isEqualTo("PAdES-BASELINE-LT");
        assertThat(offlineValidator().validate(signed.document(), List.of()).allPassed()).isTrue();
        // only the TSA (explicitly configured) and the CSC service were contacted
        assertThat(sandbox.get().stats().count("/ocsp")).isZero();
        assertThat(sandbox.get().stats().count("/pki/ca.crl")).isZero();
        assertThat(sandbox.get().stats().count("/pki/root.crl")).isZero();
    }
}
