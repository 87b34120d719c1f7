package org.cscsign.cli;

import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher run inside a pseudo-terminal ({@code script} from util-linux), as a person at a
 * terminal would run it: one progress bar over the whole command, rising only, ending at 100%;
 * and no bar at all when the output is JSON for a script.
 */
class ProgressTerminalIT {

    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    /** What the terminal showed (stdout and stderr share it) and the exit code. */
    private record Terminal(int exitCode, String screen) {
    }

    @Test
    void signAndValidateEachDrawOneRisingBarOnATerminal(@TempDir Path dir) throws Exception {
        Sandbox sandbox = standard.get();
        List<String> pdfs = pdfs(dir, 3);
        Path out = dir.resolve("signed");

        List<String> sign = new ArrayList<>(List.of("sign", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--credential", "rsa2048", "--format", "pades", "--level", "LT",
                "--tsa", sandbox.tsaUrl().toString(), "--trust", sandbox.trustAnchor().toString(),
                "--out", out.toString()));
        sign.addAll(pdfs);
        Terminal signing = inTerminal(dir, sandbox, sign);
        assertThat(signing.exitCode()).as(signing.screen()).isZero();
        assertOneRisingBar(signing.screen(), "Signing");
        assertThat(signing.screen()).contains("signHash at the CSC service", "timestamps + revocation data",
                "3 file(s) written");

        List<String> validate = new ArrayList<>(List.of("validate", "--trust", sandbox.trustAnchor().toString()));
        try (var signed = Files.list(out)) {
            signed.map(Path::toString).sorted().forEach(validate::add);
        }
        Terminal validating = inTerminal(dir, sandbox, validate);
        assertThat(validating.exitCode()).as(validating.screen()).isZero();
        assertOneRisingBar(validating.screen(), "Validating");
    }

    @Test
    void jsonOutputOnATerminalHasNoBar(@TempDir Path dir) throws Exception {
        Sandbox sandbox = standard.get();
        List<String> sign = new ArrayList<>(List.of("sign", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--credential", "rsa2048", "--format", "pades", "--level", "B",
                "--trust", sandbox.trustAnchor().toString(), "--out", dir.resolve("signed").toString(), "--json"));
        sign.addAll(pdfs(dir, 2));
        Terminal signing = inTerminal(dir, sandbox, sign);
        assertThat(signing.exitCode()).as(signing.screen()).isZero();
        assertThat(signing.screen()).contains("\"signHashCalls\"").doesNotContain("Signing ", "%", "\r\u001B[K");
    }

    private static void assertOneRisingBar(String screen, String task) {
        List<Integer> percents = ProgressDisplayTest.percentages(screen);
        assertThat(percents).as(screen).isNotEmpty().isSorted();
        assertThat(percents.get(percents.size() - 1)).isEqualTo(100);
        // redrawn in place: every drawing of the bar is on the same line (no line break between them)
        String first = screen.substring(screen.indexOf(task + " "));
        String bar = first.substring(0, first.indexOf("100%"));
        assertThat(bar).doesNotContain("\n");
        assertThat(screen.split(java.util.regex.Pattern.quote(task + " "), -1)).hasSize(percents.size() + 1);
    }

    private static List<String> pdfs(Path dir, int count) throws Exception {
        Path input = dir.resolve("input");
        DemoDocuments.writeAll(input);
        List<String> pdfs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            pdfs.add(Files.copy(input.resolve(DemoDocuments.PDF), input.resolve("doc" + i + ".pdf")).toString());
        }
        return pdfs;
    }

    /** Runs the launcher with the arguments in a new pseudo-terminal. */
    private static Terminal inTerminal(Path dir, Sandbox sandbox, List<String> args) throws Exception {
        try (Pty pty = Pty.start(dir, Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret(), "CSC_PIN", sandbox.pin()),
                args)) {
            int exitCode = pty.awaitExit(Duration.ofMinutes(3));
            return new Terminal(exitCode, pty.screen());
        }
    }
}
