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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest
    @EnumSource(value = SignatureFormat.class, names = {"XADES", "JADES"})
    void aDetachedXadesOrJadesOfAFileLargerThanTheHeapSignsAndValidates(SignatureFormat format, @TempDir Path tmp)
            throws Exception {
        Path input = LargeFiles.binary(tmp.resolve("large.bin"), SIZE);
        Path out = tmp.resolve("out");

        // digests of the content by streaming: for JAdES the unencoded payload (b64 false) makes that possible
        String output = signInChild(tmp, "B", input, out, format.name(), "DETACHED");

        String expected = format == SignatureFormat.XADES ? "XAdES-BASELINE-B" : "JAdES-BASELINE-B";
        assertThat(output).contains("SIGNED " + expected);
        try (Stream<Path> files = Files.list(out)) {
            Path signed = files.findFirst().orElseThrow();
            assertThat(Files.size(signed)).isLessThan(1 << 20);
            ValidationResult validation = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor())
                    .build().validate(signed, List.of(input));
            assertThat(validation.signatures()).singleElement().satisfies(s -> {
                assertThat(s.passed()).as(s.errors().toString()).isTrue();
                assertThat(s.format()).isEqualTo(expected);
            });
        }
    }

    @Test
    void aJsonDocumentLargerThanTheHeapSignsAsDetachedJadesWithoutBeingParsedWhole(@TempDir Path tmp)
            throws Exception {
        // many small values: DSS's check "is this a JWS already?" built a tree node per value (gigabytes for 20 MB)
        Path input = tmp.resolve("orders.json");
        try (java.io.Writer w = Files.newBufferedWriter(input)) {
            w.write("{\"orders\":[");
            for (int i = 0; i < 600_000; i++) {
                w.write((i == 0 ? "" : ",") + "{\"id\":" + i + ",\"item\":\"item-" + i + "\",\"qty\":" + (i % 7) + "}");
            }
            w.write("]}");
        }
        assertThat(Files.size(input)).isGreaterThan(24L << 20);
        Path out = tmp.resolve("out");

        String output = signInChild(tmp, "B", input, out, "JADES", "DETACHED");

        assertThat(output).contains("SIGNED JAdES-BASELINE-B");
        ValidationResult validation = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor())
                .build().validate(out.resolve("orders.jws.json"), List.of(input));
        assertThat(validation.signatures()).singleElement().satisfies(s -> assertThat(s.passed()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(value = SignatureFormat.class, names = {"XADES", "JADES"})
    void anEnvelopingXadesOrJadesTooLargeForTheHeapIsRefusedBeforeAnythingIsSpent(SignatureFormat format,
            @TempDir Path tmp) throws Exception {
        // DSS holds enveloping XAdES/JAdES in memory (14-20 times the input): 8 MiB cannot fit in 48 MiB
        Path input = LargeFiles.binary(tmp.resolve("big.bin"), 8L << 20);
        Path out = tmp.resolve("out");
        long signHashBefore = sandbox.get().stats().count("/csc/v2/signatures/signHash");

        ChildRun run = runChild(tmp, "B", input, out, format.name(), "ENVELOPING");

        assertThat(run.exit()).as(run.output()).isEqualTo(4);
        assertThat(run.output()).contains("REFUSED big.bin: too large for the memory given: signing it needs about")
                .contains("the JVM may use at most").doesNotContain("OutOfMemoryError");
        assertThat(sandbox.get().stats().count("/csc/v2/signatures/signHash")).isEqualTo(signHashBefore);
        assertThat(out).doesNotExist();
    }

    /** Runs {@link LargeDocumentChild} in the small heap with its own temporary folder, which must end empty. */
    private static String signInChild(Path tmp, String level, Path input, Path out, String... formatAndPackaging)
            throws IOException, InterruptedException {
        ChildRun run = runChild(tmp, level, input, out, formatAndPackaging);
        assertThat(run.exit()).as(run.output()).isZero();
        return run.output();
    }

    private record ChildRun(int exit, String output) {
    }

    private static ChildRun runChild(Path tmp, String level, Path input, Path out, String... formatAndPackaging)
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
        try (Stream<Path> left = Files.list(childTmp)) {
            assertThat(left.toList()).as("temporary files left behind").isEmpty();
        }
        return new ChildRun(child.exitValue(), output);
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
