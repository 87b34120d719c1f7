package org.cscsign.cli;

import org.cscsign.sandbox.Profile;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.ServiceQuirks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code cscsign sandbox}: runs the local CSC service with its test PKI until SIGTERM/SIGINT. */
@Command(name = "sandbox",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Run the local CSC signing service (the sandbox) with its own test PKI: CSC v2 API (and v1 in the "
                        + "standard and primesign profiles), OAuth2 (client_credentials + DPoP; authorization code with "
                        + "PKCE, PAR, RAR and a consent page), OCSP, CRLs and an RFC 3161 TSA, all on 127.0.0.1 only.",
                "",
                "When it is ready it prints ONE line of JSON on stdout: "
                        + "{\"baseUrl\":…,\"cscUrl\":…,\"tokenUrl\":…,\"tsaUrl\":…,\"clientId\":…,\"clientSecret\":…,"
                        + "\"pin\":…,\"trustAnchor\":\"/abs/root.pem\",\"credentialIDs\":[…],…}, "
                        + "then serves until SIGTERM or SIGINT (Ctrl-C) and exits 0. The standard and primesign "
                        + "profiles add cscUrlV1, issuer, authorizeUrl, parUrl and revocationUrl.",
                "Credentials: rsa2048, rsa3072, ecp256, ecp384, revoked (certificate revoked) and expired.",
        })
