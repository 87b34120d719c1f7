package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {

    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    @RegisterExtension
    static SandboxExtension bankid = SandboxExtension.bankid();

    @Test
    void jsonIsTheInfoResponseAsReceived() throws Exception {
        CliRun run = CliRun.run("info", "--csc-url", standard.get().cscUrl().toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode info = Json.mapper().readTree(run.out());
        assertThat(info.path("specs").asText()).isEqualTo("2.0.0.2");
        assertThat(info.path("methods")).extracting(JsonNode::asText).contains("signatures/signHash");
        assertThat(info.path("oauth2").asText()).isEqualTo(standard.get().baseUrl().toString());
    }

    @Test
    void summaryNamesTheServiceAndItsDefaultTokenEndpoint() {
        CliRun run = CliRun.run("info", "--csc-url", standard.get().cscUrl().toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("specs").contains("2.0.0.2").contains("signatures/signHash")
                .contains(standard.get().tokenUrl().toString());
    }

    @Test
    void summaryNamesEachSignatureAlgorithmNextToItsOid() {
        CliRun run = CliRun.run("info", "--csc-url", standard.get().cscUrl().toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("1.2.840.113549.1.1.11 (SHA256withRSA)", "1.2.840.10045.4.3.2 (SHA256withECDSA)");
    }

    @Test
    void algorithmNamesFollowDssAndUnknownOidsStayAsTheyAre() {
        assertThat(InfoCommand.withAlgorithmName("1.2.840.113549.1.1.1")).isEqualTo("1.2.840.113549.1.1.1 (RSA)");
        assertThat(InfoCommand.withAlgorithmName("1.2.840.113549.1.1.10")).isEqualTo("1.2.840.113549.1.1.10 (RSASSA-PSS)");
        assertThat(InfoCommand.withAlgorithmName("1.2.3.4")).isEqualTo("1.2.3.4");
    }

    @Test
    void bankidInfoIsServedOnItsB2bBase() throws Exception {
        CliRun run = CliRun.run("info", "--csc-url", bankid.get().cscUrl().toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Json.mapper().readTree(run.out()).path("methods")).extracting(JsonNode::asText)
                .contains("credentials/list", "signatures/signHash");
    }

    @Test
    void wrongBaseUrlIsARemoteErrorNamingTheStatus() {
        CliRun run = CliRun.run("info", "--csc-url", standard.get().baseUrl() + "/nothing/here");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("cscsign: error: info failed: HTTP 404").doesNotContain("\tat ");
    }

    @Test
    void unreachableServiceIsARemoteErrorOnOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        CliRun run = CliRun.run("info", "--csc-url", "http://127.0.0.1:" + port + "/csc/v2");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("cscsign: error: info: cannot reach").doesNotContain("\tat ");
    }

    @Test
    void missingCscUrlIsAUsageError() {
        CliRun run = CliRun.run("info");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--csc-url");
    }
}
