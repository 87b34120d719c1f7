package org.cscsign.samples;

import eu.europa.esig.dss.enumerations.Indication;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.Login;
import org.cscsign.csc.auth.PendingAuthorization;
import org.cscsign.sandbox.Profile;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The primesign sample against the sandbox's primesign profile; the "user" approves over HTTP. */
class PrimesignSampleTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN)
            .redirectUri("https://shop.example.test/sign/callback"));   // the web application's registered redirect

    /**
     * Loads the consent page and submits PIN + Approve; with {@code follow} the client follows the
     * redirect (to the sample's loopback receiver), else it returns where the browser was sent.
     */
    private static URI approve(URI authorizationUri, String pin, boolean follow) {
        try {
            HttpClient browser = HttpClient.newBuilder()
                    .followRedirects(follow ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER).build();
            String page = browser.send(HttpRequest.newBuilder(authorizationUri).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(page);
            Matcher session = Pattern.compile("name=\"session\" value=\"([^\"]+)\"").matcher(page);
            assertThat(action.find() && session.find()).as(page).isTrue();
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(authorizationUri.resolve(action.group(1)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("action=approve&session="
                            + URLEncoder.encode(session.group(1), StandardCharsets.UTF_8) + "&pin=" + pin))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return follow ? answer.uri() : URI.create(answer.headers().firstValue("Location").orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void desktopSampleSignsThreePdfsWithOneApproval(Sandbox sandbox, @TempDir Path dir) throws Exception {
        List<Path> pdfs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            pdfs.add(SampleFiles.pdf(dir.resolve("contract-" + i + ".pdf"), 1));
        }
        Path out = Files.createDirectory(dir.resolve("out"));
        List<URI> shown = new ArrayList<>();

        List<Path> signed = SignWithPrimesign.signPdfs(sandbox.cscUrl(), sandbox.clientId(), sandbox.clientSecret(),
                "acct-1", sandbox.tsaUrl(), sandbox.trustAnchor(), pdfs, out, uri -> {
                    shown.add(uri);
                    approve(uri, sandbox.pin(), true);
                });

        assertThat(shown).hasSize(1);
        assertThat(sandbox.stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
        assertThat(sandbox.stats().authorizeRequests().get(0).rar()).isTrue();
        assertThat(sandbox.stats().authorizeRequests().get(0).accountId()).isEqualTo("acct-1");
        DocumentValidator validator = DocumentValidator.builder().trustAnchorFile(sandbox.trustAnchor()).build();
        assertThat(signed).hasSize(3);
        for (Path p : signed) {
            ValidationResult result = validator.validate(p, List.of());
            SignatureSummary s = result.signatures().get(0);
            assertThat(s.indication()).as("%s", s.errors()).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(s.format()).isEqualTo("PAdES-BASELINE-LT");
        }
    }

    @Test
    void webAppSampleSignsExactlyTheAuthorizedHashes(Sandbox sandbox) throws Exception {
        byte[] data = "invoice 4711".getBytes(StandardCharsets.UTF_8);
        List<byte[]> hashes = List.of(MessageDigest.getInstance("SHA-256").digest(data));
        try (CscClient client = CscClient.builder().profile(CscProfile.PRIMESIGN).baseUrl(sandbox.cscUrl())
                .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret())))
                .buildClient()) {
            PendingAuthorization pending = SignWithPrimesign.startInWebApp(client, "rsa2048", hashes,
                    URI.create("https://shop.example.test/sign/callback"));
            URI callback = approve(pending.authorizationUri(), sandbox.pin(), false);
            assertThat(callback.toString()).startsWith("https://shop.example.test/sign/callback?");
            List<byte[]> signatures = SignWithPrimesign.finishInWebApp(client, pending, callback, hashes,
                    "1.2.840.113549.1.1.11");
            Signature verify = Signature.getInstance("SHA256withRSA");
            verify.initVerify(client.credentialInfo(org.cscsign.csc.CredentialId.of("rsa2048"),
                    org.cscsign.csc.CertificatesMode.SINGLE, false, false).publicKey().orElseThrow());
            verify.update(data);
            assertThat(verify.verify(signatures.get(0))).isTrue();
            assertThat(sandbox.stats().count("oauth:revoke:revoked")).isEqualTo(1);
        }
    }
}
