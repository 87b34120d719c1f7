package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignHashCommandTest {

    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    @RegisterExtension
    static SandboxExtension bankid = SandboxExtension.bankid();

    private static final byte[] DATA_1 = "first document".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA_2 = "second document".getBytes(StandardCharsets.UTF_8);

    private static String digest(byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static Map<String, String> secrets(Sandbox sandbox, String pin) {
        return Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret(), "CSC_PIN", pin);
    }

    private static X509Certificate leaf(Sandbox sandbox, String id) {
        return sandbox.pki().credential(id).orElseThrow().certificate();
    }

    @Test
    void rsaSignaturesVerifyOverTheOriginalDataInOrder() throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secrets(sandbox, sandbox.pin()), "sign-hash", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--credential", "rsa2048", "--hash-alg", "SHA256", "--json",
                digest(DATA_1), digest(DATA_2));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.path("signatures")).hasSize(2);
        assertThat(verify("SHA256withRSA", leaf(sandbox, "rsa2048"), DATA_1, json.path("signatures").get(0).asText())).isTrue();
        assertThat(verify("SHA256withRSA", leaf(sandbox, "rsa2048"), DATA_2, json.path("signatures").get(1).asText())).isTrue();
        assertThat(json.path("validationInfo").has("ocsp")).isTrue();
    }

    @Test
    void ecdsaSignatureVerifies() throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secrets(sandbox, sandbox.pin()), "sign-hash", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--credential", "ecp256", "--hash-alg", "SHA256", digest(DATA_1));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(verify("SHA256withECDSA", leaf(sandbox, "ecp256"), DATA_1, run.out().strip())).isTrue();
    }

    @Test
    void cscV1BaseUrlSpeaksV1() throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secrets(sandbox, sandbox.pin()), "sign-hash", "--csc-url", sandbox.cscV1Url().toString(),
                "--client-id", sandbox.clientId(), "--credential", "rsa3072", "--hash-alg", "SHA256", "--json",
                digest(DATA_2));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        String signature = Json.mapper().readTree(run.out()).path("signatures").get(0).asText();
        assertThat(verify("SHA256withRSA", leaf(sandbox, "rsa3072"), DATA_2, signature)).isTrue();
        assertThat(sandbox.stats().count("/csc/v1/signatures/signHash")).isEqualTo(1);
    }

    @Test
    void bankidNeedsNoPinAndReturnsTheLeafOcsp() throws Exception {
        Sandbox sandbox = bankid.get();

        CliRun run = CliRun.run(Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret()), "sign-hash",
                "--csc-url", sandbox.cscUrl().toString(), "--client-id", sandbox.clientId(),
                "--credential", "rsa2048", "--hash-alg", "SHA256", "--json", digest(DATA_1));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(verify("SHA256withRSA", leaf(sandbox, "rsa2048"), DATA_1, json.path("signatures").get(0).asText())).isTrue();
        assertThat(json.path("validationInfo").path("ocsp")).isNotEmpty();
    }

    @Test
    void hexDigestGetsAHintAndNothingIsSent() throws Exception {
        Sandbox sandbox = standard.get();
        String hex = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {1}));
        long before = sandbox.stats().count("/csc/v2/signatures/signHash");

        CliRun run = CliRun.run(secrets(sandbox, sandbox.pin()), "sign-hash", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--credential", "rsa2048", "--hash-alg", "SHA256", hex);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("cscsign: error: digest 1: expected the Base64 of a 32-byte SHA256 "
                + "digest; got 64 hex characters? The Base64 of a file's digest: openssl dgst -sha256 -binary FILE | base64");
        assertThat(sandbox.stats().count("/csc/v2/signatures/signHash")).isEqualTo(before);
    }

    @Test
    void missingPinIsAUsageError() throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret()), "sign-hash",
                "--csc-url", sandbox.cscUrl().toString(), "--client-id", sandbox.clientId(),
                "--credential", "rsa2048", "--hash-alg", "SHA256", digest(DATA_1));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("PIN").contains("CSC_PIN").doesNotContain("\tat ");
    }

    @Test
    void wrongPinIsARefusalAndNeitherPinNorSecretIsPrinted() throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secrets(sandbox, "97531"), "sign-hash", "--verbose",
                "--csc-url", sandbox.cscUrl().toString(), "--client-id", sandbox.clientId(),
                "--credential", "rsa2048", "--hash-alg", "SHA256", digest(DATA_1));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.all()).doesNotContain("97531").doesNotContain(sandbox.clientSecret());
    }

    @Test
    void secretsNeverAppearInVerboseOutput() throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secrets(sandbox, sandbox.pin()), "sign-hash", "--verbose",
                "--csc-url", sandbox.cscUrl().toString(), "--client-id", sandbox.clientId(),
                "--credential", "rsa2048", "--hash-alg", "SHA256", digest(DATA_1));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(run.all()).doesNotContain(sandbox.clientSecret()).doesNotContain("PIN=" + sandbox.pin())
                .doesNotContain("\"" + sandbox.pin() + "\"");
    }

    @Test
    void digestOfTheWrongLengthIsAUsageError() {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secrets(sandbox, sandbox.pin()), "sign-hash", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--credential", "rsa2048", "--hash-alg", "SHA256",
                Base64.getEncoder().encodeToString(new byte[20]));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("digest 1").doesNotContain("\tat ");
    }

    @Test
    void invalidBase64IsAUsageError() {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secrets(sandbox, sandbox.pin()), "sign-hash", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--credential", "rsa2048", "--hash-alg", "SHA256", "%%%not-base64");

        assertThat(run.exitCode()).isEqualTo(2);
    }

    private static boolean verify(String algorithm, X509Certificate certificate, byte[] data, String signature)
            throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
