package org.cscsign.sandbox.junit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test fixture: writes large inputs (for memory tests and the benchmark harness) straight to disk, never
 * holding them in memory: a valid one-page PDF whose page content stream is {@code bytes} long, and a file
 * of random bytes for CAdES.
 */
public final class LargeFiles {

    private LargeFiles() {
    }

    /**
     * A PDF of about {@code bytes} bytes: catalog, pages, one page whose content stream is PDF comment lines
     * (valid content that draws nothing), written with a correct cross-reference table.
     *
     * @param file where to write
     * @param bytes the size of the content stream
     * @return the file
     * @throws IOException when writing fails
     */
    public static Path pdf(Path file, long bytes) throws IOException {
        try (CountingStream out = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            List<Long> offsets = new ArrayList<>();
            out.ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
            offsets.add(out.count);
            out.ascii("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
            offsets.add(out.count);
            out.ascii("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
            offsets.add(out.count);
            out.ascii("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>\n"
                    + "endobj\n");
            offsets.add(out.count);
            out.ascii("4 0 obj\n<< /Length " + bytes + " >>\nstream\n");
            byte[] line = "% large benchmark content, deliberately inert ...........................\n"
                    .getBytes(StandardCharsets.US_ASCII);
            long left = bytes;
            while (left > 0) {
                int n = (int) Math.min(line.length, left);
                if (n < line.length) {
                    // keep the stream ending on a newline: blanks then one '\n'
                    byte[] tail = new byte[n];
                    java.util.Arrays.fill(tail, (byte) ' ');
                    tail[n - 1] = '\n';
                    out.write(tail);
                } else {
                    out.write(line);
                }
                left -= n;
            }
            out.ascii("\nendstream\nendobj\n");
            long xref = out.count;
            StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
            for (long offset : offsets) {
                table.append(String.format("%010d 00000 n \n", offset));
            }
            table.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                    .append(xref).append("\n%%EOF\n");
            out.ascii(table.toString());
        }
        return file;
    }

    /**
     * @param file where to write
     * @param bytes how many random bytes
     * @return the file
     * @throws IOException when writing fails
     */
    public static Path binary(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1 << 16];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long left = bytes;
            while (left > 0) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        }
        return file;
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        void ascii(String s) throws IOException {
            write(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
