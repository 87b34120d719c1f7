package org.cscsign.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.NotASignedDocumentException;
import org.cscsign.validator.ReportWriter;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code cscsign validate}: DSS validation of signed documents, with reports. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Validate signed documents (PAdES, CAdES, XAdES, JAdES, ASiC) with EU DSS and print, per file and "
                        + "signature, the format as DSS reports it, the indication (TOTAL_PASSED, INDETERMINATE, "
                        + "TOTAL_FAILED) and the sub-indication.",
                "",
                "Exit 0 only if every signature of every file is TOTAL_PASSED; 1 otherwise; 4 when a file is not a "
                        + "signed document.",
                "--json prints {\"documents\":[{\"file\":…,\"indication\":…,\"signatures\":[{\"id\":…,"
                        + "\"format\":\"PAdES-BASELINE-LT\",\"indication\":\"TOTAL_PASSED\",\"subIndication\":null}]}]}.",
        })
final class ValidateCommand extends BaseCommand {

    @Option(names = "--trust", paramLabel = "PEM",
            description = "Trust the certificate(s) of this PEM (or DER) file as trust anchor(s). Repeatable.")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Validate under this DSS validation policy (constraint XML) instead of DSS's default.")
    Path policy;

    @Option(names = "--detached-content", paramLabel = "FILE",
            description = "The signed data of a detached signature (e.g. the file a .p7s signs). Repeatable.")
    List<Path> detachedContents = new ArrayList<>();

    @Option(names = "--offline",
            description = "No network access at all: no OCSP, CRL or issuer certificate is fetched; only what "
                    + "the documents and trust anchors hold is used.")
    boolean offline;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Write DSS's reports for each file into DIR/<file name>/: simple, detailed, diagnostic "
                    + "and ETSI reports as XML, simple and detailed as HTML, simple as PDF.")
    Path reportsDir;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of the table.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The signed documents to validate.")
    List<Path> files;

    @Override
    int execute() {
        DocumentValidator validator = buildValidator();
        ArrayNode documents = Json.mapper().createArrayNode();
        Table table = new Table("FILE", "SIGNATURE", "FORMAT", "INDICATION", "SUB-INDICATION");
        List<String> details = new ArrayList<>();
        Set<String> reportNames = new HashSet<>();
        boolean allPassed = true;
        boolean badInput = false;
        int judged = 0;
        try (ProgressDisplay progress = ProgressDisplay.forValidation(err(), ProgressDisplay.terminalAttached(json))) {
            for (Path file : files) {
                progress.documentDone(judged++, files.size());
                ObjectNode document = documents.addObject();
                document.put("file", file.toString());
                ValidationResult result;
                try {
                    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                        throw CliException.usage("cannot read " + file);
                    }
                    result = validator.validate(file, detachedContents);
                } catch (NotASignedDocumentException e) {
                    badInput = true;
                    document.putNull("indication");
                    document.putArray("signatures");
                    document.put("error", Errors.firstLine(e.getMessage()));
                    progress.println("cscsign: error: " + file + ": " + Errors.firstLine(e.getMessage()));
                    table.row(file, "-", "-", "not a signed document", "-");
                    continue;
                } catch (UncheckedIOException e) {
                    throw CliException.usage("cannot read " + file);
                }
                allPassed &= result.allPassed();
                document.put("indication", result.indication().name());
                ArrayNode signatures = document.putArray("signatures");
                for (SignatureSummary s : result.signatures()) {
                    ObjectNode signature = signatures.addObject();
                    signature.put("id", s.id());
                    signature.put("format", s.format());
                    signature.put("indication", s.indication().name());
                    if (s.subIndication() == null) {
                        signature.putNull("subIndication");
                    } else {
                        signature.put("subIndication", s.subIndication().name());
                    }
                    table.row(file, shortId(s.id()), s.format(), s.indication(), s.subIndication());
                    if (!s.passed()) {
                        s.errors().stream().limit(3).forEach(e -> details.add(file + " " + shortId(s.id()) + ": " + e));
                    }
                }
                if (reportsDir != null) {
                    Path dir = reportsDir.resolve(uniqueName(file, reportNames));
                    List<Path> written = ReportWriter.write(result, dir);
                    document.put("reports", dir.toString());
                    if (verbose) {
                        written.forEach(p -> err().println("wrote " + p));
                    }
                }
            }
            progress.finish();
        }
        if (json) {
            ObjectNode root = Json.object();
            root.set("documents", documents);
            Json.print(out(), root);
        } else {
            table.print(out());
            details.forEach(out()::println);
            if (reportsDir != null) {
                out().println("Reports: " + reportsDir.toAbsolutePath());
            }
        }
        if (badInput) {
            return ExitCode.BAD_INPUT;
        }
        return allPassed ? ExitCode.OK : ExitCode.REFUSED;
    }

    private DocumentValidator buildValidator() {
        DocumentValidator.Builder builder = DocumentValidator.builder().online(!offline);
        for (Path anchor : trust) {
            requireReadable(anchor, "--trust");
            builder.trustAnchorFile(anchor);
        }
        if (policy != null) {
            requireReadable(policy, "--policy");
            builder.policy(policy);
        }
        for (Path content : detachedContents) {
            requireReadable(content, "--detached-content");
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

    private static String uniqueName(Path file, Set<String> used) {
        String base = file.getFileName().toString();
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
