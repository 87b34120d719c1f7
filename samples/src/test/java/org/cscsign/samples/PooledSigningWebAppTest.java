package org.cscsign.samples;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The pooling web application: many concurrent requests, one signHash, each caller gets its own PDF signed. */
@Timeout(180)
class PooledSigningWebAppTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.bankid();

    @Test
    void concurrentRequestsShareOneSignHashAndEachGetsItsOwnPdfSigned(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        int requests = 6;
        List<byte[]> pdfs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            pdfs.add(Files.readAllBytes(SampleFiles.pdf(dir.resolve("doc-" + i + ".pdf"), i + 1)));
        }
        try (CscClient client = CscClient.builder().profile(CscProfile.BANKID).baseUrl(sandbox.cscUrl())
                .tokenUrl(sandbox.tokenUrl())
                .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret())))
                .buildClient();
             CscSignatureToken token = CscSignatureToken.builder().client(client).build();
             // the window is only the upper bound: the six requests fill it and it is signed at once
             PooledSigningWebApp app = new PooledSigningWebApp(token, sandbox.tsaUrl(), sandbox.trustAnchor(),
                     Duration.ofSeconds(60), requests)) {
            HttpClient http = HttpClient.newHttpClient();
            CyclicBarrier together = new CyclicBarrier(requests);
            ExecutorService callers = Executors.newFixedThreadPool(requests);
            List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
            try {
                for (byte[] pdf : pdfs) {
                    responses.add(callers.submit(() -> {
                        together.await();
                        return http.send(HttpRequest.newBuilder(app.signUrl())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                    }));
                }
                DocumentValidator validator = DocumentValidator.builder().trustAnchorFile(sandbox.trustAnchor())
                        .online(false).build();
                for (int i = 0; i < requests; i++) {
                    HttpResponse<byte[]> response = responses.get(i).get(120, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
                    // PAdES appends to the original: the answer starts with exactly this caller's PDF
                    assertThat(Arrays.copyOf(response.body(), pdfs.get(i).length)).isEqualTo(pdfs.get(i));
                    ValidationResult result = validator.validate(new InMemoryDocument(response.body(), "signed.pdf"),
                            List.of());
                    SignatureSummary summary = result.signatures().get(0);
                    assertThat(summary.indication()).as("%s", summary.errors()).isEqualTo(Indication.TOTAL_PASSED);
                    assertThat(summary.format()).isEqualTo("PAdES-BASELINE-LT");
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(sandbox.stats().count("/v0/b2b/csc/v2/signatures/signHash")).isEqualTo(1);
            assertThat(app.signHashCalls()).isEqualTo(1);
        }
    }
}
