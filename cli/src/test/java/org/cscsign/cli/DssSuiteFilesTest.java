package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate} on files from the EU DSS test suite (LGPL-2.1, see
 * {@code src/test/resources/dss-suite/README.md}): made by other PKIs, each is judged, with its
 * counter-signatures and timestamps, and nothing but cscsign's own lines reaches stderr.
 */
class DssSuiteFilesTest {

    @Test
    void foreignFilesAreEachJudgedWithTheirCounterSignaturesAndTimestamps() throws Exception {
        Path dir = folder();

        CliRun run = CliRun.run("validate", "--offline", "--json", dir.resolve("counterSig.p7m").toString(),
                dir.resolve("containerWithCounterSig.asics").toString(), dir.resolve("d-trust.tsr").toString(),
                dir.resolve("disig.tst").toString(), dir.resolve("timestamped_and_signed.pdf").toString());

        // their roots are not trusted here: nothing passes, but every file is a signed document
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        JsonNode documents = Json.mapper().readTree(run.out()).path("documents");
        assertThat(documents).hasSize(5).allSatisfy(d -> assertThat(d.has("error")).as(d.toString()).isFalse());
        assertThat(documents.get(0).path("signatures").findValues("counterSignatureOf")).isNotEmpty();
        assertThat(documents.get(1).path("signatures").findValues("counterSignatureOf")).isNotEmpty();
        assertThat(documents.get(2).path("timestamps")).hasSize(1);
        assertThat(documents.get(3).path("timestamps")).hasSize(1);
        JsonNode pdf = documents.get(4);
        assertThat(pdf.path("signatures")).isNotEmpty();
        assertThat(pdf.path("timestamps").size() + pdf.path("signatures").get(0).path("timestamps").size()).isPositive();
        assertThat(run.err().lines().toList()).last().asString().startsWith("5 documents: ");
        assertThat(run.err().lines().filter(l -> !l.startsWith("cscsign: ") && !l.startsWith("5 documents: ")))
                .as(run.err()).isEmpty();
    }

    private static Path folder() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(DssSuiteFilesTest.class.getResource("/dss-suite/README.md")).toURI())
                .getParent();
    }
}
