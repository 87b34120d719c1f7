package org.cscsign.samples;

import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.Login;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.token.CscSignatureToken;

import java.net.URI;
import java.nio.file.Path;

/**
 * Sample: sign a PDF as PAdES-BASELINE-LT with a BankID B2B style configuration — OAuth2
 * client_credentials with scope {@code esign/b2b}, DPoP on every call, no SAD, and the leaf's OCSP
 * taken from the signHash response.
 *
 * <p>Run against BankID's test environment with {@code CscProfile.BANKID_TEST_BASE_URL}, or against
 * {@code cscsign sandbox --profile bankid}.
 */
public final class SignPdfWithBankId {

    private SignPdfWithBankId() {
    }

    /**
     * Signs one PDF into {@code outDir}.
     *
     * @param cscUrl the CSC base, e.g. {@code https://api.preprod.esign-stoetest.cloud/v0/b2b/csc/v2}
     * @param tokenUrl the OIDC provider's token endpoint
     * @param clientId the OIDC client id
     * @param clientSecret the client secret (test environment; production uses private_key_jwt)
     * @param tsaUrl an RFC 3161 time-stamping service
     * @param trustAnchor a PEM file with the root that the credential's chain ends in
     * @param pdf the PDF to sign
     * @param outDir where {@code NAME-signed.pdf} is written
     * @return the signed file
     */
    public static Path sign(URI cscUrl, URI tokenUrl, String clientId, String clientSecret, URI tsaUrl,
            Path trustAnchor, Path pdf, Path outDir) {
        // tag::bankid[]
        CscClientConfig bankId = CscClientConfig.builder()
                .profile(CscProfile.BANKID)                  // scope esign/b2b, DPoP, no SAD
                .baseUrl(cscUrl)
                .tokenUrl(tokenUrl)
                .login(Login.clientCredentials(clientId, ClientAuthentication.clientSecretBasic(clientSecret)))
                .build();
        try (CscSignatureToken token = CscSignatureToken.builder().config(bankId).build()) { // owns its client
            DocumentSigner signer = DocumentSigner.builder()
                    .token(token).tsa(tsaUrl).trustAnchorFile(trustAnchor).build();
            return signer.sign(pdf, outDir, SignatureOptions.builder(SignatureFormat.PADES)
                    .level(Level.LT).reason("Approved").build());   // outDir/NAME-signed.pdf
        }
        // end::bankid[]
    }

    /**
     * Command-line entry: {@code CSC_URL TOKEN_URL CLIENT_ID TSA_URL TRUST_PEM PDF OUT_DIR}, with the
     * client secret in the environment variable {@code CSC_CLIENT_SECRET}.
     *
     * @param args the arguments above
     */
    public static void main(String[] args) {
        if (args.length != 7) {
            System.err.println("usage: SignPdfWithBankId CSC_URL TOKEN_URL CLIENT_ID TSA_URL TRUST_PEM PDF OUT_DIR"
                    + " (secret in CSC_CLIENT_SECRET)");
            System.exit(2);
        }
        Path out = sign(URI.create(args[0]), URI.create(args[1]), args[2], System.getenv("CSC_CLIENT_SECRET"),
                URI.create(args[3]), Path.of(args[4]), Path.of(args[5]), Path.of(args[6]));
        System.out.println(out);
    }
}
