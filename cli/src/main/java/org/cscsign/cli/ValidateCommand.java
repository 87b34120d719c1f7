package org.cscsign.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.europa.esig.dss.enumerations.SubIndication;
import org.cscsign.dss.DataLoaders;
import org.cscsign.validator.BatchEntry;
import org.cscsign.validator.BatchSummary;
import org.cscsign.validator.BatchValidator;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ReportWriter;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.TimestampSummary;
import org.cscsign.validator.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code cscsign validate}: DSS validation of signed documents, with reports. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Validate signed or timestamped documents (PAdES, CAdES, XAdES, JAdES, ASiC, RFC 3161 timestamps) "
                        + "with EU DSS and print, per file and signature, the format as DSS reports it, the "
                        + "indication (TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED) and the sub-indication. Every "
                        + "input gets its own entry: a missing or unreadable file or one that is not a signed "
                        + "document is reported and the others are still validated. Folders are expanded "
                        + "(sorted; sub-folders with --recursive). A summary line ends the run on stderr.",
                "",
                "Exit codes: 1 if any signature or document timestamp did not pass; otherwise 4 if any input was not "
                        + "a signed document or could not be read; otherwise 0. 2 for a usage error (also a "
                        + "--reports path that is a file or not writable, before anything is validated).",
                "--json prints {\"documents\":[{\"file\":…,\"indication\":…,\"signatures\":[{\"id\":…,"
                        + "\"format\":\"PAdES-BASELINE-LT\",\"indication\":\"TOTAL_PASSED\",\"subIndication\":null,"
                        + "\"timestamps\":[…]}],\"timestamps\":[{\"id\":…,\"type\":…,\"indication\":…}]}]}; a "
                        + "counter-signature has \"counterSignatureOf\": its parent's id; an input that could not "
                        + "be judged is {\"file\":…,\"error\":\"…\"}.",
        })
final class ValidateCommand extends BaseCommand {

    @Option(names = "--trust", paramLabel = "PEM",
            description = "Trust the certificate(s) of this PEM (or DER) file as trust anchor(s). Repeatable. "
                    + "Without --policy, signatures are then judged against these anchors only (DSS's default "
                    + "policy without the EU trusted-list qualification).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Validate under this DSS validation policy (constraint XML) instead of the default.")
    Path policy;

    @Option(names = "--detached-content", paramLabel = "[SIG=]FILE",
            description = "The signed data of a detached signature. SIG=FILE gives it for the signature SIG; FILE "
                    + "alone is paired by name (a reference in the signature, or SIG's name without .p7s, "
                    + ".xades.xml, .jws.json, .tsr…). Repeatable; ambiguous pairs are a usage error.")
    List<String> detachedContents = new ArrayList<>();

    @picocli.CommandLine.Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Option(names = "--offline",
            description = "No network access at all: no OCSP, CRL or issuer certificate is fetched; only what "
                    + "the documents and trust anchors hold is used.")
    boolean offline;

