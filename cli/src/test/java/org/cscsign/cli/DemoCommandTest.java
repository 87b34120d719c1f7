package org.cscsign.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void demoSignsEveryFormatAtLtAndEverySignaturePasses(@TempDir Path dir) {
        Path out = dir.resolve("demo");

        CliRun run = CliRun.run("demo", "--out", out.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(run.out()).contains("PAdES-BASELINE-LT").contains("XAdES-BASELINE-LT").contains("CAdES-BASELINE-LT")
                .contains("JAdES-BASELINE-LT").contains("All signatures TOTAL_PASSED")
                .contains("signHash calls in total: 1");
        assertThat(run.out().lines().filter(l -> l.contains("-BASELINE-LT"))).hasSize(5)
                .allMatch(l -> l.contains("TOTAL_PASSED"));
        assertThat(out.resolve("signed").resolve("service-agreement-signed.pdf")).exists();
        assertThat(out.resolve("signed").resolve("invoice-signed.xml")).exists();
        assertThat(out.resolve("signed").resolve("scan.p7m")).exists();
        assertThat(out.resolve("signed").resolve("purchase-order.jws.json")).exists();
        assertThat(out.resolve("signed").resolve("contract.asice")).exists();
        assertThat(out.resolve("reports").resolve("service-agreement-signed.pdf").resolve("simple-report.html")).exists();
        assertThat(out.resolve("reports").resolve("contract.asice").resolve("simple-report.pdf")).exists();
    }
}
