package org.cscsign.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness runs end to end at a tiny size (no figure is judged here: figures belong in BENCHMARKS.md).
 * What it checks: every section produces its figures, the large-input child JVMs sign and validate, and
 * the download count of an LT batch is what the per-batch cache promises.
 */
class HarnessSmokeTest {

    @Test
    void aTinyRunProducesEveryFigure(@TempDir Path tmp) {
        List<Harness.Figure> figures = Harness.run(Harness.Options.parse("--docs", "3", "--rounds", "1",
                "--latencies", "20", "--sizes-mb", "1", "--xmx", "256m", "--cli-jar", "none", "--work", tmp.toString()));

        assertThat(figures).extracting(Harness.Figure::name).anyMatch(n -> n.startsWith("batched CSC throughput"))
                .anyMatch(n -> n.startsWith("validation throughput"))
                .anyMatch(n -> n.startsWith("batched / one signHash per document, LT"))
                .anyMatch(n -> n.startsWith("LT batch time / B batch time"));
        assertThat(figures).filteredOn(f -> f.name().startsWith("revocation and certificate downloads"))
                .singleElement().satisfies(f -> assertThat(f.value()).isBetween(1.0, 4.0));
        assertThat(figures).filteredOn(f -> f.name().startsWith("peak heap")).hasSize(8)
                .allSatisfy(f -> assertThat(f.detail()).startsWith("signed and validated in "));
        assertThat(figures).filteredOn(f -> f.name().startsWith("batched / one signHash"))
                .allSatisfy(f -> assertThat(f.detail()).contains("signHash calls 1 vs 3"));
    }
}
