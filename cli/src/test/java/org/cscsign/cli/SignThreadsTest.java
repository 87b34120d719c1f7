package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sign --threads N} (and {@code threads} in {@code --config}) bounds how many documents of a batch are
 * worked on at once: the sandbox, 100 ms away on every endpoint, records how many timestamp requests it answered
 * at the same time. A bad value is a usage error before anything is asked of the service.
 */
class SignThreadsTest {

    private static final int DOCUMENTS = 4;

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.latency(Duration.ofMillis(100)));

    @TempDir
    static Path inputs;

    static List<String> pdfs = new ArrayList<>();

    @BeforeAll
    static void writeInputs() throws Exception {
        DemoDocuments.writeAll(inputs);
        for (int i = 0; i < DOCUMENTS; i++) {
            pdfs.add(Files.copy(inputs.resolve(DemoDocuments.PDF), inputs.resolve("doc-" + i + ".pdf")).toString());
        }
    }

    @BeforeEach
    void resetCounters() {
        sandbox.get().stats().reset();
    }

    private static CliRun sign(Path out, String... options) {
        Sandbox s = sandbox.get();
        List<String> args = new ArrayList<>(List.of("sign", "--csc-url", s.cscUrl().toString(), "--client-id",
                s.clientId(), "--credential", "rsa2048", "--format", "pades", "--level", "T", "--tsa",
                s.tsaUrl().toString(), "--trust", s.trustAnchor().toString(), "--out", out.toString(), "--json"));
        args.addAll(List.of(options));
        args.addAll(pdfs);
        return CliRun.run(Map.of("CSC_CLIENT_SECRET", s.clientSecret(), "CSC_PIN", s.pin()), args.toArray(String[]::new));
    }

    private static void assertEveryOutputPasses(CliRun run) throws Exception {
        JsonNode outputs = Json.mapper().readTree(run.out()).path("outputs");
        assertThat(outputs).hasSize(DOCUMENTS);
        for (int i = 0; i < DOCUMENTS; i++) {
            // outputs keep the input order whatever the number of threads
            assertThat(outputs.get(i).path("input").asText()).isEqualTo(pdfs.get(i));
            Path output = Path.of(outputs.get(i).path("output").asText());
            assertThat(DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor()).online(false).build()
                    .validate(output, List.of()).signatures().get(0).format()).isEqualTo("PAdES-BASELINE-T");
        }
    }

    @Test
    void oneThreadSignsTheBatchOneDocumentAfterAnother(@TempDir Path out) throws Exception {
        CliRun run = sign(out, "--threads", "1");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertEveryOutputPasses(run);
        assertThat(sandbox.get().stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
        assertThat(sandbox.get().stats().count("/tsa")).isEqualTo(DOCUMENTS);
        assertThat(sandbox.get().stats().maxInFlight("/tsa")).as("timestamp requests at once").isEqualTo(1);
    }

    @Test
    void threadsFromTheConfigFileTimestampSeveralDocumentsAtOnce(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("cscsign.properties"), "threads=" + DOCUMENTS + "\n");

        CliRun run = sign(dir.resolve("out"), "--config", config.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertEveryOutputPasses(run);
        // each request waits 100 ms at the sandbox: documents worked on together overlap there
        assertThat(sandbox.get().stats().maxInFlight("/tsa")).as("timestamp requests at once").isGreaterThan(1);
    }

    @Test
    void zeroThreadsIsAUsageErrorBeforeAnyRemoteCall(@TempDir Path out) {
        Path target = out.resolve("signed");
        CliRun run = sign(target, "--threads", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString()
                .isEqualTo("cscsign: error: --threads must be at least 1, not 0");
        assertThat(sandbox.get().stats().snapshot()).isEmpty();
        assertThat(target).doesNotExist();
    }

    @Test
    void aThreadCountThatIsNotANumberIsAUsageError(@TempDir Path out) {
        CliRun run = sign(out, "--threads", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("cscsign: error: ").contains("--threads")
                .contains("'x'");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(sandbox.get().stats().snapshot()).isEmpty();
    }

    @Test
    void aBadThreadsValueInTheConfigFileIsAUsageError(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("cscsign.properties"), "threads=0\n");

        CliRun run = sign(dir.resolve("out"), "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("threads must be a whole number, at least 1");
        assertThat(sandbox.get().stats().snapshot()).isEmpty();
    }
}
