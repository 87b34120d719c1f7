package org.cscsign.benchmarks;

import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.token.CscSignatureToken;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where the CPU of a batch goes: signs warm-up batches, then records ONE measured batch with Java Flight
 * Recorder (method samples every 10 ms, only around that batch) and prints its wall and CPU time. Aggregate
 * the recording with {@code jfr print --events jdk.ExecutionSample} (see BENCHMARKS.md, "Where an LT document's
 * CPU goes").
 *
 * <p>Usage: {@code LtProfile [--docs 200] [--level LT|B] [--latency-ms 20] [--threads N] [--self-validate]
 * [--warmups 2] [--jfr /tmp/lt.jfr]}
 */
public final class LtProfile {

    private LtProfile() {
    }

    /**
     * @param args see the class comment
     * @throws IOException when the recording cannot be written
     * @throws java.text.ParseException never (JFR settings are built in)
     */
    public static void main(String[] args) throws IOException, java.text.ParseException {
        int docs = 200;
        Level level = Level.LT;
        int latency = 20;
        int threads = 0;
        boolean selfValidate = false;
        int warmups = 2;
        Path jfr = Path.of("/tmp/lt.jfr");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[++i]);
                case "--level" -> level = Level.valueOf(args[++i]);
                case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--self-validate" -> selfValidate = true;
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<DSSDocument> pdfs = EndToEndBenchmark.pdfs(docs);
        SignatureOptions options = SignatureOptions.builder(SignatureFormat.PADES).level(level).build();
        try (Sandbox sandbox = Sandbox.builder().multisign(50).latency(Duration.ofMillis(latency)).build().start();
                CscSignatureToken token = Harness.cscToken(sandbox)) {
            DocumentSigner.Builder b = DocumentSigner.builder().token(token).tsa(sandbox.tsaUrl())
                    .trustAnchorFile(sandbox.trustAnchor()).selfValidation(selfValidate).credentialId("rsa2048");
            if (threads > 0) {
                b.threads(threads);
            }
            DocumentSigner signer = b.build();
            for (int w = 0; w < warmups; w++) {
                signer.sign(pdfs, options, null);
            }
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
                recording.start();
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                signer.sign(pdfs, options, null);
                double wall = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
                recording.stop();
                recording.dump(jfr);
                System.out.printf(Locale.ROOT, "%s batch of %d PDFs, %d ms, self-validation %s: wall %.2f s, CPU %.2f s"
                        + " (%.1f ms per PDF); recording %s%n", level, docs, latency, selfValidate, wall, cpuSeconds,
                        cpuSeconds * 1000 / docs, jfr);
            }
        }
        System.exit(0);
    }
}
