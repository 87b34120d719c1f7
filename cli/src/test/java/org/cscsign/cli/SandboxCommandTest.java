package org.cscsign.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Wrong sandbox settings are refused before anything starts (the running sandbox is covered by SandboxProcessIT). */
class SandboxCommandTest {

    @ParameterizedTest
    @CsvSource({
            "--scal, 3, --scal",
            "--multisign, 0, --multisign",
            "--port, 70000, --port",
            "--latency-ms, -5, --latency-ms",
            "--profile, primesign, standard or bankid",
            "--auth, kerberos, --auth must be client-credentials, none or basic",
            "--refuse-cert-info, 404, --refuse-cert-info",
            "--page-size, -1, --page-size",
    })
    void invalidSettingIsAUsageErrorNamingIt(String option, String value, String mentioned) {
        CliRun run = CliRun.run("sandbox", option, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cscsign: error: ").contains(mentioned).doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void serviceShapesApplyToTheStandardProfileOnly() {
        CliRun run = CliRun.run("sandbox", "--profile", "bankid", "--auth", "none", "--implicit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--profile standard only");
        assertThat(run.out()).isEmpty();
    }
}
