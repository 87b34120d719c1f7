package org.cscsign.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.europa.esig.dss.token.SignatureTokenConnection;
import org.cscsign.token.BatchSignatureToken;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.Packaging;
import org.cscsign.signer.SignHashPool;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.VisibleSignature;
import org.cscsign.signer.WriteResult;
import org.cscsign.signer.WrittenFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code cscsign sign}: AdES signatures for a batch of files, one signHash round trip per batch. */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
                "Sign files as PAdES, CAdES, XAdES, JAdES or ASiC-E at level B, T, LT or LTA with a key held by a CSC "
                        + "service. All files of a run are signed with as few signatures/signHash calls as the service "
                        + "allows (one per 'multisign' hashes); the OCSP response signHash returns becomes the "
                        + "signing certificate's revocation data; every output is validated before it is written "
                        + "(unless --no-self-validate), and nothing is written when any file fails.",
                "",
                "Output names in --out: PAdES NAME-signed.pdf; CAdES NAME.p7m (enveloping) or NAME.p7s (detached); "
                        + "XAdES NAME-signed.xml (enveloped) or NAME.xades.xml; JAdES NAME.jws.json; ASiC-E NAME.asice "
                        + "(all FILEs in ONE container named after the first).",
                "--json prints {\"outputs\":[{\"input\":…,\"output\":…,\"format\":…,\"level\":…}],\"signHashCalls\":N}.",
                "",
        })
final class SignCommand extends BaseCommand {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    AuthorizationOptions authorization;

    @Option(names = "--credential", paramLabel = "ID",
            description = "The credential (key) to sign with. Default: credential in --config, else the first one "
                    + "credentials/list returns.")
    String credential;

    @Option(names = "--format", required = true, paramLabel = "pades|cades|xades|jades|asic-e",
            description = "The signature format.")
    String format;

    @Option(names = "--level", required = true, paramLabel = "B|T|LT|LTA",
            description = "The baseline level: B (basic), T (+ signature timestamp), LT (+ certificates and "
                    + "revocation data), LTA (+ archive timestamp). T, LT and LTA need --tsa.")
    String level;

    @Option(names = "--packaging", paramLabel = "enveloped|enveloping|detached",
            description = "How signature and data are packed, where the format allows it. Defaults: PAdES enveloped; "
                    + "CAdES enveloping; XAdES enveloped for XML input, else enveloping; JAdES enveloping.")
    String packaging;

    @Option(names = "--tsa", paramLabel = "URL",
            description = "RFC 3161 time-stamping service, required for T, LT and LTA (or tsa in --config).")
    URI tsa;

    @Option(names = "--trust", paramLabel = "PEM",
            description = "Trust anchor(s) for self-validation and revocation fetching: PEM or DER certificate file. "
                    + "Repeatable (or trust in --config, comma-separated).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The directory the signed files are written to (created if missing).")
    Path out;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of a table.")
    boolean json;

    @Option(names = "--asic-content", paramLabel = "xades|cades", defaultValue = "xades",
            description = "With --format asic-e: the signature inside the container (default: ${DEFAULT-VALUE}).")
    String asicContent;

    @Option(names = "--reason", paramLabel = "TEXT", description = "PAdES: the reason for signing.")
    String reason;

    @Option(names = "--location", paramLabel = "TEXT", description = "PAdES: where the document was signed.")
    String location;

    @Option(names = "--visible",
            description = "PAdES: draw a visible signature box: a border, the signer's name (from the certificate), "
                    + "the signing time and the --reason; by default 240x70 pt at the bottom left of the last page.")
    boolean visible;

    @Option(names = "--visible-image", paramLabel = "PNG",
            description = "PAdES: a PNG or JPEG image (e.g. a logo) drawn at the left of the box (implies --visible).")
    Path visibleImage;

    @Option(names = "--visible-page", paramLabel = "N",
            description = "PAdES: the page of the box, 1 is the first (implies --visible). Default: the last page.")
    Integer visiblePage;

    @Option(names = "--visible-rect", paramLabel = "X,Y,W,H",
            description = "PAdES: where the box goes, in points (1/72 inch) from the TOP-left corner of the page: "
                    + "left, top, width, height (implies --visible). Default: 50,<page height - 120>,240,70.")
    String visibleRect;

    @Option(names = "--visible-text", paramLabel = "TEXT",
            description = "PAdES: a text of your own instead of the signer box (implies --visible; no border, "
                    + "use \\n for line breaks).")
    String visibleText;

    @Option(names = "--offline",
            description = "No network fetching besides the CSC service and the TSA: revocation data only from "
                    + "signHash's validationInfo and the trust settings.")
    boolean offline;

    @Option(names = "--no-self-validate",
            description = "Skip the DSS validation of each output before it is written (faster; not recommended).")
    boolean noSelfValidate;

    @Option(names = "--threads", paramLabel = "N",
            description = "How many documents are worked on at the same time in the steps that wait on the network "
                    + "(timestamps, revocation data, LT augmentation, self-validation); reading and digesting use at "
                    + "most one per core. 1 signs one document after another. Default: four per core, or threads in "
                    + "--config.")
    Integer threads;