final class SandboxCommand extends BaseCommand {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "TCP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--profile", paramLabel = "standard|bankid|primesign", defaultValue = "standard",
            converter = ProfileConverter.class,
            description = "standard: CSC v2 at /csc/v2 (and v1 at /csc/v1), explicit PIN/OTP authorization; "
                    + "bankid: BankID B2B at /v0/b2b/csc/v2, DPoP required, no SAD, BasicOCSPResponse "
                    + "returned by signHash; primesign: CSC v2 and v1, every signature authorized in the browser "
                    + "(OAuth2 authorization code at a Keycloak-like issuer named by info.oauth2Issuer, SCAL 2 by "
                    + "default) (default: ${DEFAULT-VALUE}).")
    Profile profile;

    @Option(names = "--scal", paramLabel = "1|2",
            description = "Sole Control Assurance Level: 1 (a PIN authorizes a number of signatures) or 2 "
                    + "(PIN and OTP, the SAD is bound to the exact hashes) (default: 1, and 2 for primesign).")
    Integer scal;

    @Option(names = "--multisign", paramLabel = "N", defaultValue = "50",
            description = "Most hashes per signHash call and per SAD (default: ${DEFAULT-VALUE}).")
    int multisign;

    @Option(names = "--latency-ms", paramLabel = "N", defaultValue = "0",
            description = "Delay added to every CSC and OAuth2 request, to mimic a remote service "
                    + "(default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--auth", paramLabel = "client-credentials|none|basic", defaultValue = "client-credentials",
            description = "How clients log in (standard profile): client-credentials (OAuth2), none (no login: "
                    + "info says authType external, requests carry no Authorization header) or basic (CSC v1 "
                    + "auth/login with HTTP Basic; username and password are printed) (default: ${DEFAULT-VALUE}).")
    String auth;

    @Option(names = "--implicit",
            description = "Credentials use auth mode implicit: credentials/authorize without PIN or OTP (the hashes "
                    + "are still bound at --scal 2).")
    boolean implicit;

    @Option(names = "--refuse-cert-info", paramLabel = "400|501",
            description = "Answer certInfo=true in credentials/info and credentials/list with this HTTP status, "
                    + "like services that do not implement it.")
    Integer refuseCertInfo;

    @Option(names = "--page-size", paramLabel = "N",
            description = "At most N credential ids per credentials/list page (then nextPageToken); maxResults is "
                    + "honoured below it.")
    Integer pageSize;

    @Option(names = "--async-sign",
            description = "signHash accepts operationMode A: answers 202 with a responseID, the signatures come from "
                    + "signatures/signPolling.")
    boolean asyncSign;

    @Option(names = "--async-authorize",
            description = "credentials/authorize answers 202 with a handle; credentials/authorizeCheck gives the SAD.")
    boolean asyncAuthorize;

    @Option(names = "--no-cert-status",
            description = "credentials/info does not report cert.status (clients must check the leaf's OCSP/CRL).")
    boolean noCertStatus;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where keys, certificates and revocations are kept; reusing it keeps the same PKI "
                    + "(and skips key generation). Default: a fresh temporary directory.")
    Path stateDir;

    @Override
    int execute() throws Exception {
        if (scal != null && scal != 1 && scal != 2) {
            throw CliException.usage("--scal must be 1 or 2, not " + scal);
        }
        if (port < 0 || port > 65535) {
            throw CliException.usage("--port must be between 0 and 65535, not " + port);
        }
        if (multisign < 1) {
            throw CliException.usage("--multisign must be at least 1, not " + multisign);
        }
        if (latencyMs < 0) {
            throw CliException.usage("--latency-ms must not be negative, not " + latencyMs);
        }
        Sandbox.Builder builder = Sandbox.builder()
                .port(port)
                .profile(profile)
                .multisign(multisign)
                .latency(Duration.ofMillis(latencyMs));
        if (scal != null) {
            builder.scal(scal);
        }
        ServiceQuirks quirks = quirks();
        if (quirks != null) {
            if (profile != Profile.STANDARD) {
                throw CliException.usage("--auth, --implicit, --refuse-cert-info, --page-size, --async-sign, "
                        + "--async-authorize and --no-cert-status apply to --profile standard only");
            }
            builder.quirks(quirks);
        }
        if (stateDir != null) {
            builder.stateDir(stateDir.toAbsolutePath());
        }
        Sandbox sandbox = builder.build().start();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                sandbox.close();
            }
        };
        // SIGTERM/SIGINT end the wait below so that the command returns 0 normally; the hook is the
        // fallback for other ways the JVM is shut down.
        boolean signalsHandled = Signals.onTermination(stop::countDown);
        Thread hook = new Thread(close, "cscsign-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out().println(readyLine(sandbox.describeJson(), profile));
        out().flush();
        if (!signalsHandled) {
            err().println("cscsign: note: signals cannot be intercepted here; stop with SIGKILL or Ctrl-C");
            err().flush();
        }
        stop.await();
        close.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // nothing to undo
        }
        return ExitCode.OK;
    }

    /** @return the quirks the flags ask for, or null when none is given */
    private ServiceQuirks quirks() {
        ServiceQuirks.Login login = switch (auth.toLowerCase(java.util.Locale.ROOT)) {
            case "client-credentials" -> ServiceQuirks.Login.OAUTH2_CLIENT;
            case "none" -> ServiceQuirks.Login.NONE;
            case "basic" -> ServiceQuirks.Login.BASIC;
            default -> throw CliException.usage("--auth must be client-credentials, none or basic, not '" + auth + "'");
        };
        if (login == ServiceQuirks.Login.OAUTH2_CLIENT && !implicit && refuseCertInfo == null && pageSize == null
                && !asyncSign && !asyncAuthorize && !noCertStatus) {
            return null;
        }
        try {
            return ServiceQuirks.builder().login(login).implicitAuthorization(implicit)
                    .refuseCertInfo(refuseCertInfo == null ? 0 : refuseCertInfo)
                    .maxPageSize(pageSize == null ? 0 : pageSize).asynchronousSigning(asyncSign)
                    .asynchronousAuthorization(asyncAuthorize).reportCertStatus(!noCertStatus).build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replace("refuseCertInfo", "--refuse-cert-info")
                    .replace("maxPageSize", "--page-size"));
        }
    }

    /**
     * The ready line as the sandbox describes itself, without the PIN where the profile never asks for
     * one (BankID B2B signs without credential authorization), so that nobody looks for where to use it.
     */
    static String readyLine(String describeJson, Profile profile) throws java.io.IOException {
        if (profile != Profile.BANKID) {
            return describeJson;
        }
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(describeJson);
        json.remove("pin");
        return Json.mapper().writeValueAsString(json);
    }

    /** Accepts the profile names in any case. */
    static final class ProfileConverter implements picocli.CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "standard" -> Profile.STANDARD;
                case "bankid" -> Profile.BANKID;
                case "primesign" -> Profile.PRIMESIGN;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected standard, bankid or primesign, not '" + value + "'");
            };
        }
    }
}
