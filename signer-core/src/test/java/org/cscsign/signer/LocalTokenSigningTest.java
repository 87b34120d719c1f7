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

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static DocumentValidator offlineValidator() {
        return DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor()).online(false).build();
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void padesOverANonPdfIsABadDocumentAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path input = Files.writeString(tmp.resolve("notes.pdf"), "this is not a PDF");
        Path out = tmp.resolve("out");

        assertThatThrownBy(() -> signer().signFiles(List.of(input), out,
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).build(), false, ProgressListener.NONE))
                .isInstanceOf(BadDocumentException.class).hasMessageContaining("notes.pdf").hasMessageContaining("not a PDF");
        assertThat(listing(out)).isEmpty();
    }

    @Test
    void envelopedXadesOverBrokenXmlIsABadDocument() {
        DSSDocument broken = new eu.europa.esig.dss.model.InMemoryDocument("<a><b></a>".getBytes(), "broken.xml");

        assertThatThrownBy(() -> signer().sign(broken, SignatureOptions.builder(SignatureFormat.XADES).level(Level.B).build()))
                .isInstanceOf(BadDocumentException.class).hasMessageContaining("broken.xml")
                .hasMessageContaining("not readable XML");
    }

    @Test
    void revokedLocalKeyIsRefusedFromTheOnlineOcspAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path input = Files.write(tmp.resolve("contract.pdf"), Fixtures.pdfBytes());
        Path out = tmp.resolve("out");
        try (KeyStoreSignatureTokenConnection revoked = Fixtures.localToken(sandbox.get(), "revoked")) {
            DocumentSigner signer = DocumentSigner.builder().token(revoked).tsa(sandbox.get().tsaUrl())
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();

            assertThatThrownBy(() -> signer.signFiles(List.of(input), out,
                    SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE))
                    .isInstanceOf(CertificateRevokedException.class);
        }
        assertThat(listing(out)).isEmpty();
    }

    @Test
    void visiblePadesSignatureIsRenderedInItsRectangle() throws IOException {
        VisibleSignature appearance = VisibleSignature.text("Signed with cscsign", 1, 60, 100, 220, 70);
        SignedDocument signed = signer().sign(Fixtures.pdf("visible.pdf"), SignatureOptions.builder(SignatureFormat.PADES)
                .level(Level.B).visibleSignature(appearance).signatureFieldName("Approval").build());

        try (PDDocument pdf = Loader.loadPDF(signed.document().openStream().readAllBytes())) {
            PDSignatureField field = (PDSignatureField) pdf.getDocumentCatalog().getAcroForm().getField("Approval");
            assertThat(field).isNotNull();
            assertThat(field.getWidgets().get(0).getAppearance().getNormalAppearance()).isNotNull();
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 72);
            assertThat(inkPixels(page, 60, 100, 220, 70)).isGreaterThan(200);
            // the same area of the unsigned page is blank
            try (PDDocument original = Loader.loadPDF(Fixtures.pdfBytes())) {
                assertThat(inkPixels(new PDFRenderer(original).renderImageWithDPI(0, 72), 60, 100, 220, 70)).isZero();
            }
        }
        // B has no revocation data inside: validate online, as the signer's self-validation did
        assertThat(DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor()).build()
                .validate(signed.document(), List.of()).allPassed()).isTrue();
        assertThat(signed.signatureLevel()).isEqualTo("PAdES-BASELINE-B");
    }

    private static int inkPixels(BufferedImage image, int x, int y, int w, int h) {
        int ink = 0;
        for (int i = x; i < x + w; i++) {
            for (int j = y; j < y + h; j++) {
                int rgb = image.getRGB(i, j) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        return ink;
    }

    @Test
    void signingASignedPdfAddsASecondSignatureAndKeepsTheFirstValid() {
        SignatureOptions options = SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build();
        SignedDocument first = signer().sign(Fixtures.pdf("twice.pdf"), options);
        DSSDocument input = new eu.europa.esig.dss.model.InMemoryDocument(
                toBytes(first.document()), "twice.pdf");

        SignedDocument second = signer().sign(input, options);

        ValidationResult result = offlineValidator().validate(second.document(), List.of());
        assertThat(result.signatures()).hasSize(2);
        assertThat(result.signatures()).allSatisfy(s -> {
            assertThat(s.passed()).as(s.id() + " " + s.indication() + " " + s.subIndication() + " " + s.errors()).isTrue();
            assertThat(s.format()).isEqualTo("PAdES-BASELINE-LT");
        });
    }

    private static byte[] toBytes(DSSDocument doc) {
        try (var in = doc.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void visiblePadesSignatureWithAnImageOnTheSecondPageIsRendered() throws IOException {
        BufferedImage logo = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = logo.createGraphics();
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(0, 0, 120, 40);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(logo, "png", png);
        VisibleSignature appearance = new VisibleSignature(null, png.toByteArray(), 2, 300, 500, 120, 40);

        SignedDocument signed = signer().sign(Fixtures.pdf("logo.pdf"), SignatureOptions.builder(SignatureFormat.PADES)
                .level(Level.B).visibleSignature(appearance).build());

        try (PDDocument pdf = Loader.loadPDF(signed.document().openStream().readAllBytes())) {
            BufferedImage page2 = new PDFRenderer(pdf).renderImageWithDPI(1, 72);
            assertThat(inkPixels(page2, 300, 500, 120, 40)).isGreaterThan(120 * 40 / 2);
            assertThat(inkPixels(new PDFRenderer(pdf).renderImageWithDPI(0, 72), 300, 500, 120, 40)).isZero();
        }
    }

    @Test
    void theDefaultSignerBoxSitsAtTheFootOfEachDocumentsOwnLastPage() throws IOException {
        DSSDocument threeA4 = blankPdf("three-a4.pdf", 3, org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
        DSSDocument oneLetter = blankPdf("one-letter.pdf", 1, org.apache.pdfbox.pdmodel.common.PDRectangle.LETTER);

        SigningResult result = signer().sign(List.of(threeA4, oneLetter), SignatureOptions.builder(SignatureFormat.PADES)
                .level(Level.B).visibleSignature(VisibleSignature.signerBox()).build(), ProgressListener.NONE);

        int[] lastPages = {2, 0};
        for (int d = 0; d < 2; d++) {
            try (PDDocument pdf = Loader.loadPDF(result.documents().get(d).document().openStream().readAllBytes())) {
                int onPage = -1;
                org.apache.pdfbox.pdmodel.common.PDRectangle rect = null;
                for (int p = 0; p < pdf.getNumberOfPages(); p++) {
                    for (var annotation : pdf.getPage(p).getAnnotations()) {
                        if (annotation instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget w) {
                            onPage = p;
                            rect = w.getRectangle();
                        }
                    }
                }
                assertThat(onPage).as("page of the box in document %d", d).isEqualTo(lastPages[d]);
                // PDF user space has its origin at the bottom-left: 50 pt from the left and from the bottom
                assertThat(rect.getLowerLeftX()).isCloseTo(50f, org.assertj.core.data.Offset.offset(1f));
                assertThat(rect.getLowerLeftY()).isCloseTo(50f, org.assertj.core.data.Offset.offset(1f));
                assertThat(rect.getWidth()).isCloseTo(240f, org.assertj.core.data.Offset.offset(1f));
                assertThat(rect.getHeight()).isCloseTo(70f, org.assertj.core.data.Offset.offset(1f));
            }
        }
    }

    @Test
    void aPageTheDocumentDoesNotHaveIsABadDocumentFoundBeforeAnythingIsSigned(@TempDir Path out) throws IOException {
        Path input = out.resolve("one-page.pdf");
        Files.write(input, blankPdf("one-page.pdf", 1, org.apache.pdfbox.pdmodel.common.PDRectangle.A4).openStream()
                .readAllBytes());
        Path signedDir = out.resolve("signed");

        assertThatThrownBy(() -> signer().signFiles(List.of(input), signedDir, SignatureOptions.builder(SignatureFormat.PADES)
                .level(Level.B).visibleSignature(VisibleSignature.signerBox().onPage(3)).build(), false, null))
                .isInstanceOf(BadDocumentException.class).hasMessageContaining("one-page.pdf")
                .hasMessageContaining("has 1 page(s)").hasMessageContaining("page 3");
        assertThat(signedDir).doesNotExist();
    }

    private static DSSDocument blankPdf(String name, int pages, org.apache.pdfbox.pdmodel.common.PDRectangle size)
            throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                pdf.addPage(new org.apache.pdfbox.pdmodel.PDPage(size));
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            pdf.save(bytes);
            return new eu.europa.esig.dss.model.InMemoryDocument(bytes.toByteArray(), name);
        }
    }
}
