package org.cscsign.signer;

import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.cscsign.sandbox.junit.LargeFiles;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents much larger than the heap sign and self-validate: the signer works from the input file and
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

        String output = signInChild(tmp, "LT", input, out);

        assertThat(output).contains("SIGNED PAdES-BASELINE-LT");
        Path signed = out.resolve("large-signed.pdf");
        assertThat(Files.size(signed)).isGreaterThan(SIZE);
        ValidationResult validation = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor())
                .online(false).build().validate(signed, List.of());
        assertThat(validation.signatures()).singleElement().satisfies(s -> assertThat(s.passed()).isTrue());
        assertThat(sandbox.get().stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
    }

    @Test
    void anEnvelopingCadesLargerThanTheHeapSignsAtLtCarriesTheContentAndValidates(@TempDir Path tmp)
            throws Exception {
        Path input = LargeFiles.binary(tmp.resolve("large.bin"), SIZE);
        Path out = tmp.resolve("out");
        long signHashBefore = sandbox.get().stats().count("/csc/v2/signatures/signHash");

        // the child signs, streams the content into the CMS and self-validates (the validator streams it out again)
        String output = signInChild(tmp, "LT", input, out, "CADES", "ENVELOPING");

        assertThat(output).contains("SIGNED CAdES-BASELINE-LT");
        Path signed = out.resolve("large.p7m");
        assertThat(Files.size(signed)).isGreaterThan(SIZE);
        assertThat(encapsulatedContentDigest(signed)).isEqualTo(sha256(input));
        ValidationResult validation = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor())
                .online(false).build().validate(signed, List.of());
        assertThat(validation.signatures()).singleElement().satisfies(s -> {
            assertThat(s.passed()).isTrue();
            assertThat(s.format()).isEqualTo("CAdES-BASELINE-LT");
        });
        assertThat(sandbox.get().stats().count("/csc/v2/signatures/signHash") - signHashBefore).isEqualTo(1);
    }

    /** Runs {@link LargeDocumentChild} in the small heap with its own temporary folder, which must end empty. */
    private static String signInChild(Path tmp, String level, Path input, Path out, String... formatAndPackaging)
            throws IOException, InterruptedException {
        Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-Djava.io.tmpdir=" + childTmp, "-cp", System.getProperty("java.class.path"),
                LargeDocumentChild.class.getName(), level, input.toString(), out.toString(),
                sandbox.get().cscUrl().toString(), sandbox.get().clientId(), sandbox.get().tsaUrl().toString(),
                sandbox.get().trustAnchor().toString()));
        command.addAll(List.of(formatAndPackaging));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CSC_CLIENT_SECRET", sandbox.get().clientSecret());
        pb.environment().put("CSC_PIN", sandbox.get().pin());
        Process child = pb.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        try (Stream<Path> left = Files.list(childTmp)) {
            assertThat(left.toList()).as("temporary files left behind").isEmpty();
        }
        return output;
    }

    /** The SHA-256 of the eContent, read with BouncyCastle's streaming parser (not through the signer's code). */
    private static byte[] encapsulatedContentDigest(Path cms) throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(cms))) {
            CMSSignedDataParser parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(), in);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream content = new DigestInputStream(parser.getSignedContent().getContentStream(), digest)) {
                content.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return digest.digest();
        }
    }

    private static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return digest.digest();
    }
}
