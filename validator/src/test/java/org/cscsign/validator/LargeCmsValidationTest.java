package org.cscsign.validator;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.TestSigner.Kind;
import org.cscsign.validator.TestSigner.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large enveloping CMS is validated by streaming its content to a temporary file and validating the SignedData
 * without it as a detached signature: the verdict is the one DSS gives reading the CMS whole, a changed byte of
 * content still fails, and the temporary file is gone afterwards.
 */
class LargeCmsValidationTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static TestSigner signer;
    private static DocumentValidator validator;

    @BeforeAll
    static void setUp() {
        signer = new TestSigner(sandbox.get(), "rsa2048");
        validator = DocumentValidator.builder().trustAnchor(sandbox.get().pki().rootCertificate()).build();
    }

    @AfterAll
    static void tearDown() {
        signer.close();
    }

    @ParameterizedTest
    @EnumSource(Level.class)
    void theStreamedPathGivesDssOwnVerdictAndLeavesNoFile(Level level, @TempDir Path tmp) throws IOException {
        Path signed = tmp.resolve("notes.p7m");
        Files.write(signed, DSSUtils.toByteArray(signer.sign(Kind.CADES_ENVELOPING, level, Documents.text())));
        List<Path> before = contentFiles();

        ValidationResult whole = validator.validate(new FileDocument(signed.toFile()), List.of(), Long.MAX_VALUE);
        ValidationResult streamed = validator.validate(new FileDocument(signed.toFile()), List.of(), 0);

        assertThat(streamed.signatures()).hasSize(1);
        SignatureSummary s = streamed.signatures().get(0);
        assertThat(s.indication()).as(s.errors().toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(s.format()).isEqualTo("CAdES-BASELINE-" + level);
        SignatureSummary w = whole.signatures().get(0);
        assertThat(List.of(s.id(), s.format(), s.indication(), String.valueOf(s.subIndication()), s.signingTime(),
                s.signerSubject(), s.errors(), s.warnings()))
                .isEqualTo(List.of(w.id(), w.format(), w.indication(), String.valueOf(w.subIndication()),
                        w.signingTime(), w.signerSubject(), w.errors(), w.warnings()));
        assertThat(streamed.documentName()).isEqualTo("notes.p7m");
        assertThat(scopeNames(streamed)).isEqualTo(scopeNames(whole));
        assertThat(contentFiles()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Level.class)
    void aChangedByteOfContentFailsOnTheStreamedPathAsItDoesWhole(Level level, @TempDir Path tmp) throws IOException {
        byte[] cms = DSSUtils.toByteArray(signer.sign(Kind.CADES_ENVELOPING, level, Documents.text()));
        Path tampered = Files.write(tmp.resolve("notes.p7m"), Documents.flipMarker(cms));

        SignatureSummary whole = validator.validate(new FileDocument(tampered.toFile()), List.of(), Long.MAX_VALUE)
                .signatures().get(0);
        SignatureSummary streamed = validator.validate(new FileDocument(tampered.toFile()), List.of(), 0)
                .signatures().get(0);

        assertThat(streamed.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(streamed.subIndication()).isEqualTo(whole.subIndication());
    }

    @ParameterizedTest
    @EnumSource(Level.class)
    void anEnvelopingCmsNeedsNoDetachedContent(Level level, @TempDir Path tmp) throws IOException {
        Path enveloping = Files.write(tmp.resolve("a.p7m"),
                DSSUtils.toByteArray(signer.sign(Kind.CADES_ENVELOPING, level, Documents.text())));
        Path detached = Files.write(tmp.resolve("b.p7s"),
                DSSUtils.toByteArray(signer.sign(Kind.CADES_DETACHED, level, Documents.text())));

        assertThat(validator.detachedContentNames(enveloping)).isEmpty();
        assertThat(validator.detachedContentNames(detached)).contains(List.of());
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"PADES", "XADES_ENVELOPED", "JADES", "ASIC_E"})
    void otherFormatsAboveTheSizeGoToDssAsTheyAre(Kind kind, @TempDir Path tmp) throws IOException {
        Path signed = Files.write(tmp.resolve("signed"), DSSUtils.toByteArray(signer.sign(kind, Level.B,
                Documents.contentFor(kind))));

        ValidationResult result = validator.validate(new FileDocument(signed.toFile()), List.of(), 0);

        assertThat(result.signatures()).singleElement().satisfies(s -> {
            assertThat(s.indication()).as(s.errors().toString()).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(s.format()).isEqualTo(TestSigner.expectedFormat(kind, Level.B));
        });
    }

    private static List<String> scopeNames(ValidationResult result) {
        DiagnosticData data = result.reports().getDiagnosticData();
        SignatureWrapper signature = data.getSignatures().get(0);
        return signature.getSignatureScopes().stream().map(x -> x.getScope() + ":" + x.getName()).toList();
    }

    private static List<Path> contentFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("cscsign-content-")).sorted().toList();
        }
    }
}
