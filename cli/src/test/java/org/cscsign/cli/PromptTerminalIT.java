package org.cscsign.cli;

import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets typed at a terminal: asked for when no other source has them, never echoed. */
class PromptTerminalIT {

    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    @Test
    void clientSecretIsAskedOnATerminalWhenNotGivenOtherwise(@TempDir Path dir) throws Exception {
        Sandbox sandbox = standard.get();
        try (Pty pty = Pty.start(dir, Map.of(), List.of("credentials", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId()))) {
            pty.awaitScreen("Client secret for " + sandbox.clientId() + ": ", Duration.ofMinutes(2));
            pty.type(sandbox.clientSecret());

            assertThat(pty.awaitExit(Duration.ofMinutes(2))).as(pty.screen()).isZero();
            assertThat(pty.screen()).contains("rsa2048").doesNotContain(sandbox.clientSecret());
        }
        assertThat(sandbox.stats().count("/oauth2/token")).isEqualTo(1);
    }

    @Test
    void pinPromptDuringSigningGetsItsOwnLineAndTheBarGoesOnRising(@TempDir Path dir) throws Exception {
        Sandbox sandbox = standard.get();
        DemoDocuments.writeAll(dir.resolve("in"));
        try (Pty pty = Pty.start(dir, Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret()), List.of("sign",
                "--csc-url", sandbox.cscUrl().toString(), "--client-id", sandbox.clientId(), "--credential", "rsa2048",
                "--format", "pades", "--level", "B", "--trust", sandbox.trustAnchor().toString(),
                "--out", dir.resolve("out").toString(), dir.resolve("in").resolve(DemoDocuments.PDF).toString()))) {
            pty.awaitScreen("PIN for", Duration.ofMinutes(2));
            pty.type(sandbox.pin());

            assertThat(pty.awaitExit(Duration.ofMinutes(2))).as(pty.screen()).isZero();
            String screen = pty.screen();
            String beforePrompt = screen.substring(0, screen.indexOf("PIN for"));
            // the bar was taken off the line: the prompt starts a clean line, not the end of the bar
            assertThat(beforePrompt.isEmpty() || beforePrompt.endsWith("\r\u001B[K") || beforePrompt.endsWith("\n"))
                    .as(screen).isTrue();
            assertThat(ProgressDisplayTest.percentages(screen)).isSorted().endsWith(100);
            assertThat(screen).doesNotContain(sandbox.pin() + "\r");
        }
    }
}
