package org.cscsign.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.FaultProxy;
import org.cscsign.sandbox.junit.FaultProxy.Fault;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The fault suite through the command line ({@link CliRun}, in-process): a {@link FaultProxy} between
 * {@code cscsign} and the sandbox plays a failing service, network or input, and each row asserts the
 * exit code, one clear line naming what failed (never a stack trace), that no output file was written,
 * that the sandbox executed signHash at most once (and not at all when the failure was found before
 * spending), and that the command ended within its {@code --timeout 2} (asserted as completion).
 */
class CliFaultSuiteTest {

    private static final String SIGN = "signatures/signHash";
    private static final String AUTHORIZE = "credentials/authorize";
    private static final String JSON = "application/json";

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    @TempDir
    static Path inputs;

    private static FaultProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        proxy = FaultProxy.start(sandbox.get().baseUrl());
        DemoDocuments.writeAll(inputs);
        Files.writeString(inputs.resolve("not-a-pdf.pdf"), "this is text, not a PDF", StandardCharsets.UTF_8);
        Files.writeString(inputs.resolve("unknown-key.properties"), "csc-url=http://127.0.0.1:1/csc/v2\nclient-idd=x\n");
        Files.writeString(inputs.resolve("bad-dpop.properties"), "dpop=maybe\n");
        Files.writeString(inputs.resolve("broken.xml"), "this is no XML <at all", StandardCharsets.UTF_8);
        Files.writeString(inputs.resolve("bad-timeout.properties"), "timeout=soon\n");
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void clean() {
        proxy.reset();
    }

    /** What a row runs. */
    enum Command { INFO, SIGN_HASH, SIGN_PADES_B, SIGN_PADES_T_TWO, SIGN_XADES_B, VALIDATE }

