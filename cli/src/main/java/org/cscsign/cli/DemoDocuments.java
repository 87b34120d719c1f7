package org.cscsign.cli;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sample documents {@code cscsign demo} signs: bundled resources, and a multi-page PDF made
 * with PDFBox (DSS's PDF backend) so that no binary PDF has to be shipped.
 */
final class DemoDocuments {

    static final String PDF = "service-agreement.pdf";
    static final String XML = "invoice.xml";
    static final String BINARY = "scan.png";
    static final String JSON = "purchase-order.json";
    static final String CONTRACT = "contract.txt";
    static final String PRICE_LIST = "price-list.csv";

    private DemoDocuments() {
    }

    /**
     * Writes every sample document into {@code dir}.
     *
     * @param dir the input directory of the demo
     */
    static void writeAll(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : List.of(XML, BINARY, JSON, CONTRACT, PRICE_LIST)) {
                try (InputStream in = DemoDocuments.class.getResourceAsStream("demo/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("sample document missing from the jar: " + name);
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            writePdf(dir.resolve(PDF));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo documents into " + dir, e);
        }
    }

    /** A three-page agreement of plain text, the kind of PDF people sign. */
    static void writePdf(Path target) throws IOException {
        String[][] pages = {
                {"SERVICE AGREEMENT", "",
                        "Nordlicht Consulting AS, Storgata 12, 0155 Oslo (the Supplier)",
                        "and Donau Logistik GmbH, Praterstrasse 7, 1020 Wien (the Customer)", "",
                        "1. Scope",
                        "The Supplier integrates advanced electronic signatures into the",
                        "Customer's invoicing and contract workflows. Keys are held by a",
                        "qualified trust service provider and reached through the Cloud",
                        "Signature Consortium (CSC) API.", "",
                        "2. Deliverables",
                        "- PAdES signatures for contracts, XAdES for e-invoices,",
                        "- ASiC-E containers for document bundles,",
                        "- validation reports for every signed document."},
                {"3. Service levels", "",
                        "Signing requests are answered within two seconds on average.",
                        "Long-term validation (LT) data is embedded in every signature so",
                        "that documents stay verifiable after certificates expire.", "",
                        "4. Fees",
                        "Fees are set out in the price list attached to the framework",
                        "agreement. Invoices are payable within 30 days."},
                {"5. Term and termination", "",
                        "This agreement runs for twelve months and renews unless either",
                        "party gives three months' notice.", "",
                        "6. Signatures",
                        "Signed electronically by both parties; the signature appears",
                        "below and is verifiable with any EU DSS based validator.", "", "",
                        "For the Supplier:", "", "", "", "", ""},
        };
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument document = new PDDocument()) {
            for (int p = 0; p < pages.length; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    float y = 770;
                    for (String line : pages[p]) {
                        boolean heading = !line.isEmpty() && (Character.isDigit(line.charAt(0))
                                || line.equals(line.toUpperCase(java.util.Locale.ROOT)) && line.length() > 3);
                        content.beginText();
                        content.setFont(heading ? bold : regular, heading ? 13 : 11);
                        content.newLineAtOffset(72, y);
                        content.showText(line);
                        content.endText();
                        y -= 18;
                    }
                    content.beginText();
                    content.setFont(regular, 9);
                    content.newLineAtOffset(72, 40);
                    content.showText("Page " + (p + 1) + " of " + pages.length);
                    content.endText();
                }
            }
            Files.deleteIfExists(target);
            document.save(target.toFile());
        }
    }
}
