package org.cscsign.cli;

import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed files get the mode the user's umask gives any new file, as with any other tool (never 0600). */
class FileModesIT {

    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    @ParameterizedTest
    @CsvSource({"022, rw-r--r--", "027, rw-r-----", "002, rw-rw-r--"})
    void signedFilesFollowTheUmask(String umask, String expected, @TempDir Path dir) throws Exception {
        Sandbox sandbox = standard.get();
        DemoDocuments.writeAll(dir.resolve("in"));
        Path out = dir.resolve("out");
        String command = "umask " + umask + " && exec '" + Path.of("target", "cscsign").toAbsolutePath() + "' sign"
                + " --csc-url '" + sandbox.cscUrl() + "' --client-id '" + sandbox.clientId() + "'"
                + " --credential rsa2048 --format xades --level B --no-self-validate --out '" + out + "' '"
                + dir.resolve("in").resolve(DemoDocuments.XML) + "'";
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        builder.environment().put("CSC_CLIENT_SECRET", sandbox.clientSecret());
        builder.environment().put("CSC_PIN", sandbox.pin());
        File log = dir.resolve("log.txt").toFile();
        Process process = builder.redirectOutput(log).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log.toPath())).isZero();

        try (var files = Files.list(out)) {
            assertThat(files.toList()).singleElement().satisfies(signed ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(signed))).isEqualTo(expected));
        }
    }
}
