package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.ProgressListener;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.validator.ReportWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** validate over real signatures made once per class with a local key of the sandbox PKI. */
class ValidateSignedDocumentsTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    @TempDir
    static Path fixtures;

    static Path signedPdf;
    static Path signedXml;
    static Path detachedSignature;
    static Path detachedContent;

    @BeforeAll
    static void signFixtures() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore keyStore = sandbox.get().pki().toPkcs12("ecp256", password);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        keyStore.store(bytes, password);
        try (KeyStoreSignatureTokenConnection token = new KeyStoreSignatureTokenConnection(bytes.toByteArray(),
                "PKCS12", new KeyStore.PasswordProtection(password))) {
            DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("ecp256")
                    .tsa(sandbox.get().tsaUrl()).trustAnchorFile(sandbox.get().trustAnchor()).build();
            Path in = Files.createDirectories(fixtures.resolve("in"));
            DemoDocuments.writeAll(in);
            Path out = fixtures.resolve("out");
            signer.signFiles(List.of(in.resolve(DemoDocuments.PDF)), out,
                    SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE);
            signer.signFiles(List.of(in.resolve(DemoDocuments.XML)), out,
                    SignatureOptions.builder(SignatureFormat.XADES).level(Level.B).build(), false, ProgressListener.NONE);
            signer.signFiles(List.of(in.resolve(DemoDocuments.CONTRACT)), out,
                    SignatureOptions.builder(SignatureFormat.CADES).level(Level.LT)
                            .packaging(org.cscsign.signer.Packaging.DETACHED).build(), false, ProgressListener.NONE);
            detachedSignature = out.resolve("contract.p7s");
            detachedContent = in.resolve(DemoDocuments.CONTRACT);
            signedPdf = out.resolve("service-agreement-signed.pdf");
            signedXml = out.resolve("invoice-signed.xml");
        }
    }

    @AfterAll
    static void nothingToClose() {
        // the sandbox extension stops the sandbox
    }

    @Test
    void signedFilesWithTrustedRootPassAndJsonHasTheContractShape() throws Exception {
        CliRun run = CliRun.run("validate", "--trust", sandbox.get().trustAnchor().toString(), "--json",
                signedPdf.toString(), signedXml.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        JsonNode documents = Json.mapper().readTree(run.out()).path("documents");
        assertThat(documents).hasSize(2);
        JsonNode pdf = documents.get(0);
        assertThat(pdf.path("file").asText()).isEqualTo(signedPdf.toString());
        assertThat(pdf.path("indication").asText()).isEqualTo("TOTAL_PASSED");
        JsonNode signature = pdf.path("signatures").get(0);
        assertThat(signature.path("id").asText()).isNotBlank();
        assertThat(signature.path("format").asText()).isEqualTo("PAdES-BASELINE-LT");
        assertThat(signature.path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(signature.has("subIndication")).isTrue();
        assertThat(signature.path("subIndication").isNull()).isTrue();
        assertThat(documents.get(1).path("signatures").get(0).path("format").asText()).isEqualTo("XAdES-BASELINE-B");
    }

    @Test
    void tableShowsFormatAndIndicationPerSignature() {
        CliRun run = CliRun.run("validate", "--offline", "--trust", sandbox.get().trustAnchor().toString(),
                signedPdf.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(run.out()).contains("FORMAT").contains("PAdES-BASELINE-LT").contains("TOTAL_PASSED");
    }

    @Test
    void tamperedFileDoesNotPass(@TempDir Path dir) throws Exception {
        byte[] xml = Files.readAllBytes(signedXml);
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
        Path tampered = Files.writeString(dir.resolve("tampered.xml"), text.replace("3750.00", "9750.00"));

        CliRun run = CliRun.run("validate", "--offline", "--trust", sandbox.get().trustAnchor().toString(), "--json",
                tampered.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        JsonNode signature = Json.mapper().readTree(run.out()).path("documents").get(0).path("signatures").get(0);
        assertThat(signature.path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(signature.path("subIndication").asText()).isEqualTo("HASH_FAILURE");
    }

    @Test
    void detachedSignaturePassesOnlyWithItsContent() throws Exception {
        String trust = sandbox.get().trustAnchor().toString();

        CliRun with = CliRun.run("validate", "--offline", "--trust", trust, "--detached-content",
                detachedContent.toString(), detachedSignature.toString());
        CliRun without = CliRun.run("validate", "--offline", "--trust", trust, "--json", detachedSignature.toString());

        assertThat(with.exitCode()).as(with.all()).isEqualTo(0);
        assertThat(with.out()).contains("CAdES-BASELINE-LT").contains("TOTAL_PASSED");
        assertThat(without.exitCode()).as(without.all()).isEqualTo(1);
        assertThat(Json.mapper().readTree(without.out()).path("documents").get(0).path("indication").asText())
                .isNotEqualTo("TOTAL_PASSED");
    }

    @Test
    void untrustedRootDoesNotPass() throws Exception {
        CliRun run = CliRun.run("validate", "--offline", "--json", signedXml.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(Json.mapper().readTree(run.out()).path("documents").get(0).path("indication").asText())
                .isEqualTo("INDETERMINATE");
    }

    @Test
    void reportsAreWrittenPerFile(@TempDir Path dir) {
        Path reports = dir.resolve("reports");

        CliRun run = CliRun.run("validate", "--offline", "--trust", sandbox.get().trustAnchor().toString(),
                "--reports", reports.toString(), signedPdf.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        Path perFile = reports.resolve(signedPdf.getFileName() + ReportWriter.REPORTS_SUFFIX);
        assertThat(perFile.resolve(ReportWriter.SIMPLE_HTML)).exists();
        assertThat(perFile.resolve(ReportWriter.SIMPLE_PDF)).exists();
        assertThat(perFile.resolve(ReportWriter.DETAILED_XML)).exists();
        assertThat(reports.resolve(ReportWriter.INDEX_HTML)).exists();
    }
}
