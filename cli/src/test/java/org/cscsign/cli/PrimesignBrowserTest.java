package org.cscsign.cli;

import org.cscsign.cli.browser.HeadlessChromium;
import org.cscsign.sandbox.Profile;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cscsign sign --authorize code --no-browser} against the sandbox's primesign profile, with the
 * consent page driven in a real headless Chromium: the command prints the authorization URL alone on a
 * line of stderr, the "user" opens it, types the PIN and approves (or denies); one approval signs five
 * PDFs in one signHash call.
 */
class PrimesignBrowserTest {

    @RegisterExtension
    static SandboxExtension primesign = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN));

    /** One cscsign run on its own thread, whose stderr the test reads while it runs. */
    private static final class LiveRun {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final CompletableFuture<Integer> exit;

        LiveRun(Map<String, String> env, List<String> args) {
            CommandLine cli = Main.commandLine(new Main(env));
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit = CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(String[]::new)));
        }

        /** @return the first stderr line that is a URL and nothing else */
        String awaitUrlLine() throws InterruptedException {
            return awaitUrlLine(0);
        }

        /** @return the stderr line that is the {@code index}-th URL (from 0) */
        String awaitUrlLine(int index) throws InterruptedException {
            for (int i = 0; i < 600; i++) {
                Optional<String> line = err.toString().lines().filter(l -> l.startsWith("http")).skip(index).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
                if (exit.isDone()) {
                    throw new AssertionError("cscsign ended before printing the URL: " + err);
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no authorization URL on stderr: " + err);
        }

        int exitCode() throws Exception {
            return exit.get(300, TimeUnit.SECONDS);
        }
    }

    /** Waits for the loopback receiver's page; on failure says which page the browser shows instead. */
    private static void awaitLoopbackPage(org.openqa.selenium.WebDriver driver) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        } catch (org.openqa.selenium.TimeoutException e) {
            String url = driver.getCurrentUrl() == null ? "" : driver.getCurrentUrl().replaceAll("\\?.*", "");
            throw new AssertionError("the browser did not reach the loopback page; it shows " + url + ": "
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    private static List<Path> fivePdfs(Path dir) throws Exception {
        DemoDocuments.writeAll(dir);
        List<Path> pdfs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            pdfs.add(Files.copy(dir.resolve(DemoDocuments.PDF), dir.resolve("contract-" + i + ".pdf")));
        }
        return pdfs;
    }

    private static LiveRun sign(Sandbox s, Path out, List<Path> pdfs, String... extra) {
        List<String> args = new ArrayList<>(List.of("sign", "--profile", "primesign", "--csc-url", s.cscUrl().toString(),
                "--client-id", s.clientId(), "--authorize", "code", "--no-browser", "--credential", "rsa2048",
                "--format", "pades", "--level", "LT", "--tsa", s.tsaUrl().toString(),
                "--trust", s.trustAnchor().toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        pdfs.forEach(p -> args.add(p.toString()));
        return new LiveRun(Map.of("CSC_CLIENT_SECRET", s.clientSecret()), args);
    }

    @Test
    void oneApprovalInTheBrowserSignsFivePdfsInOneSignHashCall(@TempDir Path in, @TempDir Path out) throws Exception {
        Sandbox s = primesign.get();
        s.stats().reset();
        List<Path> pdfs = fivePdfs(in);
        LiveRun run = sign(s, out, pdfs, "--rar", "--client-data", "{\"clientTransactionId\":\"tx-browser\"}");
        String url = run.awaitUrlLine();
        assertThat(url).doesNotContain(" ").startsWith(s.authorizeUrl().toString());

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var driver = chromium.driver();
            driver.get(url);
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("pin")));
            assertThat(driver.findElement(By.id("count")).getText()).isEqualTo("5 documents");
            // RAR: the consent page names each document by its file name, in the order they are signed
            assertThat(driver.findElement(By.id("documents")).getText()).contains("contract-1.pdf", "contract-5.pdf");
            chromium.screenshot(Path.of("target", "screenshots", "primesign-consent.png"));
            driver.findElement(By.id("pin")).sendKeys(s.pin());
            driver.findElement(By.id("approve")).click();
            awaitLoopbackPage(driver);
            assertThat(driver.getPageSource()).contains("You can close this window");
        }

        assertThat(run.exitCode()).as(run.err.toString()).isZero();
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isEqualTo(1);
        assertThat(s.stats().count("oauth:consent:approved")).isEqualTo(1);
        assertThat(s.stats().authorizeRequests().get(0).rar()).isTrue();
        assertThat(s.stats().authorizeRequests().get(0).clientData()).isEqualTo("{\"clientTransactionId\":\"tx-browser\"}");
        DocumentValidator validator = DocumentValidator.builder().trustAnchorFile(s.trustAnchor()).online(false).build();
        for (Path pdf : pdfs) {
            Path signed = out.resolve(pdf.getFileName().toString().replace(".pdf", "-signed.pdf"));
            ValidationResult result = validator.validate(signed, List.of());
            assertThat(result.signatures()).hasSize(1);
            SignatureSummary summary = result.signatures().get(0);
            assertThat(summary.indication()).isEqualTo(eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED);
            assertThat(summary.format()).isEqualTo("PAdES-BASELINE-LT");
        }
        assertThat(run.err.toString()).doesNotContain(s.pin()).doesNotContain("code=");
    }

    @Test
    void denyingInTheBrowserIsExitOneAndWritesNothing(@TempDir Path in, @TempDir Path out) throws Exception {
        Sandbox s = primesign.get();
        s.stats().reset();
        LiveRun run = sign(s, out, fivePdfs(in));
        String url = run.awaitUrlLine();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var driver = chromium.driver();
            driver.get(url);
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("deny")));
            driver.findElement(By.id("deny")).click();
            awaitLoopbackPage(driver);
        }
        assertThat(run.exitCode()).as(run.err.toString()).isEqualTo(1);
        assertThat(run.err.toString()).contains("denied");
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
        assertThat(s.stats().count("/csc/v2/signatures/signHash")).isZero();
    }

    @Test
    void browserThatNeverComesBackIsExitThreeAndWritesNothing(@TempDir Path in, @TempDir Path out) throws Exception {
        Sandbox s = primesign.get();
        List<String> args = new ArrayList<>(List.of("sign", "--profile", "primesign", "--csc-url", s.cscUrl().toString(),
                "--client-id", s.clientId(), "--authorize", "code", "--no-browser", "--auth-timeout", "1",
                "--credential", "rsa2048", "--format", "pades", "--level", "B",
                "--trust", s.trustAnchor().toString(), "--out", out.toString(), fivePdfs(in).get(0).toString()));
        LiveRun run = new LiveRun(Map.of("CSC_CLIENT_SECRET", s.clientSecret()), args);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err.toString()).contains("did not come back");
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void demoWithThePrimesignProfileSignsEveryFormatWithOneApproval(@TempDir Path out) throws Exception {
        LiveRun run = new LiveRun(Map.of(), List.of("demo", "--profile", "primesign", "--no-browser", "--out",
                out.toString()));
        String url = run.awaitUrlLine();
        String pin = run.err.toString().lines().filter(l -> l.startsWith("Sandbox PIN for the consent page: "))
                .findFirst().orElseThrow().substring("Sandbox PIN for the consent page: ".length());
        approve(url, pin);
        assertThat(run.exitCode()).as(run.err.toString()).isZero();
        assertThat(run.out.toString()).contains("All signatures TOTAL_PASSED.").contains("signHash calls in total: 1");
    }

    private static void approve(String url, String pin) {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var driver = chromium.driver();
            driver.get(url);
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("pin")));
            driver.findElement(By.id("pin")).sendKeys(pin);
            driver.findElement(By.id("approve")).click();
            awaitLoopbackPage(driver);
        }
    }

    @Test
    void serviceTokenAndCredentialAuthorizationBothComeFromTheBrowser() throws Exception {
        Sandbox s = primesign.get();
        s.stats().reset();
        String digest = java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        LiveRun run = new LiveRun(Map.of("CSC_CLIENT_SECRET", s.clientSecret()), List.of("sign-hash", "--profile",
                "primesign", "--csc-url", s.cscV1Url().toString(), "--client-id", s.clientId(), "--auth", "code",
                "--authorize", "code", "--no-browser", "--par", "never", "--credential", "ecp256", "--hash-alg", "SHA256",
                digest));
        String login = run.awaitUrlLine(0);
        assertThat(login).contains("scope=service");
        approve(login, s.pin());
        String credential = run.awaitUrlLine(1);
        assertThat(credential).contains("scope=credential").contains("hash=");
        approve(credential, s.pin());

        assertThat(run.exitCode()).as(run.err.toString()).isZero();
        assertThat(run.out.toString().strip()).matches("[A-Za-z0-9+/=]+");
        assertThat(s.stats().count("oauth:token:grant:authorization_code")).isEqualTo(2);
        assertThat(s.stats().count("oauth:token:grant:client_credentials")).isZero();
        assertThat(s.stats().count("/csc/v1/signatures/signHash")).isEqualTo(1);
    }

    @Test
    void terminatingWhileWaitingForTheBrowserIsExitThreeAndWritesNothing(@TempDir Path in, @TempDir Path out)
            throws Exception {
        Sandbox s = primesign.get();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.cscsign.cli.Main", "sign", "--profile", "primesign",
                "--csc-url", s.cscUrl().toString(), "--client-id", s.clientId(), "--authorize", "code", "--no-browser",
                "--credential", "rsa2048", "--format", "pades", "--level", "B", "--trust", s.trustAnchor().toString(),
                "--out", out.toString(), fivePdfs(in).get(0).toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CSC_CLIENT_SECRET", s.clientSecret());
        Process cscsign = pb.start();
        StringBuilder output = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(cscsign.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("http")) {
                    // SIGTERM (a terminal's Ctrl-C is SIGINT: both end the wait); the handle keeps the pipes open
                    cscsign.toHandle().destroy();
                }
            }
        }
        assertThat(cscsign.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cscsign.exitValue()).as(output.toString()).isEqualTo(3);
        assertThat(output.toString()).contains("cancelled");
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }
}
