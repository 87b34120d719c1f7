package org.cscsign.signer;

import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.token.CscSignatureToken;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Main class of the child JVM of {@link LargeDocumentTest}: signs one file through the parent's sandbox
 * with self-validation, in the small heap the parent gave it. Exit 0 when signed and validated, 4 (and a line
 * {@code REFUSED message}) when the signer refuses the document.
 */
final class LargeDocumentChild {

    private LargeDocumentChild() {
    }

    /**
     * @param args {@code LEVEL INPUT OUTDIR CSC_URL CLIENT_ID TSA_URL TRUST_PEM [FORMAT [PACKAGING]]} (default PAdES);
     *        secrets in the environment
     */
    public static void main(String[] args) {
        CscClientConfig config = CscClientConfig.builder().baseUrl(URI.create(args[3]))
                .login(Login.clientCredentials(args[4], ClientAuthentication.clientSecretBasic(System.getenv("CSC_CLIENT_SECRET"))))
                .returnValidationInfo(true).build();
        try (CscSignatureToken token = CscSignatureToken.builder().config(config).credentialIds("rsa2048")
                .authorizer(CredentialAuthorizer.pin(System.getenv("CSC_PIN").toCharArray())).build()) {
            DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                    .tsa(URI.create(args[5])).trustAnchorFile(Path.of(args[6])).build();
            WriteResult result = signer.signFiles(List.of(Path.of(args[1])), Path.of(args[2]),
                    options(args), false, null);
            System.out.println("SIGNED " + result.files().get(0).signatureLevel());
        } catch (BadDocumentException e) {
            System.out.println("REFUSED " + e.getMessage());
            System.exit(4);
        }
        System.exit(0);
    }

    private static SignatureOptions options(String[] args) {
        SignatureFormat format = args.length > 7 ? SignatureFormat.valueOf(args[7]) : SignatureFormat.PADES;
        SignatureOptions.Builder options = SignatureOptions.builder(format).level(Level.valueOf(args[0]));
        if (args.length > 8) {
            options.packaging(Packaging.valueOf(args[8]));
        }
        return options.build();
    }
}
