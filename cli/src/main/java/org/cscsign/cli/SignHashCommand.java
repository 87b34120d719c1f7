package org.cscsign.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.SignHashResult;
import org.cscsign.token.CredentialUnusableException;
import org.cscsign.token.CscKeyEntry;
import org.cscsign.token.CscSignatureToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** {@code cscsign sign-hash}: one raw CSC {@code signatures/signHash} over digests computed elsewhere. */
@Command(name = "sign-hash",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
                "Sign raw digests with a credential: CSC signatures/signHash (after credentials/authorize with the PIN, "
                        + "and OTP at SCAL 2, when the service needs a SAD). The signature algorithm follows the "
                        + "key: sha*WithRSAEncryption (or rsaEncryption + hash OID) for RSA, ecdsa-with-SHA* for EC.",
                "--json prints {\"signatures\":[base64…],\"validationInfo\":{\"ocsp\":[…],\"crl\":[…],"
                        + "\"certificates\":[…]}}.",
                "",
        })
final class SignHashCommand extends BaseCommand {


    @Mixin
    ConnectionOptions connection;

    @Mixin
    AuthorizationOptions authorization;

    @Option(names = "--credential", required = true, paramLabel = "ID", description = "The credential to sign with.")
    String credential;

    @Option(names = "--hash-alg", required = true, paramLabel = "SHA256|SHA384|SHA512",
            description = "The algorithm the digests were computed with.")
    String hashAlg;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of one signature per line.")
    boolean json;

    @Parameters(paramLabel = "BASE64_DIGEST", arity = "1..*",
            description = "The digests to sign, Base64 (standard or URL-safe), in order.")
    List<String> digests;

    @Override
    int execute() throws Exception {
        HashAlgorithm hash;
        try {
            hash = HashAlgorithm.parse(hashAlg);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--hash-alg: " + Errors.firstLine(e.getMessage()));
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < digests.size(); i++) {
            byte[] digest = decode(digests.get(i), i, hash);
            if (digest.length != hash.length()) {
                throw CliException.usage(hexHint(digests.get(i), i, hash).orElse("digest " + (i + 1) + " has "
                        + digest.length + " bytes; " + hash + " digests have " + hash.length()));
            }
            hashes.add(digest);
        }
        try (CscSession session = CscSession.open(connection, authorization, environment(), err())) {
            CscSignatureToken token = session.token(credential);
            CscKeyEntry key = token.getKey(credential);
            if (!token.canSign(key, hash)) {
                throw CliException.usage("credential " + credential + " cannot sign " + hash + " hashes with a "
                        + CredentialsCommand.keyAlgorithm(key.credentialInfo()) + " signAlgo this service offers");
            }
            SignHashResult result;
            try {
                // authorized, signed and every value verified with the credential's key, in order, by the library
                result = token.signHashes(hashes, hash, key);
            } catch (CredentialUnusableException e) {
                throw new CliException(ExitCode.REFUSED, e.getMessage(), e);
            }
            print(result);
            return ExitCode.OK;
        }
    }

    private void print(SignHashResult result) {
        Base64.Encoder base64 = Base64.getEncoder();
        if (!json) {
            result.signatures().forEach(s -> out().println(base64.encodeToString(s)));
            return;
        }
        ObjectNode root = Json.object();
        ArrayNode signatures = root.putArray("signatures");
        result.signatures().forEach(s -> signatures.add(base64.encodeToString(s)));
        ObjectNode validationInfo = root.putObject("validationInfo");
        ArrayNode ocsp = validationInfo.putArray("ocsp");
        result.validationInfo().ocsp().forEach(o -> ocsp.add(base64.encodeToString(o)));
        if (!result.validationInfo().crl().isEmpty()) {
            ArrayNode crl = validationInfo.putArray("crl");
            result.validationInfo().crl().forEach(c -> crl.add(base64.encodeToString(c)));
        }
        if (!result.validationInfo().certificates().isEmpty()) {
            ArrayNode certificates = validationInfo.putArray("certificates");
            result.validationInfo().certificates().forEach(c -> certificates.add(base64.encodeToString(c)));
        }
        Json.print(out(), root);
    }

    private static byte[] decode(String text, int index, HashAlgorithm hash) {
        try {
            return text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text.strip())
                    : Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(hexHint(text, index, hash).orElse("digest " + (index + 1) + " is not valid Base64"));
        }
    }

    /**
     * What a user most likely did wrong: pasted the hex of {@code sha256sum} or {@code openssl dgst}
     * (which is also valid Base64, of the wrong length).
     */
    static java.util.Optional<String> hexHint(String text, int index, HashAlgorithm hash) {
        String digits = text.strip();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("digest " + (index + 1) + ": expected the Base64 of a " + hash.length()
                + "-byte " + hash + " digest; got " + digits.length() + " hex characters? The Base64 of a file's "
                + "digest: openssl dgst -" + hash.name().toLowerCase(java.util.Locale.ROOT) + " -binary FILE | base64");
    }
}
