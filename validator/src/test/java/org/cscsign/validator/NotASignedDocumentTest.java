package org.cscsign.validator;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotASignedDocumentTest {

    private final DocumentValidator validator = DocumentValidator.builder().online(false).build();

    @Test
    void textFileIsRejectedAsNotASignedDocumentFormat(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "just some words\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> validator.validate(text, List.of()))
                .isInstanceOf(NotASignedDocumentException.class)
                .hasMessage("not a PDF/CMS/XML/JSON/ASiC document: notes.txt");
    }

    @Test
    void unsignedPdfIsRejectedWithNoSignatureFound(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("plain.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(pdf.toFile());
        }

        assertThatThrownBy(() -> validator.validate(pdf, List.of()))
                .isInstanceOf(NotASignedDocumentException.class)
                .hasMessage("no signature found in plain.pdf");
    }

    @Test
    void unsignedXmlIsRejectedAsNotSigned(@TempDir Path dir) throws Exception {
        Path xml = Files.writeString(dir.resolve("data.xml"), "<?xml version=\"1.0\"?><root><a>1</a></root>");

        assertThatThrownBy(() -> validator.validate(xml, List.of()))
                .isInstanceOf(NotASignedDocumentException.class)
                .hasMessageContaining("data.xml");
    }
}
