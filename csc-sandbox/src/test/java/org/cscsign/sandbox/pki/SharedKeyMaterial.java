package org.cscsign.sandbox.pki;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Generates the PKI's keys once per JVM (RSA 3072 is slow) and hands them to test classes, which open their
 * own PKI on a copy so revocations in one class never leak into another.
 */
final class SharedKeyMaterial implements ParameterResolver {

    static final URI BASE = URI.create("http://127.0.0.1:18443");

    /** The generated key material; deleted when the JUnit run ends. */
    record Keys(Path stateDir) implements AutoCloseable {

        /** Opens a PKI in target on a copy of the shared keys. */
        TestPki open(Path target, URI baseUrl) {
            TestPki.copyKeyMaterial(stateDir, target);
            return TestPki.open(target, baseUrl, Clock.systemUTC());
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> files = Files.walk(stateDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Keys.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot().getStore(ExtensionContext.Namespace.create(SharedKeyMaterial.class))
                .getOrComputeIfAbsent(Keys.class, type -> generate(), Keys.class);
    }

    private static Keys generate() {
        try {
            Path dir = Files.createTempDirectory("cscsign-pki-test-");
            TestPki.open(dir, BASE, Clock.systemUTC());
            return new Keys(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the shared key dir", e);
        }
    }
}
