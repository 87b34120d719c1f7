package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import eu.europa.esig.dss.enumerations.Indication;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.ServiceQuirks;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line against services as they exist: a CSC 1.0.4.0 service with no login, implicit
 * SCAL 2 credentials, no cert.status and its own OCSP/CRL/TSA (only {@code --csc-url} given), a
 * service that needs a login, a given access token, and CSC v1 auth/login.
 */
class AnyServiceCliTest {

    /** CSC v1 at /csc/v1: no login, implicit SCAL 2 credentials, no cert.status, certInfo refused with 501. */
    @RegisterExtension
    static SandboxExtension open = SandboxExtension.create(b -> b.scal(2).quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.NONE).implicitAuthorization(true).reportCertStatus(false).refuseCertInfo(501)
            .build()));

    /** No login, implicit credentials, asynchronous authorization and signing that are done at the first poll. */
    @RegisterExtension
    static SandboxExtension async = SandboxExtension.create(b -> b.quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.NONE).implicitAuthorization(true).asynchronousAuthorization(true)
            .asynchronousSigning(true).pendingPolls(0).build()));

    /** OAuth2 client credentials (the default sandbox). */
    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    /** CSC v1 auth/login. */
    @RegisterExtension
    static SandboxExtension basic = SandboxExtension.create(b -> b.quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.BASIC).build()));

    @TempDir
    static Path inputs;

    private static final byte[] DATA_1 = "first".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA_2 = "second".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void writeInputs() {
        DemoDocuments.writeAll(inputs);
    }

    private static String v1(Sandbox s) {
        return s.cscV1Url().toString();
    }

    private static String digest(byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static boolean verifies(Sandbox s, String credential, byte[] data, String signature) throws Exception {
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(s.pki().credential(credential).orElseThrow().certificate());
        v.update(data);
        return v.verify(Base64.getDecoder().decode(signature));
    }

    /** {@code openssl dgst -sha256 -verify}, as a user checks a sign-hash value (skipped without openssl). */
    private static boolean opensslVerifies(Sandbox s, String credential, byte[] data, String signature) throws Exception {
        Path dir = Files.createTempDirectory("openssl-");
        try {
            java.security.PublicKey key = s.pki().credential(credential).orElseThrow().certificate().getPublicKey();
            Path pub = Files.writeString(dir.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            Path sig = Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(signature));
            Path file = Files.write(dir.resolve("data.bin"), data);
            Process p;
            try {
                p = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                        sig.toString(), file.toString()).redirectErrorStream(true).start();
            } catch (java.io.IOException noOpenssl) {
                org.junit.jupiter.api.Assumptions.abort("openssl is not installed");
                return false;
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && output.contains("Verified OK");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void credentialsNeedNothingButTheUrl() throws Exception {
        Sandbox s = open.get();

        CliRun run = CliRun.run("credentials", "--csc-url", v1(s), "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        JsonNode credentials = Json.mapper().readTree(run.out()).path("credentials");
        assertThat(credentials).hasSize(s.credentialIds().size());
        assertThat(credentials.get(0).path("subject").asText()).contains("CN=Sandbox Signer").doesNotContain("=#");
        assertThat(credentials.get(0).path("certificates")).hasSize(3);
        assertThat(s.stats().count("/oauth2/token")).isZero();
    }

    @Test
    void signHashNeedsNothingButTheUrlAndTheSignaturesVerify() throws Exception {
        Sandbox s = open.get();

        CliRun run = CliRun.run("sign-hash", "--csc-url", v1(s), "--credential", "rsa2048", "--hash-alg", "SHA256",
                digest(DATA_1), digest(DATA_2));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        String[] lines = run.out().strip().split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(verifies(s, "rsa2048", DATA_1, lines[0])).isTrue();
        assertThat(verifies(s, "rsa2048", DATA_2, lines[1])).isTrue();
        assertThat(opensslVerifies(s, "rsa2048", DATA_2, lines[1])).isTrue();
        // implicit authorization: one credentials/authorize (bound to the 2 hashes at SCAL 2), no PIN asked
        assertThat(s.stats().count("/csc/v1/credentials/authorize")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v1/credentials/info")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v1/credentials/list")).isZero();
    }

    @Test
    void signHashWithAsyncSignCollectsTheSignaturesBySignPolling() throws Exception {
        Sandbox s = async.get();

        CliRun run = CliRun.run("sign-hash", "--csc-url", s.cscUrl().toString(), "--async-sign", "--credential",
                "rsa2048", "--hash-alg", "SHA256", digest(DATA_1));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(verifies(s, "rsa2048", DATA_1, run.out().strip())).isTrue();
        assertThat(s.stats().count("/csc/v2/credentials/authorizeCheck")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v2/signatures/signPolling")).isEqualTo(1);
    }

    @Test
    void padesLtNeedsNothingButTheUrlTsaTrustAndOutAndPasses(@TempDir Path out) {
        Sandbox s = open.get();

        CliRun run = CliRun.run("sign", "--csc-url", v1(s), "--format", "pades", "--level", "LT", "--tsa",
                s.tsaUrl().toString(), "--trust", s.trustAnchor().toString(), "--out", out.toString(),
                inputs.resolve(DemoDocuments.PDF).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        ValidationResult result = DocumentValidator.builder().trustAnchorFile(s.trustAnchor()).online(false).build()
                .validate(out.resolve("service-agreement-signed.pdf"), List.of());
        assertThat(result.signatures()).hasSize(1);
        assertThat(result.signatures().get(0).indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(result.signatures().get(0).format()).isEqualTo("PAdES-BASELINE-LT");
        assertThat(s.stats().count("/csc/v1/signatures/signHash")).isEqualTo(1);
    }

    @Test
    void signHashWithASignatureByAnotherKeyExits3AndPrintsNothing() throws Exception {
        Sandbox s = open.get();
        s.faults().signWithWrongKey(true);

        CliRun run = CliRun.run("sign-hash", "--csc-url", v1(s), "--credential", "rsa2048", "--hash-alg", "SHA256",
                digest(DATA_1));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).contains("does not verify").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void signHashWithOneSignatureMissingExits3AndPrintsNothing() throws Exception {
        Sandbox s = open.get();
        s.faults().dropLastSignature(true);

        CliRun run = CliRun.run("sign-hash", "--csc-url", v1(s), "--credential", "rsa2048", "--hash-alg", "SHA256",
                digest(DATA_1), digest(DATA_2));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void revokedCredentialIsRefusedWithExit1BeforeAnyHashIsSent(@TempDir Path out) throws Exception {
        Sandbox s = open.get();

        CliRun sign = CliRun.run("sign", "--csc-url", v1(s), "--credential", "revoked", "--format", "pades",
                "--level", "LT", "--tsa", s.tsaUrl().toString(), "--trust", s.trustAnchor().toString(),
                "--out", out.toString(), inputs.resolve(DemoDocuments.PDF).toString());
        CliRun signHash = CliRun.run("sign-hash", "--csc-url", v1(s), "--credential", "revoked", "--hash-alg", "SHA256",
                digest(DATA_1));

        assertThat(sign.exitCode()).as(sign.all()).isEqualTo(1);
        assertThat(sign.err()).contains("revoked");
        assertThat(signHash.exitCode()).as(signHash.all()).isEqualTo(1);
        assertThat(signHash.out()).isEmpty();
        assertThat(s.stats().count("/csc/v1/signatures/signHash")).isZero();
        assertThat(s.stats().count("/csc/v1/credentials/authorize")).isZero();
        assertThat(s.stats().ocspRequestsFor("revoked")).isEqualTo(2);
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aListThatNeverEndsIsExit3WithOneLine() {
        Sandbox s = open.get();
        s.faults().endlessCredentialList(true);

        CliRun run = CliRun.run("credentials", "--csc-url", v1(s));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err().strip()).contains("does not end").doesNotContain("\n");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "an authType no CSC version defines|credentials|authType [kerberos-ticket] names no authentication",
            "an auth mode no CSC version defines|sign-hash|unknown auth mode 'biometric'",
    })
    void unknownAuthNamesAreExit3WithOneLine(String what, String command, String message) throws Exception {
        Sandbox s = open.get();
        s.faults().unknownAuthNames(true);
        List<String> args = new java.util.ArrayList<>(List.of(command, "--csc-url", v1(s)));
        if (command.equals("sign-hash")) {
            args.addAll(List.of("--auth", "none", "--credential", "rsa2048", "--hash-alg", "SHA256", digest(DATA_1)));
        }

        CliRun run = CliRun.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err().strip()).contains(message).doesNotContain("\n").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
        assertThat(s.stats().count("/csc/v1/signatures/signHash")).isZero();
    }

    @Test
    void aServiceThatNeedsALoginSaysSoWhenNoneIsGiven() {
        Sandbox s = standard.get();

        CliRun run = CliRun.run("credentials", "--csc-url", s.cscUrl().toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("needs a login").contains("oauth2client");
    }

    @Test
    void anUnknownAuthIsAUsageError() {
        CliRun run = CliRun.run("credentials", "--csc-url", "http://127.0.0.1:9/csc/v2", "--auth", "kerberos");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--auth must be none, client-credentials, token, basic or code");
    }

    @Test
    void aGivenAccessTokenComesFromTheEnvironmentOrAFile(@TempDir Path dir) throws Exception {
        Sandbox s = standard.get();
        String token;
        try (CscClient client = CscClientConfig.builder().baseUrl(s.cscUrl())
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret()))).buildClient()) {
            token = client.accessTokenSource().token().value();
        }
        Path file = Files.writeString(dir.resolve("token"), token + "\n");

        CliRun fromEnv = CliRun.run(Map.of("CSC_ACCESS_TOKEN", token), "credentials", "--csc-url", s.cscUrl().toString());
        CliRun fromFile = CliRun.run("credentials", "--csc-url", s.cscUrl().toString(), "--access-token-file",
                file.toString());

        assertThat(fromEnv.exitCode()).as(fromEnv.all()).isEqualTo(0);
        assertThat(fromFile.exitCode()).as(fromFile.all()).isEqualTo(0);
        assertThat(fromEnv.all() + fromFile.all()).doesNotContain(token);
        assertThat(s.stats().count("/oauth2/token")).isEqualTo(1); // only the one this test made
    }

    @Test
    void v1LoginWithUserAndPasswordFromTheEnvironment() {
        Sandbox s = basic.get();

        CliRun run = CliRun.run(Map.of("CSC_USERNAME", s.username(), "CSC_PASSWORD", s.password()), "credentials",
                "--csc-url", v1(s));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(run.all()).doesNotContain(s.password());
        assertThat(s.stats().count("/csc/v1/auth/login")).isEqualTo(1);
        assertThat(s.stats().count("/csc/v1/auth/revoke")).isEqualTo(1);
    }
}
