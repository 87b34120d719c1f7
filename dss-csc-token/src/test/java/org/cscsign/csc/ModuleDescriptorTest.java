package org.cscsign.csc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled module descriptor of dss-csc-token exports the API packages and keeps
 * {@code org.cscsign.csc.internal} (wire DTOs, HTTP plumbing) to itself, unqualified exports only.
 */
class ModuleDescriptorTest {

    @Test
    void apiPackagesAreExportedAndTheInternalPackageIsNot() throws IOException, URISyntaxException {
        Path classes = Path.of(CscClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> onDisk = packagesOf(classes);
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            // javac writes no ModulePackages attribute: the packages are those of the compiled classes
            descriptor = ModuleDescriptor.read(in, () -> onDisk);
        }
        Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertThat(descriptor.name()).isEqualTo("org.cscsign.csc");
        assertThat(descriptor.packages()).contains("org.cscsign.csc.internal");
        assertThat(exported).containsExactlyInAnyOrder("org.cscsign.csc", "org.cscsign.csc.auth", "org.cscsign.token");
        assertThat(descriptor.exports()).allSatisfy(e -> assertThat(e.isQualified()).as(e.source()).isFalse());
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.isOpen()).isFalse();
    }

    private static Set<String> packagesOf(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .map(f -> classes.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                    .collect(Collectors.toSet());
        }
    }
}
