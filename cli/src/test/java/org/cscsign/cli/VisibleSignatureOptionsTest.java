package org.cscsign.cli;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sign --visible} with its placement and image options, checked by rendering the signed PDF. */
class VisibleSignatureOptionsTest {

    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    @TempDir
    static Path inputs;

    static Path logo;

    @BeforeAll
    static void writeInputs() throws Exception {
        DemoDocuments.writeAll(inputs);
        BufferedImage image = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        logo = inputs.resolve("logo.png");
        ImageIO.write(image, "png", logo.toFile());
    }

    private static CliRun sign(Path out, String... extra) {
        Sandbox sandbox = standard.get();
        List<String> args = new ArrayList<>(List.of("sign", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--credential", "rsa2048", "--format", "pades", "--level", "B",
                "--trust", sandbox.trustAnchor().toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        args.add(inputs.resolve(DemoDocuments.PDF).toString());
        return CliRun.run(Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret(), "CSC_PIN", sandbox.pin()),
                args.toArray(String[]::new));
    }

    @Test
    void boxGoesOnTheChosenPageAndRectangleWithItsLogo(@TempDir Path out) throws Exception {
        CliRun run = sign(out, "--reason", "Approved", "--visible-image", logo.toString(), "--visible-page", "1",
                "--visible-rect", "100,150,250,80");

        assertThat(run.exitCode()).as(run.all()).isZero();
        Path signed = out.resolve(DemoDocuments.PDF.replace(".pdf", "-signed.pdf"));
        try (PDDocument pdf = Loader.loadPDF(signed.toFile())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 144);
            ImageIO.write(page, "png", Path.of("target", "visible-options-page1.png").toFile());
            // 2 px per point: the box spans x 200..699, y 300..459
            assertThat(share(page, 210, 301, 690, 301, VisibleSignatureOptionsTest::dark)).as("top border").isGreaterThan(0.95);
            assertThat(share(page, 201, 310, 201, 450, VisibleSignatureOptionsTest::dark)).as("left border").isGreaterThan(0.95);
            assertThat(share(page, 210, 310, 330, 450, c -> c.getRed() > 200 && c.getGreen() < 60)).as("logo")
                    .isGreaterThan(0.5);
            assertThat(share(page, 360, 310, 690, 450, VisibleSignatureOptionsTest::dark)).as("text").isGreaterThan(0.01);
            assertThat(share(page, 190, 290, 710, 296, c -> !white(c))).as("above the box").isZero();
            // the last page, where a box goes by default, is as it was without one
            int last = pdf.getNumberOfPages() - 1;
            BufferedImage lastPage = new PDFRenderer(pdf).renderImageWithDPI(last, 144);
            try (PDDocument original = Loader.loadPDF(inputs.resolve(DemoDocuments.PDF).toFile())) {
                BufferedImage before = new PDFRenderer(original).renderImageWithDPI(last, 144);
                for (int x = 0; x < before.getWidth(); x += 3) {
                    for (int y = 0; y < before.getHeight(); y += 3) {
                        assertThat(lastPage.getRGB(x, y)).as("last page at %d,%d", x, y).isEqualTo(before.getRGB(x, y));
                    }
                }
            }
        }
    }

    @Test
    void badPlacementOrImageIsAUsageErrorAndNothingIsWritten(@TempDir Path out) throws Exception {
        Path notAnImage = Files.writeString(out.getParent().resolve("not-an-image-" + out.getFileName() + ".png"), "x");
        String[][] cases = {
                {"--visible-page", "0"},
                {"--visible-rect", "1,2,3"},
                {"--visible-rect", "10,10,-5,20"},
                {"--visible-image", notAnImage.toString()},
        };
        for (String[] bad : cases) {
            CliRun run = sign(out, bad);
            assertThat(run.exitCode()).as(String.join(" ", bad) + ": " + run.all()).isEqualTo(2);
            assertThat(run.err()).startsWith("cscsign: error: --visible").doesNotContain("Exception");
        }
        assertThat(standard.get().stats().count("/csc/v2/signatures/signHash")).isZero();
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void aPageTheDocumentDoesNotHaveIsBadInputAndNothingIsSpentOrWritten(@TempDir Path out) throws Exception {
        long before = standard.get().stats().count("/csc/v2/signatures/signHash");

        CliRun run = sign(out, "--visible-page", "99");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(4);
        assertThat(run.err().strip()).startsWith("cscsign: error: ").contains(DemoDocuments.PDF).contains("page 99")
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(standard.get().stats().count("/csc/v2/signatures/signHash")).isEqualTo(before);
        assertThat(out).isEmptyDirectory();
    }

    private static boolean dark(Color c) {
        return 0.3 * c.getRed() + 0.59 * c.getGreen() + 0.11 * c.getBlue() < 128;
    }

    private static boolean white(Color c) {
        return c.getRed() > 250 && c.getGreen() > 250 && c.getBlue() > 250;
    }

    private static double share(BufferedImage image, int x0, int y0, int x1, int y1,
            java.util.function.Predicate<Color> test) {
        int n = 0;
        int all = 0;
        for (int i = x0; i <= x1; i++) {
            for (int j = y0; j <= y1; j++) {
                all++;
                if (test.test(new Color(image.getRGB(i, j)))) {
                    n++;
                }
            }
        }
        return (double) n / all;
    }
}
