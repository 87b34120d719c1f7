package org.cscsign.benchmarks;

import org.cscsign.csc.CscClient;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.SigningResult;
import org.cscsign.token.CscSignatureToken;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.token.KSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import eu.europa.esig.dss.token.SignatureTokenConnection;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end harness: signs batches of PDFs through the sandbox (real HTTP on loopback, real PKI)
 * with the CSC token and, for comparison, with a local PKCS#12 token holding the same key, and
 * reports documents per second, signHash calls and heap. Run:
 * {@code java -cp … org.cscsign.benchmarks.EndToEndBenchmark [docs] [rounds] [latencyMs]}.
 */
public final class EndToEndBenchmark {

    /** One measured configuration. */
    public record Row(String token, String level, int documents, int rounds, double bestSeconds, double medianSeconds,
            int signHashCalls, long heapMiB) {

        /** @return documents per second of the median round */
        public double docsPerSecond() {
            return documents / medianSeconds;
        }

        /** @return a Markdown table row */
        public String markdown() {
            return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.1f | %d | %d |", token, level, documents,
                    bestSeconds, medianSeconds, docsPerSecond(), signHashCalls, heapMiB);
        }
    }

    private EndToEndBenchmark() {
    }

    /**
     * Runs the harness.
     *
     * @param documents PDFs per batch
     * @param rounds measured rounds per configuration (after one warm-up round)
     * @param latency latency the sandbox adds to every CSC/OAuth2 request
     * @return one row per (token, level)
     */
    public static List<Row> run(int documents, int rounds, Duration latency) {
        List<Row> rows = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.builder().multisign(50).latency(latency).build().start()) {
            List<DSSDocument> pdfs = pdfs(documents);
            for (Level level : List.of(Level.B, Level.LT)) {
                try (CscSignatureToken csc = CscSignatureToken.builder()
                        .config(CscClient.builder().baseUrl(sandbox.cscUrl())
                                .login(Login.clientCredentials(sandbox.clientId(),
                                        ClientAuthentication.clientSecretBasic(sandbox.clientSecret())))
                                .build())
                        .credentialIds("rsa2048")
                        .authorizer(CredentialAuthorizer.pin(sandbox.pin().toCharArray()))
                        .build()) {
                    rows.add(measure("CSC (sandbox)", csc, sandbox, level, pdfs, rounds));
                }
                char[] pw = "bench".toCharArray();
                try (KeyStoreSignatureTokenConnection local = new KeyStoreSignatureTokenConnection(
                        pkcs12Bytes(sandbox.pki().toPkcs12("rsa2048", pw), pw), "PKCS12",
                        new KeyStore.PasswordProtection(pw))) {
                    rows.add(measure("local PKCS#12", local, sandbox, level, pdfs, rounds));
                }
            }
        }
        return rows;
    }

    private static Row measure(String name, SignatureTokenConnection token, Sandbox sandbox, Level level,
            List<DSSDocument> pdfs, int rounds) {
        var key = token.getKeys().stream()
                .filter(k -> !(k instanceof KSPrivateKeyEntry ks) || ks.getAlias().equals("rsa2048"))
                .findFirst().orElseThrow();
        DocumentSigner signer = DocumentSigner.builder().token(token).key(key).tsa(sandbox.tsaUrl())
                .trustAnchorFile(sandbox.trustAnchor()).selfValidation(false).build();
        SignatureOptions options = SignatureOptions.builder(SignatureFormat.PADES).level(level).build();
        signer.sign(pdfs, options, null); // warm-up: class loading, JIT, connection pool, token cache
        List<Double> seconds = new ArrayList<>();
        int calls = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            SigningResult result = signer.sign(pdfs, options, null);
            seconds.add((System.nanoTime() - start) / 1e9);
            calls = result.signHashCalls();
            if (result.documents().size() != pdfs.size()) {
                throw new IllegalStateException("expected " + pdfs.size() + " outputs");
            }
        }
        seconds.sort(Double::compare);
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        return new Row(name, level.name(), pdfs.size(), rounds, seconds.get(0), seconds.get(seconds.size() / 2), calls,
                heap);
    }

    private static byte[] pkcs12Bytes(KeyStore keyStore, char[] password) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            keyStore.store(bytes, password);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialise the PKCS#12 key store", e);
        }
    }

    /**
     * @param count how many
     * @return small one-page PDFs with distinct content
     */
    public static List<DSSDocument> pdfs(int count) {
        List<DSSDocument> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try (PDDocument doc = new PDDocument(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    text.newLineAtOffset(72, 700);
                    text.showText("benchmark document " + i);
                    text.endText();
                }
                doc.save(bytes);
                out.add(new InMemoryDocument(bytes.toByteArray(), "doc-" + i + ".pdf"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * @param args {@code [documents=100] [rounds=3] [latencyMs=0]}
     */
    public static void main(String[] args) {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        List<Row> rows = run(documents, rounds, Duration.ofMillis(latencyMs));
        System.out.printf("PAdES batches of %d documents, %d rounds, sandbox latency %d ms, %d cores, Java %s%n%n",
                documents, rounds, latencyMs, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("| token | level | docs | best s | median s | docs/s | signHash calls | heap MiB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(r -> System.out.println(r.markdown()));
    }
}
