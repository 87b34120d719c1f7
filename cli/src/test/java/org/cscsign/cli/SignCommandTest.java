package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SignCommandTest {

    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    @RegisterExtension
    static SandboxExtension bankid = SandboxExtension.bankid();

    @TempDir
    static Path inputs;

    @BeforeAll
    static void writeInputs() {
        DemoDocuments.writeAll(inputs);
    }

    private static Map<String, String> secrets(Sandbox sandbox) {
        return Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret(), "CSC_PIN", sandbox.pin());
    }

    private static List<String> connection(Sandbox sandbox) {
        return List.of("--csc-url", sandbox.cscUrl().toString(), "--client-id", sandbox.clientId());
    }

    private static CliRun sign(Sandbox sandbox, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("sign"));
        all.addAll(connection(sandbox));
        all.addAll(List.of(args));
        return CliRun.run(env, all.toArray(String[]::new));
    }

    private static ValidationResult validate(Sandbox sandbox, Path file) {
        return DocumentValidator.builder().trustAnchorFile(sandbox.trustAnchor()).online(false).build()
                .validate(file, List.of());
    }

    @Test
    void padesLtBatchTakesOneSignHashCallAndEveryOutputPasses(@TempDir Path out) throws Exception {
        Sandbox sandbox = standard.get();
        Path second = Files.copy(inputs.resolve(DemoDocuments.PDF), out.getParent().resolve("second-" + out.getFileName() + ".pdf"));

        CliRun run = sign(sandbox, secrets(sandbox), "--credential", "rsa2048", "--format", "pades", "--level", "LT",
                "--tsa", sandbox.tsaUrl().toString(), "--trust", sandbox.trustAnchor().toString(), "--visible",
                "--reason", "approved", "--out", out.toString(), "--json",
                inputs.resolve(DemoDocuments.PDF).toString(), second.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.path("signHashCalls").asInt()).isEqualTo(1);
        assertThat(sandbox.stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
        JsonNode outputs = json.path("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).path("input").asText()).isEqualTo(inputs.resolve(DemoDocuments.PDF).toString());
        assertThat(outputs.get(0).path("output").asText()).isEqualTo(out.resolve("service-agreement-signed.pdf").toString());
        assertThat(outputs.get(0).path("format").asText()).isEqualTo("PAdES-BASELINE-LT");
        assertThat(outputs.get(0).path("level").asText()).isEqualTo("LT");
        for (JsonNode output : outputs) {
            ValidationResult result = validate(sandbox, Path.of(output.path("output").asText()));
            assertThat(result.allPassed()).isTrue();
            assertThat(result.signatures().get(0).format()).isEqualTo("PAdES-BASELINE-LT");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "cades, enveloping, scan.png, scan.p7m, CAdES-BASELINE-B",
            "cades, detached, scan.png, scan.p7s, CAdES-BASELINE-B",
            "xades, enveloped, invoice.xml, invoice-signed.xml, XAdES-BASELINE-B",
            "jades, enveloping, purchase-order.json, purchase-order.jws.json, JAdES-BASELINE-B",
    })
    void everyFormatIsWrittenUnderItsContractName(String format, String packaging, String input, String output,
            String expectedFormat, @TempDir Path out) throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = sign(sandbox, secrets(sandbox), "--credential", "ecp256", "--format", format, "--level", "B",
                "--packaging", packaging, "--trust", sandbox.trustAnchor().toString(), "--out", out.toString(), "--json",
                inputs.resolve(input).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(out.resolve(output)).exists();
        assertThat(Json.mapper().readTree(run.out()).path("outputs").get(0).path("format").asText())
                .isEqualTo(expectedFormat);
    }

    /** Without self-validation (which validates online), the leaf's OCSP comes from signHash alone. */
    @Test
    void asicEPutsEveryFileIntoOneContainerNamedAfterTheFirstWithBankid(@TempDir Path out) throws Exception {
        Sandbox sandbox = bankid.get();

        CliRun run = sign(sandbox, Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret()), "--format", "asic-e",
                "--no-self-validate", "--level", "LT", "--tsa", sandbox.tsaUrl().toString(), "--trust", sandbox.trustAnchor().toString(),
                "--out", out.toString(), "--json",
                inputs.resolve(DemoDocuments.CONTRACT).toString(), inputs.resolve(DemoDocuments.PRICE_LIST).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("contract.asice");
        }
        assertThat(validate(sandbox, out.resolve("contract.asice")).allPassed()).isTrue();
        assertThat(sandbox.stats().ocspRequestsFor("rsa2048")).isZero();
    }

    @Test
    void everythingButTheFilesCanComeFromAConfigFile(@TempDir Path dir) throws Exception {
        Sandbox sandbox = standard.get();
        Path config = Files.writeString(dir.resolve("cscsign.properties"), String.join("\n",
                "csc-url=" + sandbox.cscUrl(), "client-id=" + sandbox.clientId(),
                "client-secret=" + sandbox.clientSecret(), "pin=" + sandbox.pin(), "credential=ecp384",
                "tsa=" + sandbox.tsaUrl(), "trust=" + sandbox.trustAnchor()) + "\n");
        Path out = dir.resolve("out");

        CliRun run = CliRun.run("sign", "--config", config.toString(), "--format", "xades", "--level", "T",
                "--out", out.toString(), "--json", "--verbose", inputs.resolve(DemoDocuments.XML).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(Json.mapper().readTree(run.out()).path("outputs").get(0).path("format").asText())
                .isEqualTo("XAdES-BASELINE-T");
        assertThat(validate(sandbox, out.resolve("invoice-signed.xml")).signatures().get(0).signerSubject())
                .contains("EC-P384");
        assertThat(run.all()).doesNotContain(sandbox.clientSecret());
    }

    @Test
    void revokedCredentialIsRefusedAndNothingIsWritten(@TempDir Path out) throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = sign(sandbox, secrets(sandbox), "--credential", "revoked", "--format", "pades", "--level", "LT",
                "--tsa", sandbox.tsaUrl().toString(), "--trust", sandbox.trustAnchor().toString(), "--out", out.toString(),
                inputs.resolve(DemoDocuments.PDF).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).startsWith("cscsign: error: ").doesNotContain("\tat ");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void credentialRevokedJustBeforeSigningIsRefusedAndNothingIsWritten(@TempDir Path out) throws Exception {
        Sandbox sandbox = standard.get();
        sandbox.faults().revoke("rsa3072");

        CliRun run = sign(sandbox, secrets(sandbox), "--credential", "rsa3072", "--format", "cades", "--level", "B",
                "--trust", sandbox.trustAnchor().toString(), "--out", out.toString(),
                inputs.resolve(DemoDocuments.CONTRACT).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void nonPdfForPadesIsBadInputAndNothingIsWritten(@TempDir Path out) throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = sign(sandbox, secrets(sandbox), "--credential", "rsa2048", "--format", "pades", "--level", "B",
                "--trust", sandbox.trustAnchor().toString(), "--out", out.toString(),
                inputs.resolve(DemoDocuments.CONTRACT).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).startsWith("cscsign: error: ").doesNotContain("\tat ");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anExistingOutputIsKeptUnlessOverwriteIsGiven(@TempDir Path out) throws Exception {
        Sandbox sandbox = standard.get();
        Path existing = Files.writeString(out.resolve("contract.p7m"), "keep me");

        CliRun refused = sign(sandbox, secrets(sandbox), "--credential", "rsa2048", "--format", "cades", "--level", "B",
                "--no-self-validate", "--out", out.toString(), inputs.resolve(DemoDocuments.CONTRACT).toString());
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
        assertThat(refused.err()).contains("contract.p7m").doesNotContain("\tat ");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        CliRun replaced = sign(sandbox, secrets(sandbox), "--credential", "rsa2048", "--format", "cades", "--level", "B",
                "--trust", sandbox.trustAnchor().toString(), "--out", out.toString(), "--overwrite", inputs.resolve(DemoDocuments.CONTRACT).toString());
        assertThat(replaced.exitCode()).as(replaced.all()).isEqualTo(0);
        assertThat(Files.size(existing)).isGreaterThan(100);
    }

    @Test
    void selfValidationWithoutTrustAnchorIsAUsageError(@TempDir Path out) {
        Sandbox sandbox = standard.get();

        CliRun run = sign(sandbox, secrets(sandbox), "--format", "cades", "--level", "B", "--out", out.toString(),
                inputs.resolve(DemoDocuments.CONTRACT).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--trust").contains("--no-self-validate");
    }

    @Test
    void ltWithoutTsaIsAUsageError(@TempDir Path out) {
        Sandbox sandbox = standard.get();

        CliRun run = sign(sandbox, secrets(sandbox), "--format", "pades", "--level", "LT", "--out", out.toString(),
                inputs.resolve(DemoDocuments.PDF).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--tsa");
    }

    @Test
    void unknownFormatIsAUsageError(@TempDir Path out) {
        Sandbox sandbox = standard.get();

        CliRun run = sign(sandbox, secrets(sandbox), "--format", "pdf", "--level", "B", "--out", out.toString(),
                inputs.resolve(DemoDocuments.PDF).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format");
    }

    @Test
    void secretsPinAndTokensNeverAppearInVerboseOutput(@TempDir Path out) {
        Sandbox sandbox = standard.get();

        CliRun run = sign(sandbox, secrets(sandbox), "--verbose", "--credential", "rsa2048", "--format", "cades",
                "--level", "B", "--trust", sandbox.trustAnchor().toString(), "--out", out.toString(),
                inputs.resolve(DemoDocuments.CONTRACT).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(run.all()).doesNotContain(sandbox.clientSecret()).doesNotContain("\"" + sandbox.pin() + "\"")
                .doesNotContainIgnoringCase("access_token").doesNotContain("SAD\":");
    }
}
