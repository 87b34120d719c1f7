package org.cscsign.cli;

import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.AuthorizationCodeSettings;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.csc.auth.LoopbackInteraction;
import org.cscsign.sandbox.Profile;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.Packaging;
import org.cscsign.signer.ProgressListener;
import org.cscsign.signer.SignHashPool;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.VisibleSignature;
import org.cscsign.signer.WriteResult;
import org.cscsign.signer.WrittenFile;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ReportWriter;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code cscsign demo}: the whole flow on one machine. An in-process sandbox with the BankID profile
 * (client_credentials + DPoP, no SAD, BasicOCSPResponse from signHash), five kinds of signatures at
 * level LT, and a DSS validation of each with reports.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Run the whole flow on this machine: start the sandbox in-process with the BankID B2B profile, connect "
                        + "as a BankID client would (OAuth2 client_credentials with DPoP), sign sample documents at "
                        + "level LT - a multi-page PDF as PAdES with a visible signature, an XML invoice as XAdES "
                        + "enveloped, a PNG as CAdES, a JSON purchase order as JAdES, and two files in one ASiC-E "
                        + "container - then validate every output with DSS (sandbox root trusted) and write HTML/PDF "
                        + "reports.",
                "Exit 0 only if every signature is TOTAL_PASSED at the requested level.",
                "",
        })
