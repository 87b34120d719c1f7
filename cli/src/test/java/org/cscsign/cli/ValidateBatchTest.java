package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate} over a corpus of real signed and timestamped files (see {@link ValidationCorpus}):
 * batches where every input is judged, detached pairs, timestamps, counter-signatures, exit codes,
 * and a stderr that holds nothing but cscsign's own lines.
 */
class ValidateBatchTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    @TempDir
    static Path corpus;

    @BeforeAll
    static void makeCorpus() throws Exception {
        ValidationCorpus.write(sandbox.get(), corpus);
    }

    @Test
    void batchWithMissingFileFolderAndUnsignedFileJudgesEveryInputInOrder(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("received"));
        Files.copy(file(ValidationCorpus.XADES), folder.resolve("b-invoice.xml"));
        Files.copy(file(ValidationCorpus.CADES_COUNTER_SIGNED), folder.resolve("a-order.p7m"));
        Files.writeString(folder.resolve(".hidden"), "not a document");
        Path missing = dir.resolve("missing.pdf");

        CliRun run = validate("--json", file(ValidationCorpus.XADES).toString(), missing.toString(), folder.toString(),
                file(ValidationCorpus.UNSIGNED_PDF).toString(), file(ValidationCorpus.BROKEN_PDF).toString(),
                file(ValidationCorpus.PDF_TIMESTAMPS_ONLY).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(4);
        JsonNode documents = documents(run);
        assertThat(documents).extracting(d -> d.path("file").asText()).containsExactly(
                file(ValidationCorpus.XADES).toString(), missing.toString(), folder.resolve("a-order.p7m").toString(),
                folder.resolve("b-invoice.xml").toString(), file(ValidationCorpus.UNSIGNED_PDF).toString(),
                file(ValidationCorpus.BROKEN_PDF).toString(), file(ValidationCorpus.PDF_TIMESTAMPS_ONLY).toString());
        assertThat(documents.get(0).path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(documents.get(1).path("error").asText()).contains("no such file").contains("missing.pdf");
        assertThat(documents.get(1).has("signatures")).isFalse();
        assertThat(documents.get(2).path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(documents.get(3).path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(documents.get(4).path("error").asText()).contains("no signature or timestamp").contains("unsigned.pdf");
        assertThat(documents.get(5).path("error").asText()).contains("broken.pdf");
        assertThat(documents.get(6).path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertOnlyOwnLinesOnStderr(run, "7 documents: 4 TOTAL_PASSED, 3 NOT_VALIDATED");
    }

    @Test
    void oneThreadAndFourThreadsJudgeTheSameBatchTheSameWayInTheSameOrder() throws Exception {
        String[] inputs = {file(ValidationCorpus.XADES).toString(), file(ValidationCorpus.CADES_COUNTER_SIGNED).toString(),
                file(ValidationCorpus.PDF_TIMESTAMPS_ONLY).toString(), file(ValidationCorpus.UNSIGNED_PDF).toString()};
        List<String> one = new ArrayList<>(List.of("--json", "--threads", "1"));
        one.addAll(Arrays.asList(inputs));
        List<String> four = new ArrayList<>(List.of("--json", "--threads", "4"));
        four.addAll(Arrays.asList(inputs));

        CliRun sequential = validate(one.toArray(String[]::new));
        CliRun concurrent = validate(four.toArray(String[]::new));

        assertThat(sequential.exitCode()).as(sequential.all()).isEqualTo(4);
        assertThat(concurrent.exitCode()).as(concurrent.all()).isEqualTo(4);
        assertThat(documents(sequential)).extracting(d -> d.path("file").asText()).containsExactly(inputs);
        assertThat(verdicts(concurrent)).isEqualTo(verdicts(sequential));
        assertThat(verdicts(sequential).get(0)).endsWith("TOTAL_PASSED");
        assertThat(verdicts(sequential).get(3)).contains("no signature or timestamp");
    }

    /** Each document's file with its indication, or its error. */
    private static List<String> verdicts(CliRun run) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode d : documents(run)) {
            out.add(d.path("file").asText() + " " + (d.has("error") ? d.path("error").asText() : d.path("indication").asText()));
        }
        return out;
    }

    @Test
    void folderWithoutFilesIsItsOwnEntryAndRecursiveReadsSubFolders(@TempDir Path dir) throws Exception {
        Path top = Files.createDirectories(dir.resolve("top"));
        Path sub = Files.createDirectories(top.resolve("sub"));
        Files.copy(file(ValidationCorpus.XADES), sub.resolve("invoice.xml"));

        CliRun flat = validate("--json", top.toString());
        CliRun recursive = validate("--json", "--recursive", top.toString());

        assertThat(flat.exitCode()).as(flat.all()).isEqualTo(4);
        assertThat(documents(flat).get(0).path("error").asText()).contains("holds no file").contains("--recursive");
        assertThat(recursive.exitCode()).as(recursive.all()).isEqualTo(0);
        assertThat(documents(recursive)).extracting(d -> d.path("file").asText())
                .containsExactly(sub.resolve("invoice.xml").toString());
    }

    @Test
    void twoDetachedCadesPassWithTheirTwoContentsInOneCall() throws Exception {
        CliRun byName = validate("--json", "--detached-content", file(ValidationCorpus.BETA).toString(),
                "--detached-content", file(ValidationCorpus.ALPHA).toString(),
                file(ValidationCorpus.ALPHA_SIGNATURE).toString(), file(ValidationCorpus.BETA_SIGNATURE).toString());
        CliRun explicit = validate("--json",
                "--detached-content", file(ValidationCorpus.ALPHA_SIGNATURE) + "=" + file(ValidationCorpus.ALPHA),
                "--detached-content", file(ValidationCorpus.BETA_SIGNATURE) + "=" + file(ValidationCorpus.BETA),
                file(ValidationCorpus.ALPHA_SIGNATURE).toString(), file(ValidationCorpus.BETA_SIGNATURE).toString());

        for (CliRun run : List.of(byName, explicit)) {
            assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
            JsonNode documents = documents(run);
            assertThat(documents).hasSize(2);
            for (JsonNode document : documents) {
                assertThat(document.path("signatures").get(0).path("format").asText()).isEqualTo("CAdES-BASELINE-B");
                assertThat(document.path("indication").asText()).as(document.toString()).isEqualTo("TOTAL_PASSED");
            }
            assertOnlyOwnLinesOnStderr(run, "2 documents: 2 TOTAL_PASSED");
        }
    }

    @Test
    void swappedExplicitContentsDoNotPass() throws Exception {
        CliRun run = validate("--json",
                "--detached-content", file(ValidationCorpus.ALPHA_SIGNATURE) + "=" + file(ValidationCorpus.BETA),
                file(ValidationCorpus.ALPHA_SIGNATURE).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(documents(run).get(0).path("indication").asText()).isEqualTo("TOTAL_FAILED");
    }

    @Test
    void contentThatMatchesNoDetachedSignatureIsAUsageErrorNamingTheFiles(@TempDir Path dir) throws Exception {
        Path stray = Files.writeString(dir.resolve("stray.txt"), "matches nothing\n");

        CliRun run = validate("--json", "--detached-content", stray.toString(),
                file(ValidationCorpus.ALPHA_SIGNATURE).toString(), file(ValidationCorpus.BETA_SIGNATURE).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("stray.txt").contains(ValidationCorpus.ALPHA_SIGNATURE)
                .contains(ValidationCorpus.BETA_SIGNATURE).doesNotContain("\tat ");
    }

    @Test
    void detachedSignatureWithoutContentSaysSoInsteadOfASilentSignedDataNotFound() throws Exception {
        CliRun run = validate("--json", file(ValidationCorpus.ALPHA_SIGNATURE).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(documents(run).get(0).path("signatures").get(0).path("subIndication").asText())
                .isEqualTo("SIGNED_DATA_NOT_FOUND");
        assertThat(run.err()).contains(ValidationCorpus.ALPHA_SIGNATURE).contains("--detached-content");
    }

    @Test
    void timestampOnlyPdfIsValidatedAsItsDocumentTimestamps() throws Exception {
        CliRun run = validate("--json", file(ValidationCorpus.PDF_TIMESTAMPS_ONLY).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        JsonNode document = documents(run).get(0);
        assertThat(document.path("signatures")).isEmpty();
        assertThat(document.path("indication").asText()).isEqualTo("TOTAL_PASSED");
        JsonNode timestamps = document.path("timestamps");
        assertThat(timestamps).hasSize(2);
        for (JsonNode timestamp : timestamps) {
            assertThat(timestamp.path("id").asText()).isNotBlank();
            assertThat(timestamp.path("type").asText()).isEqualTo("DOCUMENT_TIMESTAMP");
            assertThat(timestamp.path("indication").asText()).isEqualTo("PASSED");
            assertThat(timestamp.path("productionTime").asText()).isNotBlank();
        }
        assertOnlyOwnLinesOnStderr(run, "1 document: 1 TOTAL_PASSED");
    }

    @Test
    void timestampOnlyAsicAndBareTsrAreValidatedAsTimestamps() throws Exception {
        CliRun run = validate("--json", "--detached-content", file(ValidationCorpus.TSR_CONTENT).toString(),
                file(ValidationCorpus.ASICE_TIMESTAMPS_ONLY).toString(), file(ValidationCorpus.TSR).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        JsonNode documents = documents(run);
        JsonNode asic = documents.get(0).path("timestamps");
        assertThat(asic).hasSize(1);
        assertThat(asic.get(0).path("indication").asText()).isEqualTo("PASSED");
        assertThat(asic.get(0).path("covers").toString()).contains("archive.txt");
        JsonNode tsr = documents.get(1).path("timestamps");
        assertThat(tsr).hasSize(1);
        assertThat(tsr.get(0).path("indication").asText()).isEqualTo("PASSED");
        assertOnlyOwnLinesOnStderr(run, "2 documents: 2 TOTAL_PASSED");
    }

    @Test
    void bareTsrWithOtherContentFails(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve(ValidationCorpus.TSR_CONTENT), "Minutes, edited afterwards\n");

        CliRun run = validate("--json", "--detached-content", file(ValidationCorpus.TSR) + "=" + other,
                file(ValidationCorpus.TSR).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(documents(run).get(0).path("timestamps").get(0).path("indication").asText()).isNotEqualTo("PASSED");
    }

    @Test
    void counterSignaturesPointToTheirParentInJsonAndAreIndentedInTheTable() throws Exception {
        CliRun json = validate("--json", file(ValidationCorpus.CADES_COUNTER_SIGNED).toString());
        CliRun table = validate(file(ValidationCorpus.CADES_COUNTER_SIGNED).toString());

        assertThat(json.exitCode()).as(json.all()).isEqualTo(0);
        JsonNode signatures = documents(json).get(0).path("signatures");
        assertThat(signatures).hasSize(3);
        List<JsonNode> parents = new ArrayList<>();
        List<JsonNode> counters = new ArrayList<>();
        signatures.forEach(s -> (s.has("counterSignatureOf") ? counters : parents).add(s));
        assertThat(parents).hasSize(1);
        assertThat(counters).hasSize(2).allSatisfy(c -> assertThat(c.path("counterSignatureOf").asText())
                .isEqualTo(parents.get(0).path("id").asText()));
        assertThat(counters).allSatisfy(c -> assertThat(c.path("indication").asText()).isEqualTo("TOTAL_PASSED"));

        List<String> rows = Arrays.stream(table.out().split("\n")).filter(l -> l.contains("CAdES")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).doesNotContain("\u2514");
        assertThat(rows.get(1)).contains("\u2514 ");
        assertThat(rows.get(2)).contains("\u2514 ");
    }

    @Test
    void mixedBatchWithAFailedSignatureExits1EvenWithUnreadableInputs(@TempDir Path dir) throws Exception {
        String xml = Files.readString(file(ValidationCorpus.XADES), StandardCharsets.UTF_8);
        Path tampered = Files.writeString(dir.resolve("tampered.xml"), xml.replace("3750.00", "9750.00"));

        CliRun run = validate("--json", file(ValidationCorpus.XADES).toString(), tampered.toString(),
                file(ValidationCorpus.UNSIGNED_PDF).toString(), dir.resolve("absent.p7s").toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        JsonNode documents = documents(run);
        assertThat(documents).hasSize(4);
        assertThat(documents.get(1).path("signatures").get(0).path("subIndication").asText()).isEqualTo("HASH_FAILURE");
        assertThat(documents.get(2).has("error")).isTrue();
        assertThat(documents.get(3).has("error")).isTrue();
        assertOnlyOwnLinesOnStderr(run, "4 documents: 1 TOTAL_PASSED, 1 TOTAL_FAILED, 2 NOT_VALIDATED");
    }

    @Test
    void reportsPathThatIsAFileIsAUsageErrorBeforeAnythingIsValidated(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("reports"), "a file, not a folder");

        CliRun run = validate("--reports", file.toString(), file(ValidationCorpus.XADES).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("reports").contains(file.toString()).doesNotContain("documents:");
        assertThat(Files.readString(file)).isEqualTo("a file, not a folder");
    }

    @Test
    void reportsAreOneFolderPerDocumentAndAnIndex(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");

        CliRun run = validate("--json", "--reports", reports.toString(), file(ValidationCorpus.XADES).toString(),
                file(ValidationCorpus.PDF_TIMESTAMPS_ONLY).toString(), file(ValidationCorpus.UNSIGNED_PDF).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(4);
        assertThat(reports.resolve("index.html")).isRegularFile();
        assertThat(reports.resolve("summary.pdf")).isRegularFile();
        assertThat(reports.resolve(ValidationCorpus.XADES + ".reports/simple-report.html")).isRegularFile();
        assertThat(reports.resolve(ValidationCorpus.PDF_TIMESTAMPS_ONLY + ".reports/simple-report.pdf")).isRegularFile();
        assertThat(reports.resolve(ValidationCorpus.UNSIGNED_PDF + ".reports")).doesNotExist();
        assertThat(documents(run).get(0).path("reports").asText())
                .isEqualTo(reports.resolve(ValidationCorpus.XADES + ".reports").toString());
        String index = Files.readString(reports.resolve("index.html"));
        assertThat(index).startsWith("<!DOCTYPE html>").contains("<style>")
                .contains("href=\"" + ValidationCorpus.XADES + ".reports/simple-report.html\"")
                .contains("3 documents: 2 TOTAL_PASSED, 1 NOT_VALIDATED");
    }

    @Test
    void malformedXmlParseErrorsGoToTheLogNotToStderr(@TempDir Path dir) throws Exception {
        Path malformed = Files.writeString(dir.resolve("malformed.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><invoice><total>1</invoice>");

        CliRun quiet = validate(malformed.toString());
        CliRun verbose = validate("--verbose", malformed.toString());

        assertThat(quiet.exitCode()).as(quiet.all()).isEqualTo(4);
        assertOnlyOwnLinesOnStderr(quiet, "1 document: 1 NOT_VALIDATED");
        assertThat(quiet.err()).doesNotContain("[Fatal Error]");
        assertThat(verbose.err()).contains("XML parser fatal error").doesNotContain("[Fatal Error]");
    }

    private CliRun validate(String... args) {
        List<String> all = new ArrayList<>(List.of("validate", "--trust", sandbox.get().trustAnchor().toString()));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static Path file(String name) {
        return corpus.resolve(name);
    }

    private static JsonNode documents(CliRun run) throws Exception {
        return Json.mapper().readTree(run.out()).path("documents");
    }

    /** Nothing on stderr but cscsign's own lines: per-input errors/hints and the closing summary. */
    private static void assertOnlyOwnLinesOnStderr(CliRun run, String summary) {
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as(run.err()).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).isEqualTo(summary);
        assertThat(lines.subList(0, lines.size() - 1)).as(run.err()).allSatisfy(l -> assertThat(l).startsWith("cscsign: "));
    }
}
