package org.cscsign.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.DistinguishedNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** {@code cscsign credentials}: the CSC {@code credentials/list} of the client, with key and certificate details. */
@Command(name = "credentials",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
                "List the signing credentials (keys) the client may use (CSC credentials/list, page by page, with "
                        + "credential infos and the certificate chain; on CSC v1 credentials/info per credential): id, key algorithm and length or curve, subject, issuer, "
                        + "validTo, certificate status and SCAL.",
                "--json prints {\"credentials\":[{\"id\":…,\"keyAlgorithm\":\"RSA\"|\"EC\",\"keyLength\":…,"
                        + "\"curve\":…,\"subject\":…,\"issuer\":…,\"validFrom\":…,\"validTo\":…,\"status\":…,"
                        + "\"scal\":…,\"multisign\":…,\"certificates\":[base64 DER, leaf first…]}]}.",
                "",
        })
final class CredentialsCommand extends BaseCommand {

    private static final Map<String, String> CURVES = Map.of(
            "1.2.840.10045.3.1.7", "P-256", "1.3.132.0.34", "P-384", "1.3.132.0.35", "P-521");

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of a table.")
    boolean json;

    @Override
    int execute() throws Exception {
        List<CredentialInfo> credentials;
        try (CscSession session = CscSession.open(connection, new AuthorizationOptions(), environment(), err())) {
            credentials = session.credentials();
        }
        if (json) {
            ObjectNode root = Json.object();
            ArrayNode array = root.putArray("credentials");
            for (CredentialInfo c : credentials) {
                array.add(toJson(c));
            }
            Json.print(out(), root);
            return ExitCode.OK;
        }
        Table table = new Table("ID", "KEY", "SUBJECT", "ISSUER", "VALID TO", "STATUS", "SCAL");
        for (CredentialInfo c : credentials) {
            String key = keyAlgorithm(c) + " " + (curve(c) != null ? curve(c) : String.valueOf(c.key().length()));
            table.row(c.id().value(), key, subject(c), issuer(c), validTo(c), c.cert().status(), c.scal());
        }
        table.print(out());
        return ExitCode.OK;
    }

    private static ObjectNode toJson(CredentialInfo c) throws CertificateEncodingException {
        ObjectNode node = Json.object();
        node.put("id", c.id().value());
        node.put("description", c.description());
        node.put("keyAlgorithm", keyAlgorithm(c));
        node.put("keyLength", c.key().length());
        node.put("curve", curve(c));
        node.put("keyStatus", c.key().status());
        node.put("subject", subject(c));
        node.put("issuer", issuer(c));
        Instant validFrom = c.cert().validFrom() != null ? c.cert().validFrom()
                : c.certificate().map(x -> x.getNotBefore().toInstant()).orElse(null);
        node.put("validFrom", validFrom == null ? null : validFrom.toString());
        node.put("validTo", validTo(c));
        node.put("status", c.cert().status());
        node.put("scal", c.scal());
        node.put("multisign", c.multisign());
        ArrayNode certificates = node.putArray("certificates");
        for (X509Certificate certificate : c.cert().certificates()) {
            certificates.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        }
        return node;
    }

    /** "RSA" or "EC", from the certificate's key, else from the key algorithms the service lists. */
    static String keyAlgorithm(CredentialInfo c) {
        String fromCertificate = c.certificate().map(x -> x.getPublicKey().getAlgorithm()).orElse(null);
        if (fromCertificate != null) {
            return fromCertificate.equals("EC") || fromCertificate.equals("ECDSA") ? "EC" : fromCertificate;
        }
        boolean ec = c.key().algorithms().stream().anyMatch(oid -> oid.startsWith("1.2.840.10045"));
        return ec ? "EC" : "RSA";
    }

    private static String curve(CredentialInfo c) {
        String curve = c.key().curve();
        if (curve == null || curve.isBlank()) {
            return null;
        }
        return CURVES.getOrDefault(curve, curve);
    }

    private static String subject(CredentialInfo c) {
        return c.certificate().map(x -> DistinguishedNames.display(x.getSubjectX500Principal())).orElse(c.cert().subjectDN());
    }

    private static String issuer(CredentialInfo c) {
        return c.certificate().map(x -> DistinguishedNames.display(x.getIssuerX500Principal())).orElse(c.cert().issuerDN());
    }

    private static String validTo(CredentialInfo c) {
        Instant validTo = c.cert().validTo() != null ? c.cert().validTo()
                : c.certificate().map(x -> x.getNotAfter().toInstant()).orElse(null);
        return validTo == null ? null : validTo.toString();
    }
}
