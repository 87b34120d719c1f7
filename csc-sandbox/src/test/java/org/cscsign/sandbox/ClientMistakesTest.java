package org.cscsign.sandbox;

import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.Http.bearer;
import static org.cscsign.sandbox.Http.csc;
import static org.cscsign.sandbox.Http.postJson;

/**
 * A client's mistake gets a 4xx in the CSC error format and never a stack trace in the sandbox's log;
 * the state dir keeps secrets and private keys readable by the owner only.
 */
class ClientMistakesTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    @Test
    void oversizedBodyIs413InTheCscErrorFormatWithoutAStackTrace() {
        Sandbox s = sandbox.get();
        String huge = "{\"credentialID\":\"rsa2048\",\"hashes\":[\"" + "A".repeat(2 * 1024 * 1024) + "\"]}";
        String authorization = bearer(s);
        Captured<Http.Response> r = captureStderr(() -> postJson(csc(s, "signatures/signHash"), authorization, huge));
        assertThat(r.value().status()).isEqualTo(413);
        assertThat(r.value().json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(r.value().json().path("error_description").asText()).contains("larger than");
        assertThat(r.log()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(s.stats().count(s.cscUrl().getPath() + "/signatures/signHash")).isEqualTo(1);
    }

    @Test
    void malformedBodyIs400WithoutAStackTrace() {
        Sandbox s = sandbox.get();
        String authorization = bearer(s);
        Captured<Http.Response> r = captureStderr(() -> postJson(csc(s, "signatures/signHash"), authorization,
                "{\"credentialID\": \"rsa2048\", \"hashes\": [tru"));
        assertThat(r.value().status()).isEqualTo(400);
        assertThat(r.value().json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(r.log()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void secretsAndPrivateKeysInTheStateDirAreOwnerOnly() throws IOException {
        Path stateDir = sandbox.get().trustAnchor().getParent();
        assertThat(Files.getFileStore(stateDir).supportsFileAttributeView("posix")).isTrue();
        EnumSet<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(stateDir.resolve("client.properties"))).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(stateDir.resolve("client-ec-key.pem"))).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(stateDir.resolve("client-rsa-key.pem"))).isEqualTo(ownerOnly);
        try (Stream<Path> keys = Files.list(stateDir.resolve("keys"))) {
            keys.filter(p -> p.getFileName().toString().endsWith(".key.pem")).forEach(p -> {
                try {
                    assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(ownerOnly);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    private record Captured<T>(T value, String log) {
    }

    private static synchronized <T> Captured<T> captureStderr(Supplier<T> call) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            T value = call.get();
            return new Captured<>(value, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
