package org.cscsign.signer;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.JWSSerializationType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureOptionsTest {

    @Test
    void defaultsArePerFormat() {
        assertThat(SignatureOptions.builder(SignatureFormat.PADES).build().packagingFor(false)).contains(Packaging.ENVELOPED);
        assertThat(SignatureOptions.builder(SignatureFormat.CADES).build().packagingFor(false)).contains(Packaging.ENVELOPING);
        assertThat(SignatureOptions.builder(SignatureFormat.XADES).build().packagingFor(true)).contains(Packaging.ENVELOPED);
        assertThat(SignatureOptions.builder(SignatureFormat.XADES).build().packagingFor(false)).contains(Packaging.ENVELOPING);
        assertThat(SignatureOptions.builder(SignatureFormat.JADES).build().packagingFor(false)).contains(Packaging.ENVELOPING);
        SignatureOptions asic = SignatureOptions.builder(SignatureFormat.ASIC_E).build();
        assertThat(asic.packagingFor(false)).isEmpty();
        assertThat(asic.asicContent()).isEqualTo(SignatureFormat.XADES);
        assertThat(asic.level()).isEqualTo(Level.LT);
        assertThat(asic.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA256);
    }

    @Test
    void padesRefusesDetachedPackagingNamingTheField() {
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.PADES).packaging(Packaging.DETACHED).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packaging DETACHED")
                .hasMessageContaining("PADES");
    }

    @Test
    void cadesRefusesEnvelopedPackaging() {
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.CADES).packaging(Packaging.ENVELOPED).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packaging");
    }

    @Test
    void padesOnlyOptionsAreRefusedForOtherFormats() {
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.CADES).reason("approved").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("reason");
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.XADES)
                .visibleSignature(VisibleSignature.text("x", 1, 10, 10, 100, 40)).build())
                .hasMessageStartingWith("visibleSignature");
    }

    @Test
    void xadesOnlyOptionsAreRefusedForCades() {
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.CADES).signerRoles(List.of("CEO")).build())
                .hasMessageStartingWith("signerRoles");
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.ASIC_E).asicContent(SignatureFormat.CADES)
                .canonicalization("http://www.w3.org/2001/10/xml-exc-c14n#").build())
                .hasMessageStartingWith("canonicalization");
    }

    @Test
    void compactJadesIsOnlyAllowedAtLevelB() {
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.JADES)
                .jadesSerialization(JWSSerializationType.COMPACT_SERIALIZATION).level(Level.LT).build())
                .hasMessageStartingWith("jadesSerialization");
        assertThat(SignatureOptions.builder(SignatureFormat.JADES)
                .jadesSerialization(JWSSerializationType.COMPACT_SERIALIZATION).level(Level.B).build().level())
                .isEqualTo(Level.B);
    }

    @Test
    void weakDigestIsRefused() {
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.CADES).digestAlgorithm(DigestAlgorithm.SHA1).build())
                .hasMessageStartingWith("digestAlgorithm");
    }

    @Test
    void asicContentMustBeXadesOrCades() {
        assertThatThrownBy(() -> SignatureOptions.builder(SignatureFormat.ASIC_E).asicContent(SignatureFormat.PADES).build())
                .hasMessageStartingWith("asicContent");
    }

    @Test
    void visibleSignatureNeedsTextOrImageAndAPositiveSize() {
        assertThatThrownBy(() -> new VisibleSignature(" ", null, 1, 0, 0, 10, 10)).hasMessageContaining("text or image");
        assertThatThrownBy(() -> VisibleSignature.text("x", -1, 0, 0, 10, 10)).hasMessageContaining("page");
        assertThatThrownBy(() -> VisibleSignature.text("x", 1, 0, 0, 0, 10)).hasMessageContaining("width");
    }

    @Test
    void outputNamesFollowTheCommandLineContract() {
        assertThat(DocumentSigner.outputNameHint("contract.pdf", SignatureOptions.builder(SignatureFormat.PADES).build()))
                .isEqualTo("contract-signed.pdf");
        assertThat(DocumentSigner.outputNameHint("data.bin", SignatureOptions.builder(SignatureFormat.CADES).build()))
                .isEqualTo("data.p7m");
        assertThat(DocumentSigner.outputNameHint("data.bin", SignatureOptions.builder(SignatureFormat.CADES)
                .packaging(Packaging.DETACHED).build())).isEqualTo("data.p7s");
        assertThat(DocumentSigner.outputNameHint("invoice.xml", SignatureOptions.builder(SignatureFormat.XADES).build()))
                .isEqualTo("invoice-signed.xml");
        assertThat(DocumentSigner.outputNameHint("report.txt", SignatureOptions.builder(SignatureFormat.XADES).build()))
                .isEqualTo("report.xades.xml");
        assertThat(DocumentSigner.outputNameHint("order.json", SignatureOptions.builder(SignatureFormat.JADES).build()))
                .isEqualTo("order.jws.json");
        assertThat(DocumentSigner.outputNameHint("first.pdf", SignatureOptions.builder(SignatureFormat.ASIC_E).build()))
                .isEqualTo("first.asice");
    }
}