    @Option(names = {"-r", "--recursive"}, description = "Expand folders with their sub-folders.")
    boolean recursive;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Write DIR/index.html and DIR/summary.pdf (one row per document) and each document's "
                    + "reports into DIR/<file name>.reports/: simple and detailed report as HTML, simple as PDF, "
                    + "simple, detailed, diagnostic and ETSI reports as XML.")
    Path reportsDir;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of the table.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N",
            description = "How many documents are validated at once (at least 1; 1 judges one after another). "
                    + "Default: one per core, at most four.")
    Integer threads;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "The documents (or folders of documents) to validate.")
    List<Path> files;

    @Override
    int execute() {
        Optional<Integer> threadCount = threadCount(threads);   // a usage error before anything is read
        BatchValidator batch = buildBatch(buildValidator(), threadCount);
        List<BatchEntry> entries;
        // one bar over the whole batch (on a terminal only), moved by each judged document
        try (ProgressDisplay progress = ProgressDisplay.forValidation(err(), ProgressDisplay.terminalAttached(json))) {
            entries = batch.validate(files, (done, total, entry) -> progress.documentDone(done, total));
            progress.finish();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(Errors.firstLine(e.getMessage()));
        } catch (UncheckedIOException e) {
            // the reports folder was checked before; this is a disk that filled up or went away
            throw CliException.usage("--reports: " + Errors.firstLine(e.getMessage()));
        }
        if (json) {
            printJson(entries);
        } else {
            printTable(entries);
        }
        boolean notPassed = false;
        boolean notJudged = false;
        for (BatchEntry entry : entries) {
            if (entry.result() == null) {
                notJudged = true;
                err().println("cscsign: error: " + entry.error());
            } else {
                notPassed |= !entry.result().allPassed();
                if (missingDetachedContent(entry.result())) {
                    err().println("cscsign: " + entry.file() + ": its signed data was not found; give it with "
                            + "--detached-content " + entry.file() + "=FILE");
                }
            }
        }
        err().println(BatchSummary.line(entries));
        if (notPassed) {
            return ExitCode.REFUSED;
        }
        return notJudged ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    private BatchValidator buildBatch(DocumentValidator validator, Optional<Integer> threadCount) {
        BatchValidator.Builder builder = BatchValidator.builder(validator).recursive(recursive);
        threadCount.ifPresent(builder::parallelism);
        if (reportsDir != null) {
            builder.reports(reportsDir);
        }
        for (String value : detachedContents) {
            Path whole = Path.of(value);
            int eq = value.indexOf('=');
            if (Files.exists(whole) || eq <= 0) {
                requireReadable(whole, "--detached-content");
                builder.detachedContent(whole);
            } else {
                Path content = Path.of(value.substring(eq + 1));
                requireReadable(content, "--detached-content");
                builder.detachedContent(Path.of(value.substring(0, eq)), content);
            }
        }
        return builder.build();
    }

    private void printJson(List<BatchEntry> entries) {
        ArrayNode documents = Json.mapper().createArrayNode();
        for (BatchEntry entry : entries) {
            ObjectNode document = documents.addObject();
            document.put("file", entry.file());
            if (entry.result() == null) {
                document.put("error", entry.error());
                continue;
            }
            ValidationResult result = entry.result();
            document.put("indication", result.indication().name());
            ArrayNode signatures = document.putArray("signatures");
            for (SignatureSummary s : result.signatures()) {
                ObjectNode signature = signatures.addObject();
                signature.put("id", s.id());
                if (s.isCounterSignature()) {
                    signature.put("counterSignatureOf", s.counterSignatureOf());
                }
                signature.put("format", s.format());
                signature.put("indication", s.indication().name());
                signature.put("subIndication", s.subIndication() == null ? null : s.subIndication().name());
                signature.put("signedBy", s.signerSubject());
                signature.put("signingTime", s.signingTime() == null ? null : s.signingTime().toString());
                timestamps(signature.putArray("timestamps"), s.timestamps());
            }
            timestamps(document.putArray("timestamps"), result.timestamps());
            if (entry.reports() != null) {
                document.put("reports", reportsDir.resolve(entry.reports()).toString());
            }
        }
        ObjectNode root = Json.object();
        root.set("documents", documents);
        Json.print(out(), root);
    }

    private static void timestamps(ArrayNode array, List<TimestampSummary> timestamps) {
        for (TimestampSummary t : timestamps) {
            ObjectNode timestamp = array.addObject();
            timestamp.put("id", t.id());
            timestamp.put("type", t.type());
            timestamp.put("indication", t.indication().name());
            timestamp.put("subIndication", t.subIndication() == null ? null : t.subIndication().name());
            timestamp.put("productionTime", t.productionTime() == null ? null : t.productionTime().toString());
            timestamp.put("producedBy", t.producedBy());
            ArrayNode covers = timestamp.putArray("covers");
            t.covers().forEach(covers::add);
        }
    }

    private void printTable(List<BatchEntry> entries) {
        Table table = new Table("FILE", "SIGNATURE", "FORMAT", "INDICATION", "SUB-INDICATION");
        List<String> details = new ArrayList<>();
        for (BatchEntry entry : entries) {
            String file = entry.file();
            if (entry.result() == null) {
                table.row(file, "-", "-", "NOT_VALIDATED", "-");
                details.add(file + ": " + entry.error());
                continue;
            }
            for (SignatureSummary s : ordered(entry.result().signatures())) {
                String id = indent(s, entry.result().signatures()) + shortId(s.id());
                table.row(file, id, s.format(), s.indication(), s.subIndication());
                if (!s.passed()) {
                    s.errors().stream().limit(3).forEach(e -> details.add(file + " " + shortId(s.id()) + ": " + e));
                }
            }
            for (TimestampSummary t : entry.result().timestamps()) {
                table.row(file, "timestamp " + shortId(t.id()), t.type(), t.indication(), t.subIndication());
            }
        }
        table.print(out());
        details.forEach(out()::println);
        if (reportsDir != null) {
            out().println("Reports: " + reportsDir.resolve(ReportWriter.INDEX_HTML).toAbsolutePath());
        }
    }

    /** Signatures in document order, each counter-signature right after the signature it counter-signs. */
    private static List<SignatureSummary> ordered(List<SignatureSummary> signatures) {
        List<SignatureSummary> out = new ArrayList<>();
        for (SignatureSummary s : signatures) {
            if (!s.isCounterSignature() || signatures.stream().noneMatch(p -> p.id().equals(s.counterSignatureOf()))) {
                addWithCounterSignatures(s, signatures, out);
            }
        }
        return out;
    }

    private static void addWithCounterSignatures(SignatureSummary s, List<SignatureSummary> all, List<SignatureSummary> out) {
        if (out.contains(s)) {
            return;
        }
        out.add(s);
        for (SignatureSummary child : all) {
            if (s.id().equals(child.counterSignatureOf())) {
                addWithCounterSignatures(child, all, out);
            }
        }
    }

    /** Two spaces per counter-signature level, and a marker, so the table shows what signs what. */
    private static String indent(SignatureSummary s, List<SignatureSummary> all) {
        int depth = 0;
        String parent = s.counterSignatureOf();
        while (parent != null && depth < 16) {
            depth++;
            String id = parent;
            parent = all.stream().filter(p -> p.id().equals(id)).findFirst()
                    .map(SignatureSummary::counterSignatureOf).orElse(null);
        }
        return depth == 0 ? "" : "  ".repeat(depth - 1) + "\u2514 ";
    }

    private static boolean missingDetachedContent(ValidationResult result) {
        return result.signatures().stream().anyMatch(s -> s.subIndication() == SubIndication.SIGNED_DATA_NOT_FOUND);
    }

    private DocumentValidator buildValidator() {
        // OCSP, CRL, AIA and trusted-list downloads get the same deadline and size cap as signing's
        DocumentValidator.Builder builder = DocumentValidator.builder().dataLoaders(
                DataLoaders.of(!offline).bounded(timeout.deadline(null), DataLoaders.DEFAULT_MAX_RESPONSE_BYTES));
        for (Path anchor : trust) {
            requireReadable(anchor, "--trust");
            builder.trustAnchorFile(anchor);
        }
        if (policy != null) {
            requireReadable(policy, "--policy");
            builder.policy(policy);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CliException(ExitCode.USAGE, Errors.firstLine(e.getMessage()), e);
        }
    }

    static void requireReadable(Path file, String option) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.usage(option + ": cannot read " + file);
        }
    }

    /** DSS ids are 64 hex digits; the table shows enough to tell signatures apart. */
    private static String shortId(String id) {
        return id.length() <= 14 ? id : id.substring(0, 14) + "…";
    }
}
