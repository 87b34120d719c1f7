package org.cscsign.validator;

import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Content to sign and ways to tamper with signed content. Every document carries the ASCII
 * {@link #MARKER}, written uncompressed, so a test can change exactly one byte of signed content.
 */
final class Documents {

    static final String MARKER = "cscsign-marker";

    private Documents() {
    }

    static DSSDocument pdf() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.getDocumentInformation().setTitle(MARKER + " contract");
            // no object streams: the marker stays readable in the file
            doc.save(out, CompressParameters.NO_COMPRESSION);
            return new InMemoryDocument(out.toByteArray(), "contract.pdf", MimeTypeEnum.PDF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DSSDocument xml() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><contract><clause>" + MARKER
                + ": pay 100 EUR</clause></contract>";
        return new InMemoryDocument(xml.getBytes(StandardCharsets.UTF_8), "contract.xml", MimeTypeEnum.XML);
    }

    static DSSDocument text() {
        return new InMemoryDocument((MARKER + ": pay 100 EUR\n").getBytes(StandardCharsets.UTF_8), "contract.txt",
                MimeTypeEnum.TEXT);
    }

    /** The content each kind signs. */
    static DSSDocument contentFor(TestSigner.Kind kind) {
        return switch (kind) {
            case PADES -> pdf();
            case XADES_ENVELOPED -> xml();
            default -> text();
        };
    }

    /** Changes one byte (the marker's first 'm' becomes 'M') in the first marker occurrence. */
    static byte[] flipMarker(byte[] bytes) {
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, marker, 0);
        if (at < 0) {
            throw new IllegalStateException("marker not found: the fixture cannot be tampered with");
        }
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        copy[at + MARKER.indexOf("marker")] = (byte) 'M';
        return copy;
    }

    static DSSDocument flipMarker(DSSDocument document) {
        return new InMemoryDocument(flipMarker(bytes(document)),
                document.getName(), document.getMimeType());
    }

    /** For a JWS in JSON serialization: changes the first character of the Base64url payload. */
    static DSSDocument flipJwsPayload(DSSDocument jws) {
        byte[] bytes = bytes(jws);
        byte[] key = "\"payload\":\"".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, key, 0);
        if (at < 0) {
            throw new IllegalStateException("no JSON payload member in the JWS");
        }
        int pos = at + key.length;
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        copy[pos] = (byte) (copy[pos] == 'Y' ? 'Z' : 'Y');
        return new InMemoryDocument(copy, jws.getName(), jws.getMimeType());
    }

    /** Rebuilds an ASiC container with the data file {@code name} tampered (marker flipped). */
    static DSSDocument tamperContainerEntry(DSSDocument container, String name) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes(container)));
             ByteArrayOutputStream raw = new ByteArrayOutputStream();
             ZipOutputStream out = new ZipOutputStream(raw)) {
            boolean found = false;
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (entry.getName().equals(name)) {
                    data = flipMarker(data);
                    found = true;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                if (entry.getName().equals("mimetype")) {
                    // ASiC: the mimetype entry stays first and STORED
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(data.length);
                    copy.setCompressedSize(data.length);
                    copy.setCrc(crc.getValue());
                }
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
            if (!found) {
                throw new IllegalStateException("no entry " + name + " in the container");
            }
            out.finish();
            return new InMemoryDocument(raw.toByteArray(), container.getName(), container.getMimeType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(DSSDocument document) {
        try (var in = document.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