final class DemoCommand extends BaseCommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "cscsign-demo",
            description = "Where the sample documents (input/), signed files (signed/) and validation reports "
                    + "(reports/) go (default: ./${DEFAULT-VALUE}).")
    Path out;

    /** One step of the demo: which files, which signature, what DSS must report. */
    @Option(names = "--profile", paramLabel = "bankid|primesign", defaultValue = "bankid",
            description = "bankid (default): client_credentials + DPoP, no SAD. primesign: every signature is approved "
                    + "in the browser (OAuth2 authorization code with PKCE, PAR; the token with scope credential is "
                    + "the SAD): ONE approval covers all the demo's documents.")
    String profile;

    @Option(names = "--no-browser",
            description = "With --profile primesign: print the authorization URL instead of opening a browser.")
    boolean noBrowser;

    @Option(names = "--auth-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "With --profile primesign: how long to wait for the browser (default: ${DEFAULT-VALUE}).")
    long authTimeout = 300;

    private record Job(String label, List<String> inputs, SignatureOptions options, String expectedFormat) {
    }

    @Override
    int execute() throws Exception {
        Path input = out.resolve("input");
        Path signed = out.resolve("signed");
        Path reports = out.resolve("reports");
        DemoDocuments.writeAll(input);
        Files.createDirectories(signed);
        boolean primesign = switch (profile == null ? "bankid" : profile.toLowerCase(java.util.Locale.ROOT)) {
            case "bankid" -> false;
            case "primesign" -> true;
            default -> throw CliException.usage("--profile must be bankid or primesign, not '" + profile + "'");
        };
        out().println(primesign ? "Starting the sandbox (primesign profile: you approve in the browser) and signing sample "
                + "documents..." : "Starting the sandbox (BankID B2B profile) and signing sample documents...");
        out().flush();
        try (Sandbox sandbox = Sandbox.builder().port(0).profile(primesign ? Profile.PRIMESIGN : Profile.BANKID)
                .stateDir(out.resolve("sandbox-state").toAbsolutePath()).build().start()) {
            if (primesign) {
                // a test PIN of a local test service, not a secret: the consent page asks for it
                err().println("Sandbox PIN for the consent page: " + sandbox.pin());
                err().flush();
            }
            Table table = new Table("FILE", "SIGNED AS", "FORMAT (DSS)", "INDICATION", "SUB-INDICATION", "SIGNHASH CALLS");
            List<Job> jobs = jobs(input);
            boolean allPassed = true;
            int totalCalls = 0;
            DocumentValidator validator = DocumentValidator.builder().trustAnchorFile(sandbox.trustAnchor()).build();
            try (CscClient client = primesign ? primesignClient(sandbox) : bankidClient(sandbox);
                 CscSignatureToken token = CscSignatureToken.builder().client(client).credentialIds("rsa2048")
                         .authorizer(primesign ? CredentialAuthorizer.oauth2Code(browser(), null) : CredentialAuthorizer.none())
                         .build()) {
                // five formats are five DocumentSigner batches of one digest each; the pool signs them with one
                // signHash call as soon as all five are in (the window only bounds the wait if a job fails early)
                SignHashPool pooled = SignHashPool.builder().token(token).maxDigests(jobs.size())
                        .window(Duration.ofSeconds(30)).build();
                DocumentSigner signer = DocumentSigner.builder()
                        .token(pooled)
                        .credentialId("rsa2048")
                        .tsa(sandbox.tsaUrl())
                        .trustAnchorFile(sandbox.trustAnchor())
                        .selfValidation(false) // validated below, with reports
                        .build();
                List<WriteResult> results;
                try (pooled) {
                    results = signConcurrently(signer, jobs, input, signed);
                }
                totalCalls = pooled.signHashCalls();
                for (int j = 0; j < jobs.size(); j++) {
                    Job job = jobs.get(j);
                    for (WrittenFile file : results.get(j).files()) {
                        ValidationResult validation = validator.validate(file.output(), List.of());
                        ReportWriter.write(validation, reports.resolve(file.output().getFileName().toString()));
                        if (validation.signatures().isEmpty()) {
                            allPassed = false;
                        }
                        for (SignatureSummary s : validation.signatures()) {
                            boolean ok = s.passed() && job.expectedFormat().equals(s.format());
                            allPassed &= ok;
                            table.row(String.join(" + ", job.inputs()), job.label(), s.format(), s.indication(),
                                    s.subIndication(), results.get(j).signHashCalls() + " (shared)");
                        }
                    }
                }
            }
            out().println();
            table.print(out());
            out().println();
            out().println("signHash calls in total: " + totalCalls);
            out().println("Sample documents: " + input.toAbsolutePath());
            out().println("Signed files:     " + signed.toAbsolutePath());
            out().println("Reports:          " + reports.toAbsolutePath() + " (simple-report.html/.pdf per file)");
            out().println("Trust anchor:     " + sandbox.trustAnchor());
            out().println(allPassed ? "All signatures TOTAL_PASSED."
                    : "Some signatures did NOT pass: see the reports.");
            return allPassed ? ExitCode.OK : ExitCode.REFUSED;
        }
    }

    private static CscClient bankidClient(Sandbox sandbox) {
        return CscClient.builder()
                .profile(CscProfile.BANKID)
                .baseUrl(sandbox.cscUrl())
                .tokenUrl(sandbox.tokenUrl())
                .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret())))
                .dpop(true)
                .buildClient();
    }

    /** The primesign way: endpoints from the issuer metadata, PAR when offered, RAR. */
    private static CscClient primesignClient(Sandbox sandbox) {
        return CscClient.builder()
                .profile(CscProfile.PRIMESIGN)
                .baseUrl(sandbox.cscUrl())
                .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret()))
                        .withCodeSettings(AuthorizationCodeSettings.DEFAULT.withRar(true)))
                .buildClient();
    }

    /** Opens the browser (or prints the URL) on the consent page: the sandbox PIN is shown there. */
    private LoopbackInteraction browser() {
        AuthorizationOptions options = new AuthorizationOptions();
        options.noBrowser = noBrowser;
        options.authTimeout = authTimeout;
        return BrowserPresenter.interaction(options, err());
    }

    /** Runs every job on its own thread so that their batches meet in the pooling token. */
    private static List<WriteResult> signConcurrently(DocumentSigner signer, List<Job> jobs, Path input, Path signed)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<WriteResult>> futures = new ArrayList<>();
            for (Job job : jobs) {
                List<Path> files = job.inputs().stream().map(input::resolve).toList();
                futures.add(executor.submit(
                        () -> signer.signFiles(files, signed, job.options(), true, ProgressListener.NONE)));
            }
            List<WriteResult> results = new ArrayList<>();
            for (Future<WriteResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private static List<Job> jobs(Path input) throws java.io.IOException {
        List<Job> jobs = new ArrayList<>();
        jobs.add(new Job("PAdES-LT, visible", List.of(DemoDocuments.PDF),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT)
                        .reason("Agreed and signed").location("Oslo")
                        .visibleSignature(VisibleSignature.signerBox())
                        .build(),
                "PAdES-BASELINE-LT"));
        jobs.add(new Job("XAdES-LT enveloped", List.of(DemoDocuments.XML),
                SignatureOptions.builder(SignatureFormat.XADES).level(Level.LT).packaging(Packaging.ENVELOPED).build(),
                "XAdES-BASELINE-LT"));
        jobs.add(new Job("CAdES-LT enveloping", List.of(DemoDocuments.BINARY),
                SignatureOptions.builder(SignatureFormat.CADES).level(Level.LT).packaging(Packaging.ENVELOPING).build(),
                "CAdES-BASELINE-LT"));
        jobs.add(new Job("JAdES-LT", List.of(DemoDocuments.JSON),
                SignatureOptions.builder(SignatureFormat.JADES).level(Level.LT).build(),
                "JAdES-BASELINE-LT"));
        jobs.add(new Job("ASiC-E (XAdES-LT)", List.of(DemoDocuments.CONTRACT, DemoDocuments.PRICE_LIST),
                SignatureOptions.builder(SignatureFormat.ASIC_E).level(Level.LT).build(),
                "XAdES-BASELINE-LT"));
        return jobs;
    }

}
