package org.cscsign.samples;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Input documents for the sample tests, made on the fly. */
final class SampleFiles {

    private SampleFiles() {
    }

    /** Writes a small PDF with {@code pages} pages of text. */
    static Path pdf(Path file, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                    text.newLineAtOffset(72, 700);
                    text.showText("cscsign sample " + file.getFileName() + ", page " + i);
                    text.endText();
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /** Writes a small XML invoice. */
    static Path xml(Path file) throws IOException {
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <invoice id="INV-2026-0042">
                  <seller>Example Supplies AS</seller>
                  <buyer>Example Customer GmbH</buyer>
                  <line sku="A-17" quantity="3" unitPrice="19.90"/>
                  <total currency="EUR">59.70</total>
                </invoice>
                """);
        return file;
    }
}
