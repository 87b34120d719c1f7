package org.cscsign.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Wrong sandbox settings are refused before anything starts (the running sandbox is covered by SandboxProcessIT). */
class SandboxCommandTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static org.cscsign.sandbox.junit.SandboxExtension bankid = org.cscsign.sandbox.junit.SandboxExtension.bankid();

    @org.junit.jupiter.api.Test
    void bankidReadyLineHasNoPinBecauseItNeverAsksForOne() throws Exception {
        String describe = bankid.get().describeJson();
        assertThat(Json.mapper().readTree(describe).has("pin")).as("the sandbox's own description").isTrue();

        com.fasterxml.jackson.databind.JsonNode line = Json.mapper().readTree(
                SandboxCommand.readyLine(describe, org.cscsign.sandbox.Profile.BANKID));

        assertThat(line.has("pin")).isFalse();
        assertThat(line.path("cscUrl").asText()).endsWith("/v0/b2b/csc/v2");
        assertThat(line.path("clientSecret").asText()).isNotBlank();
        assertThat(SandboxCommand.readyLine(describe, org.cscsign.sandbox.Profile.STANDARD)).isEqualTo(describe);
    }

    @ParameterizedTest
    @CsvSource({
            "--scal, 3, --scal",
            "--multisign, 0, --multisign",
            "--port, 70000, --port",
            "--latency-ms, -5, --latency-ms",
            "--profile, acme, standard, bankid or primesign",
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
