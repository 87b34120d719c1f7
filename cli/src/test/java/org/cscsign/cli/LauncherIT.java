package org.cscsign.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code cscsign} command as a user gets it: the launcher left in {@code cli/target/} and the
 * distribution archive unpacked somewhere else, each run as a real process through {@code sh}.
 */
class LauncherIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    /** What a finished process left behind. */
    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void distributionUnpackedElsewhereRunsHelp(@TempDir Path dir) throws Exception {
        Path cscsign = unpack(dir.resolve("unpacked"));
        assertThat(cscsign).isExecutable();
        assertThat(cscsign.getParent().resolveSibling("lib").resolve("cscsign.jar")).isRegularFile();
        assertThat(cscsign.getParent().resolveSibling("README.md")).isRegularFile();

        Result help = run(dir, Map.of(), cscsign.toString(), "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: cscsign").contains("sign-hash", "validate", "demo");
    }

    @Test
    void distributionRunsThroughASymlinkFromAnotherFolderAndPassesTheExitCodeThrough(@TempDir Path dir)
            throws Exception {
        Path cscsign = unpack(dir.resolve("unpacked"));
        Path bin = Files.createDirectories(dir.resolve("elsewhere/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("cscsign"), cscsign);

        Result version = run(dir, Map.of(), link.toString(), "--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("cscsign ");

        // a usage error is exit 2 from the launcher too, with the one-line message
        Result usage = run(dir, Map.of(), link.toString(), "sign", "--format", "pades");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("cscsign: error:").doesNotContain("Exception");
    }

    @Test
    void buildLauncherRunsVersionWithJavaHomeAndJavaOpts(@TempDir Path dir) throws Exception {
        Path launcher = TARGET.resolve("cscsign");
        assertThat(launcher).isExecutable();
        Result version = run(dir, Map.of("JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS", "-XshowSettings:properties -Dcscsign.launcher.probe=seen"), launcher.toString(), "--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("cscsign ").contains("EU DSS");
        // -XshowSettings prints the system properties on stderr: proof that JAVA_OPTS reached the JVM
        assertThat(version.err()).contains("cscsign.launcher.probe = seen");
    }

    @Test
    void launcherWithABrokenJavaHomeSaysSoInOneLine(@TempDir Path dir) throws Exception {
        Result result = run(dir, Map.of("JAVA_HOME", dir.resolve("no-java").toString()),
                TARGET.resolve("cscsign").toString(), "--version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("cscsign: error: JAVA_HOME").doesNotContain("\n");
    }

    private static Path unpack(Path into) throws Exception {
        Path archive;
        try (var files = Files.list(TARGET)) {
            archive = files.filter(f -> f.getFileName().toString().matches("cscsign-.+\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new AssertionError("no cscsign-<version>.tar.gz in " + TARGET));
        }
        Files.createDirectories(into);
        Result tar = run(into, Map.of(), "tar", "-xzf", archive.toString(), "-C", into.toString());
        assertThat(tar.exitCode()).as(tar.err()).isZero();
        try (var dirs = Files.list(into)) {
            Path top = dirs.findFirst().orElseThrow();
            assertThat(top.getFileName().toString()).startsWith("cscsign-");
            return top.resolve("bin").resolve("cscsign");
        }
    }

    private static Result run(Path workDir, Map<String, String> env, String... command) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        // captured outside workDir, which the commands may list or unpack into
        File out = File.createTempFile("launcher-out", ".txt");
        File err = File.createTempFile("launcher-err", ".txt");
        try {
            Process process = builder.redirectOutput(out).redirectError(err).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}
