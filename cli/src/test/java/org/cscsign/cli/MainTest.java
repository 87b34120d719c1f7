package org.cscsign.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void noArgumentsPrintsUsageWithEveryCommand() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("Usage: cscsign").contains("Exit codes:");
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLineWithoutStackTrace() {
        CliRun run = CliRun.run("--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cscsign: error: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("cscsign 0.1.0").contains("EU DSS 6.3");
    }
}
