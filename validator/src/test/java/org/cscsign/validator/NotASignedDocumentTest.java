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
                .hasMessage("not a PDF/CMS/XML/JSON/ASiC document or RFC 3161 timestamp: notes.txt");
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
                .hasMessage("no signature or timestamp found in plain.pdf");
    }

    @Test
    void unsignedXmlIsRejectedAsNotSigned(@TempDir Path dir) throws Exception {
        Path xml = Files.writeString(dir.resolve("data.xml"), "<?xml version=\"1.0\"?><root><a>1</a></root>");

        assertThatThrownBy(() -> validator.validate(xml, List.of()))
                .isInstanceOf(NotASignedDocumentException.class)
                .hasMessageContaining("data.xml");
    }

    @Test
    void corruptPdfIsRejectedAsUnreadable(@TempDir Path dir) throws Exception {
        Path pdf = Files.writeString(dir.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a pdf\n");

        assertThatThrownBy(() -> validator.validate(pdf, List.of()))
                .isInstanceOf(NotASignedDocumentException.class)
                .hasMessageContaining("broken.pdf");
    }

    @Test
    void truncatedCmsIsRejectedAsUnreadable(@TempDir Path dir) throws Exception {
        // a DER SEQUENCE header promising more bytes than there are
        Path p7m = Files.write(dir.resolve("cut.p7m"), new byte[] {0x30, (byte) 0x82, 0x10, 0x00, 0x06, 0x09, 0x2a});

        assertThatThrownBy(() -> validator.validate(p7m, List.of()))
                .isInstanceOf(NotASignedDocumentException.class)
                .hasMessageContaining("cut.p7m");
    }

    @Test
    void zipThatIsNoAsicContainerIsRejected(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("photos.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        assertThatThrownBy(() -> validator.validate(zip, List.of()))
                .isInstanceOf(NotASignedDocumentException.class)
                .hasMessageContaining("photos.zip");
    }

    @Test
    void missingFileIsAnIoErrorNotABadDocument(@TempDir Path dir) {
        assertThatThrownBy(() -> validator.validate(dir.resolve("absent.pdf"), List.of()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("absent.pdf");
    }
}
