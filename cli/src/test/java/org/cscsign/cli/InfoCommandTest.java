package org.cscsign.cli;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {

    @Test
    void unreachableServiceIsARemoteErrorOnOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        CliRun run = CliRun.run("info", "--csc-url", "http://127.0.0.1:" + port + "/csc/v2");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("cscsign: error: cannot reach").doesNotContain("\tat ");
    }

    @Test
    void missingCscUrlIsAUsageError() {
        CliRun run = CliRun.run("info");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--csc-url");
    }
}
