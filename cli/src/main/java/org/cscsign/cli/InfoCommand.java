package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscException;
import org.cscsign.csc.OAuth2Endpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code cscsign info}: the CSC {@code info} method (no token; POST, and GET when the service answers
 * 405, as BankID allows both). {@code --json} shows the response as the service sent it; the summary
 * adds the OAuth2 endpoints the client finds from it (issuer metadata or the oauth2 base).
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Ask a CSC service what it is and what it offers (the CSC 'info' method, no authentication): "
                        + "name, specification version, authentication types, OAuth2 base, methods and "
                        + "signature algorithms.",
                "--json prints the info response exactly as received.",
        })
final class InfoCommand extends BaseCommand {

    @Option(names = "--csc-url", paramLabel = "URL", required = true,
            description = "Base URL of the CSC API, ending before the method name, e.g. http://127.0.0.1:8080/csc/v2.")
    URI cscUrl;

    @Option(names = "--json", description = "Print the info response as received, instead of a summary.")
    boolean json;

    @picocli.CommandLine.Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Override
    int execute() throws Exception {
        if (cscUrl.getScheme() == null || !cscUrl.getScheme().startsWith("http")) {
            throw CliException.usage("--csc-url must be an http(s) URL: " + cscUrl);
        }
        try (CscClient client = CscClient.builder().baseUrl(cscUrl).callTimeout(timeout.deadline(null)).buildClient()) {
            String raw = client.infoJson();
            if (json) {
                out().println(raw);
                return ExitCode.OK;
            }
            printSummary(Json.mapper().readTree(raw), client);
            return ExitCode.OK;
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--csc-url: " + Errors.firstLine(e.getMessage()));
        }
    }

    private void printSummary(JsonNode info, CscClient client) {
        Table table = new Table("FIELD", "VALUE");
        table.row("name", text(info, "name"));
        table.row("specs", text(info, "specs"));
        table.row("region", text(info, "region"));
        table.row("description", text(info, "description"));
        table.row("authType", join(info.path("authType")));
        String oauth2 = text(info, "oauth2");
        if (oauth2 == null) {
            oauth2 = text(info, "oauth2Issuer");
        }
        table.row("oauth2", oauth2);
        if (oauth2 != null) {
            table.row("oauth2Issuer", text(info, "oauth2Issuer"));
            try {
                OAuth2Endpoints endpoints = client.oauth2Endpoints();
                table.row("authorization endpoint", endpoints.authorization());
                table.row("token endpoint", endpoints.token());
                table.row("PAR endpoint", endpoints.par().map(URI::toString).orElse("none"));
            } catch (CscException e) {
                table.row("OAuth2 endpoints", "not found: " + Errors.firstLine(e.getMessage()));
            }
        }
        table.row("methods", join(info.path("methods")));
        table.row("signAlgorithms", join(info.path("signAlgorithms").path("algos"), InfoCommand::withAlgorithmName));
        if (info.has("asynchronousOperationMode")) {
            table.row("asynchronousOperationMode", info.path("asynchronousOperationMode").asText());
        }
        if (info.has("validationInfo")) {
            table.row("validationInfo", info.path("validationInfo").asText());
        }
        table.print(out());
    }

    /**
     * An OID with the name DSS knows it by: "1.2.840.113549.1.1.11 (SHA256withRSA)". Key algorithms
     * first, so RSASSA-PSS (whose hash is in its parameters) is not shown as DSS's SHA-1 variant.
     */
    static String withAlgorithmName(String oid) {
        String name;
        try {
            name = EncryptionAlgorithm.forOID(oid).getName();
        } catch (IllegalArgumentException notAKeyAlgorithm) {
            try {
                name = SignatureAlgorithm.forOID(oid).getJCEId();
            } catch (IllegalArgumentException unknown) {
                return oid;
            }
        }
        return oid + " (" + name + ")";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String join(JsonNode array) {
        return join(array, UnaryOperator.identity());
    }

    private static String join(JsonNode array, UnaryOperator<String> format) {
        if (!array.isArray() || array.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(format.apply(v.asText())));
        return String.join(", ", values);
    }
}
