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
}
