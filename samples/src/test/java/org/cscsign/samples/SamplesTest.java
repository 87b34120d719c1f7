package org.cscsign.samples;

import org.cscsign.csc.CscClient;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.signer.SignedDocument;
import org.cscsign.signer.WriteResult;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ReportWriter;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sample runs against the standard-profile sandbox and its output is validated by DSS. */
class SamplesTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.multisign(2));

    private static ValidationResult validate(Sandbox sandbox, DSSDocument signed) {
        return DocumentValidator.builder().trustAnchorFile(sandbox.trustAnchor()).build().validate(signed, List.of());
    }

    private static void assertPassedAt(ValidationResult result, String format) {
        assertThat(result.signatures()).isNotEmpty();
        for (SignatureSummary s : result.signatures()) {
            assertThat(s.indication()).as("%s: %s", s.id(), s.errors()).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(s.format()).isEqualTo(format);
        }
    }

    @Test
    void xadesSampleProducesAnEnvelopedXadesLtThatValidates(Sandbox sandbox, @TempDir Path dir) throws Exception {
        Path xml = SampleFiles.xml(dir.resolve("invoice.xml"));

        SignedDocument signed = SignXmlXades.sign(sandbox.cscUrl(), sandbox.clientId(), sandbox.clientSecret(),
                "ecp256", sandbox.pin().toCharArray(), sandbox.tsaUrl(), sandbox.trustAnchor(), xml);

        assertThat(sandbox.stats().ocspRequestsFor("ecp256")).as("leaf OCSP came from signHash").isZero();
        assertThat(signed.name()).isEqualTo("invoice-signed.xml");
        assertPassedAt(validate(sandbox, signed.document()), "XAdES-BASELINE-LT");
    }

    @Test
    void batchSampleSignsFivePdfsInThreeSignHashCallsWithMultisignTwo(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        for (int i = 1; i <= 5; i++) {
            SampleFiles.pdf(in.resolve("contract-" + i + ".pdf"), 1);
        }
        Files.writeString(in.resolve("notes.txt"), "not a PDF, not picked up");
        Path out = dir.resolve("out");

        WriteResult result;
        try (CscSignatureToken token = CscSignatureToken.builder()
                .config(CscClient.builder().baseUrl(sandbox.cscUrl())
                        .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret())))
                        .build())
                .credentialIds("rsa2048")
                .authorizer(CredentialAuthorizer.pin(sandbox.pin().toCharArray()))
                .build()) {
            result = BatchSignFolder.signFolder(token, sandbox.tsaUrl(), sandbox.trustAnchor(), in, out);
        }

        assertThat(result.signHashCalls()).isEqualTo(3);
        assertThat(sandbox.stats().count("/csc/v2/signatures/signHash")).isEqualTo(3);
        assertThat(result.files()).hasSize(5);
        try (var written = Files.list(out)) {
            assertThat(written.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "contract-1-signed.pdf", "contract-2-signed.pdf", "contract-3-signed.pdf",
                    "contract-4-signed.pdf", "contract-5-signed.pdf");
        }
        for (var file : result.files()) {
            assertPassedAt(validate(sandbox, new FileDocument(file.output().toFile())), "PAdES-BASELINE-LT");
        }
    }

    @Test
    void bareTokenSampleSignsWithAPlainDssService(Sandbox sandbox, @TempDir Path dir) throws Exception {
        DSSDocument pdf = new FileDocument(SampleFiles.pdf(dir.resolve("plain.pdf"), 2).toFile());

        DSSDocument signed = BareTokenWithDss.sign(sandbox.cscUrl(), sandbox.clientId(), sandbox.clientSecret(),
                sandbox.pin().toCharArray(), pdf);

        assertPassedAt(validate(sandbox, signed), "PAdES-BASELINE-B");
        assertThat(sandbox.stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
    }

    @Test
    void validateSampleWritesReportsThatCarryTheIndication(Sandbox sandbox, @TempDir Path dir) throws Exception {
        DSSDocument pdf = new FileDocument(SampleFiles.pdf(dir.resolve("report-me.pdf"), 1).toFile());
        Path signed = dir.resolve("report-me-signed.pdf");
        BareTokenWithDss.sign(sandbox.cscUrl(), sandbox.clientId(), sandbox.clientSecret(),
                sandbox.pin().toCharArray(), pdf).save(signed.toString());
        Path reports = dir.resolve("reports");

        ValidationResult result = ValidateAndReport.validate(signed, sandbox.trustAnchor(), reports);

        assertThat(result.allPassed()).isTrue();
        assertThat(Files.readString(reports.resolve(ReportWriter.SIMPLE_HTML))).contains("TOTAL_PASSED");
        assertThat(Files.size(reports.resolve(ReportWriter.SIMPLE_PDF))).isPositive();
        assertThat(reports.resolve(ReportWriter.ETSI_XML)).exists();
    }

    @Test
    void validateSampleReportsATamperedPdfAsFailed(Sandbox sandbox, @TempDir Path dir) throws Exception {
        DSSDocument pdf = new FileDocument(SampleFiles.pdf(dir.resolve("tamper.pdf"), 1).toFile());
        Path signed = dir.resolve("tamper-signed.pdf");
        BareTokenWithDss.sign(sandbox.cscUrl(), sandbox.clientId(), sandbox.clientSecret(),
                sandbox.pin().toCharArray(), pdf).save(signed.toString());
        byte[] bytes = Files.readAllBytes(signed);
        bytes[10] ^= 0x01;   // the binary comment after %PDF-1.x: inside the signed byte range, still a PDF
        Files.write(signed, bytes);

        ValidationResult result = ValidateAndReport.validate(signed, sandbox.trustAnchor(), dir.resolve("r"));

        assertThat(result.allPassed()).isFalse();
        assertThat(result.signatures().get(0).indication()).isEqualTo(Indication.TOTAL_FAILED);
    }
}
