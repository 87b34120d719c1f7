package org.cscsign.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness itself works (no assertion on time: figures belong in BENCHMARKS.md). */
class EndToEndBenchmarkTest {

    @Test
    void harnessSignsEveryConfigurationAndCountsSignHashCalls() {
        List<EndToEndBenchmark.Row> rows = EndToEndBenchmark.run(3, 1, Duration.ZERO);

        assertThat(rows).extracting(EndToEndBenchmark.Row::token)
                .containsExactly("CSC (sandbox)", "local PKCS#12", "CSC (sandbox)", "local PKCS#12");
        assertThat(rows).filteredOn(r -> r.token().startsWith("CSC")).allSatisfy(r ->
                assertThat(r.signHashCalls()).as("3 documents, multisign 50: one call").isEqualTo(1));
        assertThat(rows).filteredOn(r -> r.token().startsWith("local")).allSatisfy(r ->
                assertThat(r.signHashCalls()).isZero());
    }
}
