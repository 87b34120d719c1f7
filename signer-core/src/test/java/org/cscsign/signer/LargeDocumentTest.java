package org.cscsign.signer;

import org.cscsign.sandbox.junit.LargeFiles;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PDF much larger than the heap signs and self-validates: the signer works from the input file and
 * writes through temporary files (a child JVM with a heap smaller than the document proves it).
 */
class LargeDocumentTest {

    private static final long SIZE = 64L << 20;
    private static final String HEAP = "-Xmx48m";

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    @Test
    void aPdfLargerThanTheHeapSignsAtLtAndValidates(@TempDir Path tmp) throws IOException, InterruptedException {
        Path input = LargeFiles.pdf(tmp.resolve("large.pdf"), SIZE);
        Path out = tmp.resolve("out");

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), LargeDocumentChild.class.getName(), "LT",
                input.toString(), out.toString(), sandbox.get().cscUrl().toString(), sandbox.get().clientId(),
                sandbox.get().tsaUrl().toString(), sandbox.get().trustAnchor().toString()).redirectErrorStream(true);
        pb.environment().put("CSC_CLIENT_SECRET", sandbox.get().clientSecret());
        pb.environment().put("CSC_PIN", sandbox.get().pin());
        Process child = pb.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("SIGNED PAdES-BASELINE-LT");
        Path signed = out.resolve("large-signed.pdf");
        assertThat(Files.size(signed)).isGreaterThan(SIZE);
        ValidationResult validation = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor())
                .online(false).build().validate(signed, List.of());
        assertThat(validation.signatures()).singleElement().satisfies(s -> assertThat(s.passed()).isTrue());
        assertThat(sandbox.get().stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
    }
}
