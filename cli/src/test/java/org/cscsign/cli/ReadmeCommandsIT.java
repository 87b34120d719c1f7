package org.cscsign.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's command examples, run as written: every code block marked
 * {@code <!-- runs-in: ReadmeCommandsIT -->}, in order, in one shell, in an empty folder with the
 * launcher on PATH — the way a reader pastes them. A README edit that breaks one fails here.
 */
class ReadmeCommandsIT {

    private static final Pattern MARKED_BLOCK =
            Pattern.compile("<!-- runs-in: ReadmeCommandsIT -->\\n```\\n(.*?)```", Pattern.DOTALL);

    @Test
    void readmeCommandExamplesRunAsWritten(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher m = MARKED_BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("marked blocks in README.md").hasSizeGreaterThanOrEqualTo(6);
        Path script = dir.resolve("readme.sh");
        // the trap stops the README's background sandbox also when a command fails half-way
        Files.writeString(script, "set -eu\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n"
                + String.join("\n", blocks));

        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("CSC_CLIENT_SECRET");
        builder.environment().remove("CSC_PIN");
        builder.environment().put("PATH", Path.of("target").toAbsolutePath() + File.pathSeparator
                + builder.environment().get("PATH"));
        File log = dir.resolve("log.txt").toFile();
        Process process = builder.redirectOutput(log).start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Verified OK", "3 file(s) written", "TOTAL_PASSED", "(SHA256withRSA)");
        assertThat(dir.resolve("signed").resolve("a-signed.pdf")).isRegularFile();
    }
}
