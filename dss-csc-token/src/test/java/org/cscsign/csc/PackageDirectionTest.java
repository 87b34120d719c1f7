package org.cscsign.csc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the CSC client point one way: {@code csc.auth} builds on {@code csc}, never the
 * reverse. Read from the compiled classes (every type a class names, even only in a signature, is a
 * UTF-8 entry of its constant pool), so an import hidden behind a fully qualified name is caught too.
 */
class PackageDirectionTest {

    @Test
    void noClassOfTheClientPackageNamesTheAuthPackage() throws IOException, URISyntaxException {
        assertThat(classesNamingAuth("org/cscsign/csc")).as("classes of org.cscsign.csc that name org.cscsign.csc.auth")
                .isEmpty();
    }

    @Test
    void theInternalPackageNamesNoAuthClassEither() throws IOException, URISyntaxException {
        assertThat(classesNamingAuth("org/cscsign/csc/internal"))
                .as("classes of org.cscsign.csc.internal that name org.cscsign.csc.auth").isEmpty();
    }

    /** The class files directly in a package folder (not its sub-packages) whose constant pool names csc.auth. */
    private static List<String> classesNamingAuth(String packageFolder) throws IOException, URISyntaxException {
        Path folder = Path.of(CscClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(packageFolder);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .filter(PackageDirectionTest::namesAuthPackage)
                    .map(f -> f.getFileName().toString())
                    .sorted().toList();
        }
    }

    private static boolean namesAuthPackage(Path classFile) {
        try {
            // class files hold names in (modified) UTF-8; ISO-8859-1 maps every byte, so ASCII names match as is
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("org/cscsign/csc/auth/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
