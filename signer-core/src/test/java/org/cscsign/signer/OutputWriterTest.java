package org.cscsign.signer;

import eu.europa.esig.dss.model.CommonDocument;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputWriterTest {

    @TempDir
    Path dir;

    private static DSSDocument doc(String name, String content) {
        return new InMemoryDocument(content.getBytes(StandardCharsets.UTF_8), name);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The process's umask, from Linux's /proc (since 4.7); empty elsewhere. */
    static java.util.Optional<Integer> umask() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return java.util.Optional.empty();
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("Umask:"))
                .map(l -> Integer.parseInt(l.substring("Umask:".length()).strip(), 8)).findFirst();
    }

    static int mode(Path file) throws IOException {
        int mode = 0;
        for (java.nio.file.attribute.PosixFilePermission p : Files.getPosixFilePermissions(file)) {
            mode |= 1 << (8 - p.ordinal());   // OWNER_READ is ordinal 0 = 0400
        }
        return mode;
    }

    @Test
    void outputsGetTheModeOfTheUmaskLikeAnyToolsFiles() throws IOException {
        int umask = umask().orElse(0022);
        List<Path> written = new OutputWriter(dir, false).write(List.of(doc("a.p7m", "A"), doc("b.p7m", "B")));

        for (Path file : written) {
            assertThat(Integer.toOctalString(mode(file))).isEqualTo(Integer.toOctalString(0666 & ~umask));
        }
        if (umask == 0022) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written.get(0))))
                    .isEqualTo("rw-r--r--");
        }
    }

    @Test
    void writesEveryOutputUnderItsName() throws IOException {
        List<Path> written = new OutputWriter(dir, false).write(List.of(doc("a.p7m", "A"), doc("b.p7m", "B")));

        assertThat(written).containsExactly(dir.resolve("a.p7m"), dir.resolve("b.p7m"));
        assertThat(Files.readString(dir.resolve("b.p7m"))).isEqualTo("B");
        assertThat(listing()).containsExactly("a.p7m", "b.p7m");
    }

    @Test
    void refusesToOverwriteAndWritesNothingOfTheBatch() throws IOException {
        Files.writeString(dir.resolve("b.p7m"), "old");

        assertThatThrownBy(() -> new OutputWriter(dir, false).write(List.of(doc("a.p7m", "A"), doc("b.p7m", "B"))))
                .isInstanceOf(OutputException.class).hasMessageContaining("b.p7m");

        assertThat(listing()).containsExactly("b.p7m");
        assertThat(Files.readString(dir.resolve("b.p7m"))).isEqualTo("old");
    }

    @Test
    void overwritesWhenAllowed() throws IOException {
        Files.writeString(dir.resolve("a.p7m"), "old");

        new OutputWriter(dir, true).write(List.of(doc("a.p7m", "new")));

        assertThat(Files.readString(dir.resolve("a.p7m"))).isEqualTo("new");
    }

    @Test
    void aFailingDocumentLeavesNoFileBehind() throws IOException {
        DSSDocument broken = new CommonDocument() {
            @Override
            public InputStream openStream() {
                throw new IllegalStateException("disk gone");
            }

            @Override
            public void writeTo(OutputStream stream) throws IOException {
                stream.write("partial".getBytes(StandardCharsets.UTF_8));
                throw new IOException("disk gone");
            }
        };
        broken.setName("c.p7m");

        assertThatThrownBy(() -> new OutputWriter(dir, false).write(List.of(doc("a.p7m", "A"), broken)))
                .isInstanceOf(OutputException.class).hasMessageContaining("nothing was written");

        assertThat(listing()).isEmpty();
    }

    @Test
    void refusesTwoOutputsWithTheSameName() throws IOException {
        assertThatThrownBy(() -> new OutputWriter(dir, false).write(List.of(doc("a.p7m", "A"), doc("a.p7m", "B"))))
                .isInstanceOf(OutputException.class).hasMessageContaining("two outputs");
        assertThat(listing()).isEmpty();
    }

    @Test
    void refusesNamesThatLeaveTheDirectory() {
        assertThatThrownBy(() -> new OutputWriter(dir, false).write(List.of(doc("../escape.p7m", "A"))))
                .isInstanceOf(OutputException.class).hasMessageContaining("leaves the output directory");
    }
}