    @Option(names = "--overwrite", description = "Replace output files that already exist (default: refuse).")
    boolean overwrite;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to sign.")
    List<Path> files;

    @Override
    int execute() throws Exception {
        SignatureOptions options = signatureOptions();
        Optional<Integer> threadCount = threads();   // a usage error is found before any remote call
        URI tsaUrl = Optional.ofNullable(tsa)
                .or(() -> connection.configValue("tsa").map(v -> ConnectionOptions.uri(v, "tsa")))
                .orElse(null);
        Level requestedLevel = options.level();
        if (requestedLevel.needsTimestamp() && tsaUrl == null) {
            throw CliException.usage("--level " + requestedLevel + " needs a time-stamping service: give --tsa URL");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                // a missing or unreadable document is bad input (exit 4), found before anything is spent
                throw new CliException(ExitCode.BAD_INPUT, "cannot read " + file
                        + (Files.exists(file) ? (Files.isDirectory(file) ? ": a directory" : ": permission denied")
                        : ": no such file"));
            }
        }
        List<Path> anchors = trustAnchors();
        if (anchors.isEmpty() && !noSelfValidate) {
            throw CliException.usage("self-validation needs a trust anchor: give --trust PEM (e.g. the service's root "
                    + "certificate), or --no-self-validate");
        }
        String credentialId = Optional.ofNullable(credential).or(() -> connection.configValue("credential")).orElse(null);
        Environment environment = environment();
        try (CscSession session = CscSession.open(connection, authorization, environment, err())) {
            // RAR labels: the file names, in the order the batch is signed
            SignatureTokenConnection token = session.token(credentialId, offline,
                    CredentialAuthorizer.labelsInOrder(files.stream().map(f -> f.getFileName().toString()).toList()));
            // the library's pooling path: all signatures of this run form one window, signed as soon as the
            // batch is in (ceil(N / multisign) signHash calls); the window only bounds a wait that cannot happen
            int signatures = options.format() == SignatureFormat.ASIC_E ? 1 : files.size();
            WriteResult result;
            try (SignHashPool pool = token instanceof BatchSignatureToken batch
                    ? SignHashPool.builder().token(batch).maxDigests(signatures).window(Duration.ofMinutes(1)).build()
                    : null) {
                DocumentSigner.Builder builder = DocumentSigner.builder()
                        .token(pool != null ? pool : token)
                        .offline(offline)
                        .remoteCallTimeout(connection.deadline())
                        .selfValidation(!noSelfValidate);
                threadCount.ifPresent(builder::threads);
                if (credentialId != null) {
                    builder.credentialId(credentialId);
                }
                if (tsaUrl != null) {
                    builder.tsa(tsaUrl);
                }
                anchors.forEach(builder::trustAnchorFile);
                DocumentSigner signer;
                try {
                    signer = builder.build();
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCode.USAGE, Errors.firstLine(e.getMessage()), e);
                }
                try (ProgressDisplay progress = ProgressDisplay.forSigning(err(), ProgressDisplay.terminalAttached(json),
                        options.level(), !noSelfValidate)) {
                    environment.beforePrompt(progress::pause);   // a PIN or OTP prompt gets a line of its own
                    result = signer.signFiles(files, out, options, overwrite, progress);
                    progress.finish();
                }
            }
            print(result, options);
            return ExitCode.OK;
        }
    }

    /** The --threads option, else the config file's threads (checked by ConfigKeys), else none: the library's default. */
    private Optional<Integer> threads() {
        return threadCount(threads).or(() -> connection.configValue("threads").map(v -> Integer.parseInt(v.strip())));
    }

    private SignatureOptions signatureOptions() throws IOException {
        SignatureFormat signatureFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "pades" -> SignatureFormat.PADES;
            case "cades" -> SignatureFormat.CADES;
            case "xades" -> SignatureFormat.XADES;
            case "jades" -> SignatureFormat.JADES;
            case "asic-e", "asice", "asic_e" -> SignatureFormat.ASIC_E;
            default -> throw CliException.usage("--format must be pades, cades, xades, jades or asic-e, not '" + format + "'");
        };
        Level signatureLevel;
        try {
            signatureLevel = Level.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--level must be B, T, LT or LTA, not '" + level + "'");
        }
        SignatureOptions.Builder builder = SignatureOptions.builder(signatureFormat).level(signatureLevel);
        if (packaging != null) {
            builder.packaging(switch (packaging.toLowerCase(Locale.ROOT)) {
                case "enveloped" -> Packaging.ENVELOPED;
                case "enveloping" -> Packaging.ENVELOPING;
                case "detached" -> Packaging.DETACHED;
                default -> throw CliException.usage(
                        "--packaging must be enveloped, enveloping or detached, not '" + packaging + "'");
            });
        }
        if (signatureFormat == SignatureFormat.ASIC_E) {
            builder.asicContent(switch (asicContent.toLowerCase(Locale.ROOT)) {
                case "xades" -> SignatureFormat.XADES;
                case "cades" -> SignatureFormat.CADES;
                default -> throw CliException.usage("--asic-content must be xades or cades, not '" + asicContent + "'");
            });
        }
        boolean pades = signatureFormat == SignatureFormat.PADES;
        boolean anyVisible = visible || visibleText != null || visibleImage != null || visiblePage != null
                || visibleRect != null;
        if (!pades && (reason != null || location != null || anyVisible)) {
            throw CliException.usage("--reason, --location and --visible options apply to --format pades only");
        }
        if (reason != null) {
            builder.reason(reason);
        }
        if (location != null) {
            builder.location(location);
        }
        if (anyVisible) {
            builder.visibleSignature(visibleSignature(visiblePage, visibleRect, visibleText, visibleImage));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, Errors.firstLine(e.getMessage()), e);
        }
    }

    /**
     * The box of --visible and its options. Without --visible-page it goes on each document's last page, without
     * --visible-rect 50 points from the left and bottom edges: the library places it per document, so a batch of
     * PDFs with different page counts and sizes gets the box where each one's last page has it.
     */
    static VisibleSignature visibleSignature(Integer visiblePage, String visibleRect, String visibleText,
            Path visibleImage) throws IOException {
        int page = visiblePage == null ? VisibleSignature.LAST_PAGE : visiblePage;
        if (page < 1 && visiblePage != null) {
            throw CliException.usage("--visible-page must be 1 or more, not " + page);
        }
        float[] rect = visibleRect == null ? null : rectangle(visibleRect);
        try {
            VisibleSignature placed = rect == null ? VisibleSignature.signerBox().onPage(page)
                    : VisibleSignature.signerBox(page, rect[0], rect[1], rect[2], rect[3]);
            VisibleSignature signature = visibleText == null ? placed
                    : placed.withText(visibleText.replace("\\n", "\n"));
            return visibleImage == null ? signature : signature.withImage(image(visibleImage));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(Errors.firstLine(e.getMessage()));
        }
    }

    private static float[] rectangle(String value) {
        String[] parts = value.split(",");
        float[] rect = new float[4];
        try {
            if (parts.length != 4) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < 4; i++) {
                rect[i] = Float.parseFloat(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw CliException.usage("--visible-rect must be X,Y,WIDTH,HEIGHT in points, e.g. 50,700,240,70, not '"
                    + value + "'");
        }
        if (rect[0] < 0 || rect[1] < 0 || rect[2] <= 0 || rect[3] <= 0) {
            throw CliException.usage("--visible-rect: X and Y must not be negative, WIDTH and HEIGHT must be positive");
        }
        return rect;
    }

    private static byte[] image(Path file) throws IOException {
        ValidateCommand.requireReadable(file, "--visible-image");
        byte[] bytes = Files.readAllBytes(file);
        if (javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes)) == null) {
            throw CliException.usage("--visible-image: " + file + " is not a PNG or JPEG image");
        }
        return bytes;
    }

    private List<Path> trustAnchors() {
        List<Path> anchors = new ArrayList<>(trust);
        if (anchors.isEmpty()) {
            connection.configValue("trust").ifPresent(v -> {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        anchors.add(Path.of(part.strip()));
                    }
                }
            });
        }
        anchors.forEach(a -> ValidateCommand.requireReadable(a, "--trust"));
        return anchors;
    }

    private void print(WriteResult result, SignatureOptions options) {
        if (json) {
            ObjectNode root = Json.object();
            ArrayNode outputs = root.putArray("outputs");
            for (WrittenFile file : result.files()) {
                ObjectNode output = outputs.addObject();
                output.put("input", file.inputs().get(0).toString());
                output.put("output", file.output().toString());
                output.put("format", file.signatureLevel() != null ? file.signatureLevel() : formatName(options));
                output.put("level", file.level().name());
                if (file.inputs().size() > 1) {
                    ArrayNode inputs = output.putArray("inputs");
                    file.inputs().forEach(i -> inputs.add(i.toString()));
                }
            }
            root.put("signHashCalls", result.signHashCalls());
            Json.print(out(), root);
            return;
        }
        Table table = new Table("INPUT", "OUTPUT", "FORMAT", "LEVEL");
        for (WrittenFile file : result.files()) {
            for (Path input : file.inputs()) {
                table.row(input, file.output(), file.signatureLevel() != null ? file.signatureLevel() : formatName(options),
                        file.level());
            }
        }
        table.print(out());
        out().println(result.files().size() + " file(s) written to " + out.toAbsolutePath() + " with "
                + result.signHashCalls() + " signHash call(s)");
    }

    /** The name DSS gives the requested format and level, for outputs not self-validated. */
    static String formatName(SignatureOptions options) {
        SignatureFormat format = options.format() == SignatureFormat.ASIC_E ? options.asicContent() : options.format();
        String prefix = switch (format) {
            case PADES -> "PAdES";
            case CADES -> "CAdES";
            case XADES -> "XAdES";
            case JADES -> "JAdES";
            case ASIC_E -> "ASiC-E";
        };
        return prefix + "-BASELINE-" + options.level().name();
    }
}
