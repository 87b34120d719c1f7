package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A local PKCS#12 token (no CSC service): DSS fetches all revocation data online from the sandbox. */
class LocalTokenSigningTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    static KeyStoreSignatureTokenConnection token;

    @BeforeAll
    static void openToken() {
        token = Fixtures.localToken(sandbox.get(), "rsa2048");
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    private DocumentSigner signer() {
        return DocumentSigner.builder().token(token).credentialId("rsa2048").tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).build();
    }

    @Test
    void localTokenSignsPadesLtDigestByDigest() {
        SigningResult result = signer().sign(List.of(Fixtures.pdf("a.pdf"), Fixtures.pdf("b.pdf")),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), ProgressListener.NONE);

        assertThat(result.signHashCalls()).isZero();
        assertThat(result.documents()).extracting(SignedDocument::name).containsExactly("a-signed.pdf", "b-signed.pdf");
        assertThat(result.documents()).extracting(SignedDocument::signatureLevel).containsOnly("PAdES-BASELINE-LT");
        DSSDocument signed = result.documents().get(0).document();
        ValidationResult validation = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor())
                .online(false).build().validate(signed, List.of());
        assertThat(validation.allPassed()).isTrue();
        assertThat(validation.signatures().get(0).format()).isEqualTo("PAdES-BASELINE-LT");
    }
}