    /**
     * @param name what the row plays
     * @param path the path suffix the fault is on, null for none
     * @param fault the fault, null for none
     * @param command what cscsign runs
     * @param extra more arguments (options or input files; inputs default to the demo PDF)
     * @param exit the expected exit code
     * @param message a fragment of the error line, may be null
     * @param maxSignHash how many signHash calls the sandbox may execute
     */
    record Row(String name, String path, Fault fault, Command command, List<String> extra, int exit, String message,
               int maxSignHash) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, String path, Fault fault, Command command, int exit, String message,
                           int maxSignHash, String... extra) {
        return new Row(name, path, fault, command, List.of(extra), exit, message, maxSignHash);
    }

    static Stream<Row> rows() {
        return Stream.of(
                row("info: answer drip-fed", "/info", Fault.dripFeed(Duration.ofMillis(300)), Command.INFO, 3,
                        "within 2 s", 0),
                row("info: answer never ends", "/info", Fault.endlessBody(), Command.INFO, 3, "size limit", 0),
                row("sign-hash: signHash executed, then the connection dropped", SIGN, Fault.dropAfterForwarding(),
                        Command.SIGN_HASH, 3, "may have executed it", 1),
                row("sign-hash: answer drip-fed", SIGN, Fault.dripFeed(Duration.ofMillis(300)), Command.SIGN_HASH, 3,
                        "within 2 s", 1),
                row("sign-hash: answer never ends", SIGN, Fault.endlessBody(), Command.SIGN_HASH, 3, "size limit", 1),
                row("sign-hash: fewer signatures", SIGN, Fault.rewriteJson(j -> {
                    ((ArrayNode) j.get("signatures")).remove(0);
                    return j;
                }), Command.SIGN_HASH, 3, "signatures for", 1),
                row("sign-hash: 503 without Retry-After", SIGN, Fault.respond(503, JSON,
                        "{\"error\":\"temporarily_unavailable\"}"), Command.SIGN_HASH, 3, "HTTP 503", 0),
                row("sign-hash: token endpoint answers for ever", "oauth2/token", Fault.endlessBody(),
                        Command.SIGN_HASH, 3, "oauth2/token", 0),
                row("sign-hash: authorize refused", AUTHORIZE, Fault.respond(403, JSON,
                        "{\"error\":\"access_denied\",\"error_description\":\"refused\"}"), Command.SIGN_HASH, 1,
                        "access_denied", 0),
                row("sign-hash: 401 once, then a new token", SIGN, Fault.firstTimes(1, Fault.respond(401, JSON,
                        "{\"error\":\"invalid_token\"}")), Command.SIGN_HASH, 0, null, 1),
                row("sign: signHash executed, then the connection dropped", SIGN, Fault.dropAfterForwarding(),
                        Command.SIGN_PADES_B, 3, "may have executed it", 1),
                row("sign: signHash answer drip-fed", SIGN, Fault.dripFeed(Duration.ofMillis(300)),
                        Command.SIGN_PADES_B, 3, "within 2 s", 1),
                row("sign: signHash answer never ends", SIGN, Fault.endlessBody(), Command.SIGN_PADES_B, 3,
                        "size limit", 1),
                row("sign: reordered signatures", SIGN, Fault.rewriteJson(j -> {
                    ArrayNode s = (ArrayNode) j.get("signatures");
                    s.add(s.get(0));
                    s.remove(0);
                    return j;
                }), Command.SIGN_PADES_T_TWO, 3, "does not verify", 1),
                row("sign: garbage OCSP from signHash", SIGN, Fault.rewriteJson(j -> {
                    ((ObjectNode) j.get("validationInfo")).putArray("ocsp").add("Z2FyYmFnZQ==");
                    return j;
                }), Command.SIGN_PADES_B, 3, "ocsp", 1),
                row("sign: info malformed", "/info", Fault.respond(200, JSON, "{\"name\":"), Command.SIGN_PADES_B, 3,
                        "info", 0),
                row("sign: TSA goes away mid-batch", "/tsa", Fault.afterTimes(1, Fault.dropBeforeForwarding()),
                        Command.SIGN_PADES_T_TWO, 3, null, 1),
                row("sign: TSA answers with an HTML page", "/tsa", Fault.respond(200, "text/html", "<html/>"),
                        Command.SIGN_PADES_T_TWO, 3, null, 1),
                row("sign: TSA answer drip-fed", "/tsa", Fault.dripFeed(Duration.ofMillis(300)),
                        Command.SIGN_PADES_T_TWO, 3, "time-stamping service", 1),
                row("sign: TSA answer never ends", "/tsa", Fault.endlessBody(), Command.SIGN_PADES_T_TWO, 3,
                        "time-stamping service", 1),
                row("sign: missing input file", null, null, Command.SIGN_PADES_B, 4, "no-such-file.pdf", 0,
                        "INPUT:no-such-file.pdf"),
                row("sign: input is not a PDF", null, null, Command.SIGN_PADES_B, 4, "not-a-pdf.pdf", 0,
                        "INPUT:not-a-pdf.pdf"),
                row("sign: output folder is a file", null, null, Command.SIGN_PADES_B, 2, "output", 0,
                        "OUT:not-a-pdf.pdf"),
                row("sign: --config with an unknown key", null, null, Command.SIGN_PADES_B, 2, "client-idd", 0,
                        "--config", "CONFIG:unknown-key.properties"),
                row("sign: --config with dpop=maybe", null, null, Command.SIGN_PADES_B, 2, "dpop must be true or false",
                        0, "--config", "CONFIG:bad-dpop.properties"),
                row("sign: --config with timeout=soon", null, null, Command.SIGN_PADES_B, 2, "timeout", 0,
                        "--config", "CONFIG:bad-timeout.properties"),
                row("sign xades: input is not XML", null, null, Command.SIGN_XADES_B, 4, "broken.xml", 0,
                        "INPUT:broken.xml"),
                row("validate: input is not XML", null, null, Command.VALIDATE, 4, "broken.xml", 0,
                        "INPUT:broken.xml"),
                row("sign: --timeout 0", null, null, Command.SIGN_PADES_B, 2, "--timeout", 0, "--timeout", "0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void faultGivesItsExitCodeOneLineNoFileAndAtMostOneSignHash(Row row, @TempDir Path out) throws Exception {
        Sandbox s = sandbox.get();
        if (row.path() != null) {
            proxy.on(row.path(), row.fault());
        }
        s.stats().reset();
        List<String> args = arguments(s, row, out);
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.run(
                Map.of("CSC_CLIENT_SECRET", s.clientSecret(), "CSC_PIN", s.pin()), args.toArray(String[]::new)));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(row.exit());
        if (row.exit() != 0) {
            List<String> errorLines = run.err().lines().filter(l -> l.startsWith("cscsign: error:")).toList();
            assertThat(errorLines).as(run.err()).hasSize(1);
            if (row.message() != null) {
                assertThat(errorLines.get(0)).contains(row.message());
            }
            assertThat(run.all()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("[Fatal Error]");
            if (Files.isDirectory(out)) {
                try (Stream<Path> files = Files.list(out)) {
                    assertThat(files).as("nothing written").isEmpty();
                }
            }
        }
        assertThat(s.stats().count(s.cscUrl().getPath() + "/" + SIGN)).as("signHash executed")
                .isLessThanOrEqualTo(row.maxSignHash());
    }

    private static List<String> arguments(Sandbox s, Row row, Path out) throws Exception {
        List<String> args = new ArrayList<>();
        List<String> inputsGiven = new ArrayList<>();
        Path outDir = out;
        for (String e : row.extra()) {
            if (e.startsWith("INPUT:")) {
                inputsGiven.add(inputs.resolve(e.substring(6)).toString());
            } else if (e.startsWith("OUT:")) {
                outDir = inputs.resolve(e.substring(4));
            } else if (e.startsWith("CONFIG:")) {
                args.add(inputs.resolve(e.substring(7)).toString());
            } else {
                args.add(e);
            }
        }
        List<String> connection = List.of("--csc-url", proxy.via(s.cscUrl()).toString(), "--client-id", s.clientId(),
                "--token-url", proxy.via(s.tokenUrl()).toString(), "--timeout", "2");
        List<String> all = new ArrayList<>();
        switch (row.command()) {
            case SIGN_HASH -> {
                all.add("sign-hash");
                all.addAll(connection);
                all.addAll(List.of("--credential", "rsa2048", "--hash-alg", "SHA256"));
                all.addAll(args);
                all.add(digest("first"));
                all.add(digest("second"));
            }
            case INFO -> all.addAll(List.of("info", "--csc-url", proxy.via(s.cscUrl()).toString(), "--timeout", "2"));
            case VALIDATE -> {
                all.addAll(List.of("validate", "--offline", "--trust", s.trustAnchor().toString()));
                all.addAll(inputsGiven);
            }
            case SIGN_PADES_B, SIGN_PADES_T_TWO, SIGN_XADES_B -> {
                all.add("sign");
                all.addAll(connection);
                all.addAll(List.of("--credential", "rsa2048", "--format",
                        row.command() == Command.SIGN_XADES_B ? "xades" : "pades", "--trust",
                        s.trustAnchor().toString(), "--out", outDir.toString()));
                if (row.command() == Command.SIGN_PADES_T_TWO) {
                    all.addAll(List.of("--level", "T", "--tsa", proxy.via(s.tsaUrl()).toString()));
                } else {
                    all.addAll(List.of("--level", "B"));
                }
                all.addAll(args);
                if (inputsGiven.isEmpty()) {
                    all.add(inputs.resolve(DemoDocuments.PDF).toString());
                    if (row.command() == Command.SIGN_PADES_T_TWO) {
                        Path second = inputs.resolve("second.pdf");
                        if (!Files.exists(second)) {
                            Files.copy(inputs.resolve(DemoDocuments.PDF), second);
                        }
                        all.add(second.toString());
                    }
                } else {
                    all.addAll(inputsGiven);
                }
            }
        }
        return all;
    }

    private static String digest(String data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(data.getBytes(StandardCharsets.UTF_8)));
    }
}
