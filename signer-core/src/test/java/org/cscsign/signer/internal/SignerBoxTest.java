package org.cscsign.signer.internal;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.SignedDocument;
import org.cscsign.signer.VisibleSignature;
import org.cscsign.validator.DocumentValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signer box of a visible PAdES signature, checked by rendering the signed PDF with PDFBox. */
class SignerBoxTest {

    /** Render at 144 dpi: two pixels per point. */
    private static final int PX = 2;

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    static KeyStoreSignatureTokenConnection token;

    @BeforeAll
    static void openToken() {
        token = org.cscsign.signer.FixturesAccess.localToken(sandbox.get(), "rsa2048");
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    @Test
    void boxNamesTheSignerFromTheCertificateTheTimeAndTheReason() {
        CertificateToken certificate = token.getKeys().get(0).getCertificate();
        Date time = new Date(1_790_000_000_000L);

        List<String> lines = SignerBox.lines(certificate, time, "Approved", null);

        String cn = certificate.getSubject().getRFC2253().replaceAll(".*CN=([^,]+).*", "$1");
        assertThat(cn).isNotBlank().doesNotContain("=");
        assertThat(lines).containsExactly("Digitally signed by", cn, "Date: 2026-09-21 14:13:20 UTC", "Reason: Approved");
        assertThat(SignerBox.lines(certificate, time, null, "Vienna")).endsWith("Location: Vienna")
                .noneMatch(l -> l.startsWith("Reason"));
    }

    @Test
    void signedPdfShowsABorderedBoxWithTextAndLogoAndNothingOutsideIt() throws IOException {
        float x = 60;
        float y = 100;
        float w = 260;
        float h = 80;
        VisibleSignature box = VisibleSignature.signerBox(2, x, y, w, h).withImage(bluePng());
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                .trustAnchorFile(sandbox.get().trustAnchor()).build();

        SignedDocument signed = signer.sign(new InMemoryDocument(org.cscsign.signer.FixturesAccess.pdfBytes(), "box.pdf"),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).reason("Approved")
                        .visibleSignature(box).build());

        try (PDDocument pdf = Loader.loadPDF(signed.document().openStream().readAllBytes())) {
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(1, 72f * PX);
            Files.createDirectories(Path.of("target"));
            ImageIO.write(page, "png", Path.of("target", "signer-box-page2.png").toFile());
            int left = Math.round(x * PX);
            int top = Math.round(y * PX);
            int right = Math.round((x + w) * PX) - 1;
            int bottom = Math.round((y + h) * PX) - 1;

            // the border: each edge, one pixel in, is dark along its whole length (corners aside)
            assertThat(darkShare(page, left + 8, top + 1, right - 8, top + 1)).as("top").isGreaterThan(0.95);
            assertThat(darkShare(page, left + 8, bottom - 1, right - 8, bottom - 1)).as("bottom").isGreaterThan(0.95);
            assertThat(darkShare(page, left + 1, top + 8, left + 1, bottom - 8)).as("left").isGreaterThan(0.95);
            assertThat(darkShare(page, right - 1, top + 8, right - 1, bottom - 8)).as("right").isGreaterThan(0.95);
            // the logo at the left, the text to its right
            assertThat(count(page, left, top, right, bottom, c -> c.getBlue() > 200 && c.getRed() < 60)).isGreaterThan(500);
            int textLeft = left + (bottom - top);
            assertThat(count(page, textLeft, top + 6, right - 6, bottom - 6, SignerBoxTest::dark)).as("text ink")
                    .isGreaterThan(300);
            // nothing drawn outside the box: a 6-pixel ring around it is white
            assertThat(count(page, left - 6, top - 6, right + 6, top - 2, c -> !white(c))).isZero();
            assertThat(count(page, left - 6, bottom + 2, right + 6, bottom + 6, c -> !white(c))).isZero();
            assertThat(count(page, left - 6, top, left - 2, bottom, c -> !white(c))).isZero();
            assertThat(count(page, right + 2, top, right + 6, bottom, c -> !white(c))).isZero();
            // and on page 1, where the box is not, the same area is blank
            BufferedImage page1 = new PDFRenderer(pdf).renderImageWithDPI(0, 72f * PX);
            assertThat(count(page1, left, top, right, bottom, c -> !white(c))).isZero();
        }
        assertThat(DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor()).build()
                .validate(signed.document(), List.of()).allPassed()).isTrue();
    }

    @Test
    void aLogoThatIsNoImageIsRefusedByName() {
        assertThatThrownBy(() -> SignerBox.png(List.of("a"), "not an image".getBytes(), 200, 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visibleSignature.image");
    }

    private static byte[] bluePng() throws IOException {
        BufferedImage logo = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 60, 60);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(logo, "png", png);
        return png.toByteArray();
    }

    private static boolean dark(Color c) {
        return 0.3 * c.getRed() + 0.59 * c.getGreen() + 0.11 * c.getBlue() < 128;
    }

    private static boolean white(Color c) {
        return c.getRed() > 250 && c.getGreen() > 250 && c.getBlue() > 250;
    }

    private static double darkShare(BufferedImage image, int x0, int y0, int x1, int y1) {
        int all = (x1 - x0 + 1) * (y1 - y0 + 1);
        return (double) count(image, x0, y0, x1, y1, SignerBoxTest::dark) / all;
    }

    private static int count(BufferedImage image, int x0, int y0, int x1, int y1,
            java.util.function.Predicate<Color> test) {
        int n = 0;
        for (int i = x0; i <= x1; i++) {
            for (int j = y0; j <= y1; j++) {
                if (test.test(new Color(image.getRGB(i, j)))) {
                    n++;
                }
            }
        }
        return n;
    }
}
