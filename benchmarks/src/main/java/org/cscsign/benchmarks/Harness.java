package org.cscsign.benchmarks;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import eu.europa.esig.dss.token.SignatureTokenConnection;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.Stats;
import org.cscsign.sandbox.junit.LargeFiles;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.SignedDocument;
import org.cscsign.signer.SigningResult;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark harness: ONE run prints every figure of BENCHMARKS.md, each a ratio of two measurements
 * made in the same run on the same machine (absolute times on a shared machine mean little), plus counts.
 *
 * <ul>
 * <li>batched CSC vs a local PKCS#12 key (same key, same DSS settings) at B and LT, no latency;</li>
 * <li>batched vs one signHash per document (each document its own batch, one after another) at B and LT,
 *     with 0, 20 and 50 ms latency on every sandbox endpoint (CSC, OAuth2, TSA, OCSP, CRL, certificates);</li>
 * <li>LT batch time over B batch time at 20 ms;</li>
 * <li>downloads (OCSP, CRL, certificates) of one LT batch, counted at the sandbox;</li>
 * <li>validation throughput of the LT outputs (offline, one thread and one per core);</li>
 * <li>cold start of {@code java -jar cli/target/cscsign.jar --help} and {@code sign} of one PDF at B;</li>
 * <li>peak heap and time of child JVMs with {@code -Xmx256m} signing large inputs: PDFs (B, LT), enveloping CAdES (B, LT), XAdES and JAdES (detached, enveloping).</li>
 * </ul>
 *
 * Run: {@code mvn -B -q -pl cli,benchmarks -am -DskipTests -Pbench verify} (arguments in
 * {@code -Dbench.args="..."}, see {@link Options#parse}).
 */
public final class Harness {

    private static final String CREDENTIAL = "rsa2048";

    /**
     * What to run.
     *
     * @param documents PDFs per batch
     * @param rounds measured rounds per configuration (the best is kept)
     * @param latenciesMs latencies for the batched vs per-document figures
     * @param sizesMiB input sizes for the heap figures (empty: none)
     * @param heapLimit the child JVMs' {@code -Xmx}
     * @param cliJar the CLI jar for the cold-start figures (null: skipped)
     * @param coldRuns how many cold starts per command (the median is kept)
     * @param work a directory for inputs and outputs
     * @param sections which parts to run: {@code local} (CSC vs local key, validation), {@code latency}
     *        (batched vs per document, LT/B, downloads), {@code cold}, {@code heap}
     * @param heapCases which large-input cases, {@code FORMAT[-PACKAGING]-LEVEL}: {@code pades-B}, {@code pades-LT},
     *        {@code cades-B} and {@code cades-LT} (enveloping), {@code xades-detached-B}, {@code xades-enveloping-B},
     *        {@code jades-detached-B}, {@code jades-enveloping-B} (the default: all of these)
     */
    public record Options(int documents, int rounds, List<Integer> latenciesMs, List<Long> sizesMiB, String heapLimit,
            Path cliJar, int coldRuns, Path work, List<String> sections, List<String> heapCases) {

        /**
         * @param args {@code [--docs N] [--rounds R] [--latencies 0,20,50] [--sizes-mb 10,32] [--xmx 256m]
         *        [--cli-jar PATH|none] [--cold-runs N] [--work DIR] [--only local,latency,cold,heap]
         *        [--heap-cases pades-B,pades-LT,cades-B,...] [--full]};
         *        {@code --full} means 200 documents and sizes 10, 100 and 1024 MiB
         * @return the options
         */
        public static Options parse(String... args) {
            int docs = 40;
            int rounds = 2;
            List<Integer> latencies = List.of(0, 20, 50);
            List<Long> sizes = List.of(10L, 32L);
            String xmx = "256m";
            Path cli = Path.of("cli/target/cscsign.jar");
            int coldRuns = 3;
            Path work = Path.of("benchmarks/target/harness");
            List<String> sections = List.of("local", "latency", "cold", "heap");
            List<String> heapCases = List.of("pades-B", "pades-LT", "cades-B", "cades-LT", "xades-detached-B",
                    "xades-enveloping-B", "jades-detached-B", "jades-enveloping-B");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--docs" -> docs = Integer.parseInt(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--latencies" -> latencies = csv(args[++i]).stream().map(Integer::parseInt).toList();
                    case "--sizes-mb" -> sizes = args[++i].equals("none") ? List.of()
                            : csv(args[i]).stream().map(Long::parseLong).toList();
                    case "--xmx" -> xmx = args[++i];
                    case "--cli-jar" -> cli = args[++i].equals("none") ? null : Path.of(args[i]);
                    case "--cold-runs" -> coldRuns = Integer.parseInt(args[++i]);
                    case "--work" -> work = Path.of(args[++i]);
                    case "--only" -> sections = csv(args[++i]);
                    case "--heap-cases" -> {
                        heapCases = csv(args[++i]);
                        heapCases.forEach(HeapCase::parse); // a misspelt case fails now, not after the other sections
                    }
                    case "--full" -> {
                        docs = 200;
                        sizes = List.of(10L, 100L, 1024L);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Options(docs, rounds, latencies, sizes, xmx, cli, coldRuns, work.toAbsolutePath(), sections,
                    heapCases);
        }

        private static List<String> csv(String s) {
            return List.of(s.split(",")).stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
    }

    /**
     * One figure of the report.
     *
     * @param name what is measured
     * @param value the figure
     * @param unit its unit ("×" for ratios)
     * @param detail the two measurements behind a ratio, or what was counted
     * @param target the target, or "" when there is none
     * @param met whether the target is met (null: no target)
     */
    public record Figure(String name, double value, String unit, String detail, String target, Boolean met) {

        /** @return a Markdown table row */
        public String markdown() {
            String v = unit.equals("×") ? String.format(Locale.ROOT, "%.2f×", value)
                    : String.format(Locale.ROOT, "%.2f %s", value, unit);
            String m = met == null ? "" : met ? "met" : "NOT met";
            return "| " + name + " | " + v + " | " + detail + " | " + target + " | " + m + " |";
        }
    }

    /** One timed batch. */
    record Timed(double seconds, double cpuSeconds, Map<String, Long> requests, List<SignedDocument> outputs) {
    }

    private final Options options;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Harness(Options options) {
        this.options = options;
    }

    /**
     * Runs everything the options ask for.
     *
     * @param options what to run
     * @return the figures, in report order
     */
    public static List<Figure> run(Options options) {
        Harness h = new Harness(options);
        try {
            Files.createDirectories(options.work());
            h.runAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(h.figures);
    }

    private void runAll() throws IOException {
        List<DSSDocument> pdfs = EndToEndBenchmark.pdfs(options.documents());
        SignatureOptions b = SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).build();
        SignatureOptions lt = SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build();
        int n = pdfs.size();

        // 1. batched CSC vs local PKCS#12 key, no latency
        if (options.sections().contains("local")) {
            try (Sandbox sandbox = Sandbox.builder().multisign(50).build().start();
                    CscSignatureToken csc = cscToken(sandbox);
                    KeyStoreSignatureTokenConnection local = localToken(sandbox)) {
                DocumentSigner cscSigner = signer(sandbox, csc, null);
                DocumentSigner localSigner = signer(sandbox, local, localKey(local));
                cscSigner.sign(pdfs, lt, null); // warm-up: class loading, JIT, connections, tokens
                localSigner.sign(pdfs, lt, null);
                for (SignatureOptions o : List.of(b, lt)) {
                    Timed c = best(sandbox, () -> cscSigner.sign(pdfs, o, null).documents());
                    Timed l = best(sandbox, () -> localSigner.sign(pdfs, o, null).documents());
                    figures.add(new Figure("batched CSC throughput / local PKCS#12 throughput, " + o.level() + ", " + n
                            + " PDFs, 0 ms", l.seconds() / c.seconds(), "×", secs("CSC", c) + " vs " + secs("local", l),
                            "≥ 0.9×", l.seconds() / c.seconds() >= 0.9));
                }
                // 2. validation throughput of the LT outputs (offline: LT outputs carry their validation data)
                validation(cscSigner.sign(pdfs, lt, null).documents(), sandbox.trustAnchor());
            }
        }

        // 3. batched vs one signHash per document, at each latency on every endpoint; LT/B and downloads at 20 ms
        for (int latency : options.sections().contains("latency") ? options.latenciesMs() : List.<Integer>of()) {
            try (Sandbox sandbox = Sandbox.builder().multisign(50).latency(Duration.ofMillis(latency)).build().start();
                    CscSignatureToken csc = cscToken(sandbox)) {
                DocumentSigner signer = signer(sandbox, csc, null);
                signer.sign(pdfs.subList(0, 1), lt, null); // warm-up: token, connections
                Map<Level, Timed> batched = new LinkedHashMap<>();
                for (SignatureOptions o : List.of(b, lt)) {
                    Timed batch = best(sandbox, () -> signer.sign(pdfs, o, null).documents());
                    batched.put(o.level(), batch);
                    Timed single = once(sandbox, () -> {
                        List<SignedDocument> out = new ArrayList<>();
                        for (DSSDocument pdf : pdfs) {
                            out.addAll(signer.sign(List.of(pdf), o, null).documents());
                        }
                        return out;
                    });
                    double ratio = single.seconds() / batch.seconds();
                    boolean ltAt20 = o.level() == Level.LT && latency == 20;
                    figures.add(new Figure("batched / one signHash per document, " + o.level() + ", " + n + " PDFs, "
                            + latency + " ms", ratio, "×", secs("batched", batch) + " vs " + secs("per document", single)
                            + "; signHash calls " + batch.requests().getOrDefault("/csc/v2/signatures/signHash", 0L)
                            + " vs " + single.requests().getOrDefault("/csc/v2/signatures/signHash", 0L),
                            ltAt20 ? "≥ 10×" : "", ltAt20 ? ratio >= 10 : null));
                }
                if (latency == 20) {
                    double ratio = batched.get(Level.LT).seconds() / batched.get(Level.B).seconds();
                    figures.add(new Figure("LT batch time / B batch time, " + n + " PDFs, 20 ms", ratio, "×",
                            secs("LT", batched.get(Level.LT)) + " vs " + secs("B", batched.get(Level.B)), "≤ 2.5×",
                            ratio <= 2.5));
                    Map<String, Long> r = batched.get(Level.LT).requests();
                    long downloads = downloads(r);
                    figures.add(new Figure("revocation and certificate downloads in one LT batch of " + n + " PDFs",
                            downloads, "downloads", describeDownloads(r) + "; leaf OCSP from signHash", "≤ 4",
                            downloads <= 4));
                }
            }
        }

        // 4. cold start of the CLI
        if (options.cliJar() != null && options.sections().contains("cold")) {
            coldStart();
        }

        // 5. peak heap of large inputs in a small heap
        if (!options.sizesMiB().isEmpty() && options.sections().contains("heap")) {
            heap();
        }
    }

    private void validation(List<SignedDocument> outputs, Path trust) {
        {
            DocumentValidator validator = DocumentValidator.builder().trustAnchorFile(trust).online(false).build();
            validator.validate(outputs.get(0).document(), List.of()); // warm-up
            long start = System.nanoTime();
            for (SignedDocument d : outputs) {
                requirePassed(validator.validate(d.document(), List.of()).allPassed(), d);
            }
            double one = (System.nanoTime() - start) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            ExecutorService pool = Executors.newFixedThreadPool(cores);
            start = System.nanoTime();
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (SignedDocument d : outputs) {
                    results.add(pool.submit(() -> validator.validate(d.document(), List.of()).allPassed()));
                }
                for (int i = 0; i < results.size(); i++) {
                    requirePassed(results.get(i).get(), outputs.get(i));
                }
            } catch (Exception e) {
                throw new IllegalStateException("validation failed: " + e.getMessage(), e);
            } finally {
                pool.shutdownNow();
            }
            double many = (System.nanoTime() - start) / 1e9;
            figures.add(new Figure("validation throughput, PAdES-LT, offline, 1 thread", outputs.size() / one, "docs/s",
                    String.format(Locale.ROOT, "%d documents in %.2f s", outputs.size(), one), "", null));
            figures.add(new Figure("validation throughput, PAdES-LT, offline, " + cores + " threads / 1 thread",
                    one / many, "×", String.format(Locale.ROOT, "%.1f docs/s", outputs.size() / many), "", null));
        }
    }

    private static void requirePassed(boolean passed, SignedDocument d) {
        if (!passed) {
            throw new IllegalStateException(d.name() + " did not validate");
        }
    }

    private void coldStart() throws IOException {
        Path jar = options.cliJar().toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            notes.add("cold start skipped: " + jar + " does not exist (build cli first)");
            return;
        }
        try (Sandbox sandbox = Sandbox.builder().build().start()) {
            Path pdf = Files.write(options.work().resolve("cold.pdf"),
                    EndToEndBenchmark.pdfs(1).get(0).openStream().readAllBytes());
            Path out = options.work().resolve("cold-out");
            Map<String, String> env = Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret(), "CSC_PIN", sandbox.pin());
            List<String> help = List.of("--help");
            List<String> sign = List.of("sign", "--csc-url", sandbox.cscUrl().toString(), "--client-id",
                    sandbox.clientId(), "--credential", CREDENTIAL, "--format", "pades", "--level", "B", "--trust",
                    sandbox.trustAnchor().toString(), "--out", out.toString(), "--overwrite", pdf.toString());
            Path launcher = jar.resolveSibling("cscsign");
            Path archive = jar.resolveSibling("cscsign.jsa");
            Map<String, List<String>> variants = new LinkedHashMap<>();
            variants.put("java -jar cscsign.jar", List.of(javaBin(), "-jar", jar.toString()));
            if (Files.isExecutable(launcher)) {
                variants.put(Files.isRegularFile(archive) ? "launcher cli/target/cscsign (AppCDS archive)"
                        : "launcher cli/target/cscsign (no AppCDS archive)", List.of(launcher.toString()));
            } else {
                notes.add("no launcher at " + launcher + ": cold starts measured with java -jar only");
            }
            for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                Cost helpCost = medianRun(v.getValue(), help, env);
                Cost signCost = medianRun(v.getValue(), sign, env);
                figures.add(new Figure("cold start: --help, " + v.getKey(), helpCost.wall(), "s",
                        cpu(helpCost) + "median of " + options.coldRuns() + " fresh JVMs", "", null));
                figures.add(new Figure("cold start: sign one PDF at B (self-validated), " + v.getKey(), signCost.wall(),
                        "s", cpu(signCost) + "median of " + options.coldRuns() + " fresh JVMs; "
                                + String.format(Locale.ROOT, "%.1f× --help", signCost.wall() / helpCost.wall()),
                        "< 2 s", signCost.wall() < 2));
            }
        }
    }

    private static String cpu(Cost c) {
        return Double.isNaN(c.cpu()) ? "" : String.format(Locale.ROOT, "CPU %.2f s; ", c.cpu());
    }

    /** Wall-clock and CPU seconds (user + system) of one child process. */
    record Cost(double wall, double cpu) {
    }

    private Cost medianRun(List<String> launch, List<String> args, Map<String, String> env) throws IOException {
        List<Double> walls = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        Path timeFile = options.work().resolve("time.txt");
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        for (int i = 0; i < options.coldRuns(); i++) {
            List<String> command = new ArrayList<>();
            if (gnuTime) {
                // CPU time too: on a shared machine the wall clock also measures the other tenants
                command.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", timeFile.toString()));
            }
            command.addAll(launch);
            command.addAll(args);
            long start = System.nanoTime();
            Result r = exec(command, env);
            walls.add((System.nanoTime() - start) / 1e9);
            if (r.exit() != 0) {
                throw new IllegalStateException(args.get(0) + " exited " + r.exit() + ": " + r.output());
            }
            if (gnuTime) {
                String[] t = Files.readString(timeFile).trim().split("\\s+");
                cpus.add(Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1]));
            }
        }
        walls.sort(Comparator.naturalOrder());
        cpus.sort(Comparator.naturalOrder());
        return new Cost(walls.get(walls.size() / 2), cpus.isEmpty() ? Double.NaN : cpus.get(cpus.size() / 2));
    }

    private void heap() throws IOException {
        try (Sandbox sandbox = Sandbox.builder().build().start()) {
            Map<String, String> env = Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret(), "CSC_PIN", sandbox.pin());
            for (long mib : options.sizesMiB()) {
                Path pdf = null;
                Path bin = null;
                for (String heapCase : options.heapCases()) {
                    HeapCase c = HeapCase.parse(heapCase);
                    Path input;
                    if (c.format().equals("pades")) {
                        input = pdf != null ? pdf : (pdf = LargeFiles.pdf(options.work().resolve("large-" + mib + "m.pdf"), mib << 20));
                    } else {
                        input = bin != null ? bin : (bin = LargeFiles.binary(options.work().resolve("large-" + mib + "m.bin"), mib << 20));
                    }
                    probe(sandbox, env, c, input, mib);
                    deleteTree(options.work().resolve("heap-out"));
                }
                for (Path p : new Path[] {pdf, bin}) {
                    if (p != null) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /**
     * One large-input case: {@code FORMAT[-PACKAGING]-LEVEL}, e.g. {@code pades-LT}, {@code cades-B} (enveloping),
     * {@code xades-detached-B}, {@code jades-enveloping-B}.
     */
    record HeapCase(String format, String packaging, String level) {

        static HeapCase parse(String text) {
            String[] parts = text.split("-");
            if (parts.length < 2 || parts.length > 3 || !List.of("pades", "cades", "xades", "jades").contains(parts[0])) {
                throw new IllegalArgumentException("--heap-cases: FORMAT[-PACKAGING]-LEVEL, e.g. xades-detached-B, not "
                        + text);
            }
            String packaging = parts.length == 3 ? parts[1] : parts[0].equals("cades") ? "enveloping" : "-";
            return new HeapCase(parts[0], packaging, parts[parts.length - 1]);
        }

        String label() {
            String name = switch (format) {
                case "pades" -> "PAdES";
                case "cades" -> "CAdES";
                case "xades" -> "XAdES";
                default -> "JAdES";
            };
            return name + (packaging.equals("-") ? "" : "-" + packaging) + "-" + level;
        }
    }

    private void probe(Sandbox sandbox, Map<String, String> env, HeapCase c, Path input, long mib) throws IOException {
        List<String> command = List.of(javaBin(), "-Xmx" + options.heapLimit(), "-cp",
                System.getProperty("java.class.path"), HeapProbe.class.getName(), c.format(), c.packaging(), c.level(),
                input.toString(), options.work().resolve("heap-out").toString(), sandbox.cscUrl().toString(),
                sandbox.clientId(), sandbox.tsaUrl().toString(), sandbox.trustAnchor().toString(), "validate");
        Result r = exec(command, env);
        String line = r.output().lines().filter(l -> l.startsWith("OK ") || l.startsWith("FAIL ")).reduce((a, b) -> b)
                .orElse("FAIL ? ? " + r.output().lines().reduce((a, b) -> b).orElse("no output"));
        String[] parts = line.split(" ", 4);
        boolean ok = parts[0].equals("OK");
        double peak = parts[1].equals("?") ? -1 : Double.parseDouble(parts[1]);
        String what = c.label();
        // the target: a 1 GiB PDF (B, LT) and enveloping CAdES sign in -Xmx256m
        boolean targeted = mib >= 1024 && (c.format().equals("pades") || c.format().equals("cades"));
        String reason = parts.length > 3 ? parts[3] : "";
        figures.add(new Figure("peak heap, " + what + ", " + mib + " MiB input, -Xmx" + options.heapLimit(), peak, "MiB",
                ok ? "signed and validated in " + parts[2] + " s" : "FAILED after " + parts[2] + " s: " + reason,
                targeted ? "signs in -Xmx256m" : "", targeted ? ok : null));
        if (!ok && !targeted) {
            notes.add(what + " of " + mib + " MiB failed in -Xmx" + options.heapLimit() + ": "
                    + (reason.isEmpty() ? r.output() : reason));
        }
    }

    record Result(int exit, String output) {
    }

    private static Result exec(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return new Result(p.exitValue(), output);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Timed best(Sandbox sandbox, java.util.function.Supplier<List<SignedDocument>> batch) {
        Timed best = null;
        for (int r = 0; r < Math.max(1, options.rounds()); r++) {
            Timed t = once(sandbox, batch);
            if (best == null || t.seconds() < best.seconds()) {
                best = t;
            }
        }
        return best;
    }

    private static Timed once(Sandbox sandbox, java.util.function.Supplier<List<SignedDocument>> batch) {
        sandbox.stats().reset();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        List<SignedDocument> out = batch.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Timed(seconds, (processCpuNanos() - cpu) / 1e9, sandbox.stats().snapshot(), out);
    }

    /** CPU time of this process (client and in-process sandbox alike), less disturbed by other tenants. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long downloads(Map<String, Long> requests) {
        return requests.entrySet().stream()
                .filter(e -> e.getKey().equals("/ocsp") || e.getKey().startsWith("/pki/"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static String describeDownloads(Map<String, Long> requests) {
        StringBuilder sb = new StringBuilder();
        requests.forEach((k, v) -> {
            if (k.equals("/ocsp") || k.startsWith("/pki/")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
            }
        });
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String secs(String label, Timed t) {
        return String.format(Locale.ROOT, "%s %.2f s (CPU %.2f s)", label, t.seconds(), t.cpuSeconds());
    }

    static CscSignatureToken cscToken(Sandbox sandbox) {
        return CscSignatureToken.builder()
                .config(CscClientConfig.builder().baseUrl(sandbox.cscUrl())
                        .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret())))
                        .returnValidationInfo(true).build())
                .credentialIds(CREDENTIAL)
                .authorizer(CredentialAuthorizer.pin(sandbox.pin().toCharArray()))
                .build();
    }

    private static KeyStoreSignatureTokenConnection localToken(Sandbox sandbox) {
        char[] pw = "bench".toCharArray();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            KeyStore ks = sandbox.pki().toPkcs12(CREDENTIAL, pw);
            ks.store(bytes, pw);
            return new KeyStoreSignatureTokenConnection(bytes.toByteArray(), "PKCS12", new KeyStore.PasswordProtection(pw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the PKCS#12 key store", e);
        }
    }

    private static DSSPrivateKeyEntry localKey(KeyStoreSignatureTokenConnection local) {
        return local.getKeys().stream().filter(k -> ((KSPrivateKeyEntry) k).getAlias().equals(CREDENTIAL)).findFirst()
                .orElseThrow();
    }

    /** The same DSS settings for every token: TSA and trust anchor of the sandbox, no self-validation. */
    private static DocumentSigner signer(Sandbox sandbox, SignatureTokenConnection token, DSSPrivateKeyEntry key) {
        DocumentSigner.Builder b = DocumentSigner.builder().token(token).tsa(sandbox.tsaUrl())
                .trustAnchorFile(sandbox.trustAnchor()).selfValidation(false);
        return key != null ? b.key(key).build() : b.credentialId(CREDENTIAL).build();
    }

    /**
     * @param figures the figures of a run
     * @param notes remarks of the run
     * @return the report as Markdown
     */
    static String markdown(List<Figure> figures, List<String> notes) {
        StringBuilder sb = new StringBuilder();
        sb.append("| figure | value | measured | target | |\n|---|---|---|---|---|\n");
        figures.forEach(f -> sb.append(f.markdown()).append('\n'));
        notes.forEach(n -> sb.append("\nNote: ").append(n).append('\n'));
        return sb.toString();
    }

    /**
     * Runs the harness and prints the Markdown report (also written to {@code <work>/results.md}).
     *
     * @param args see {@link Options#parse}
     * @throws IOException when the report cannot be written
     */
    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Harness h = new Harness(options);
        Files.createDirectories(options.work());
        long start = System.nanoTime();
        h.runAll();
        String header = String.format(Locale.ROOT, "cscsign harness: %d PDFs per batch, best of %d rounds, latencies %s ms,"
                + " heap sizes %s MiB in -Xmx%s, %d cores, Java %s, %.0f s in all%n%n", options.documents(),
                options.rounds(), options.latenciesMs(), options.sizesMiB(), options.heapLimit(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                (System.nanoTime() - start) / 1e9);
        String report = header + markdown(h.figures, h.notes);
        System.out.println(report);
        Files.writeString(options.work().resolve("results.md"), report);
        System.exit(0);
    }
}
