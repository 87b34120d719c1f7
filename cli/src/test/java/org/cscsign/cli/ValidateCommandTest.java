package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    @Test
    void unsignedFileIsBadInputWithOneLineReason(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("note.txt"), "just some text, not signed\n");

        CliRun run = CliRun.run("validate", "--offline", text.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("cscsign: error: ").contains("note.txt").doesNotContain("\tat ");
    }

    @Test
    void unsignedFileInJsonHasNoSignaturesAndExit4(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("note.txt"), "plain\n");

        CliRun run = CliRun.run("validate", "--offline", "--json", text.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.path("documents").get(0).path("file").asText()).endsWith("note.txt");
        assertThat(json.path("documents").get(0).path("signatures")).isEmpty();
    }

    @Test
    void missingFileIsItsOwnEntryAndBadInput(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.run("validate", "--offline", "--json", dir.resolve("absent.pdf").toString());

        assertThat(run.exitCode()).isEqualTo(4);
        JsonNode document = Json.mapper().readTree(run.out()).path("documents").get(0);
        assertThat(document.path("file").asText()).endsWith("absent.pdf");
        assertThat(document.path("error").asText()).contains("no such file");
        assertThat(run.err()).contains("absent.pdf").doesNotContain("\tat ");
    }

    @Test
    void reportsFolderThatCannotBeCreatedIsAUsageError(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("note.txt"), "plain\n");

        // below a regular file no folder can be created, whoever runs the test (root included)
        CliRun run = CliRun.run("validate", "--offline", "--reports", text.resolve("reports").toString(), text.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("reports: cannot create").doesNotContain("\tat ");
    }

    @Test
    void unreadableTrustAnchorIsAUsageError(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("note.txt"), "plain\n");

        CliRun run = CliRun.run("validate", "--trust", dir.resolve("nope.pem").toString(), text.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--trust");
    }

    @Test
    void timeoutBelowOneSecondIsAUsageErrorBeforeAnythingIsValidated(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("note.txt"), "plain\n");

        CliRun run = CliRun.run("validate", "--timeout", "0", "--json", text.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--timeout").doesNotContain("\tat ");
    }

    @Test
    void threadsBelowOneIsAUsageErrorBeforeAnythingIsValidated(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("note.txt"), "plain\n");
        Path reports = dir.resolve("reports");

        CliRun run = CliRun.run("validate", "--threads", "0", "--reports", reports.toString(), text.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("cscsign: error: --threads must be at least 1, not 0");
        assertThat(reports).doesNotExist();
    }
}
