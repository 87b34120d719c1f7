package org.cscsign.samples;

import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.Sad;
import org.cscsign.csc.SignHashRequest;
import org.cscsign.csc.SignHashResult;
import org.cscsign.csc.auth.AuthorizationCodeFlow;
import org.cscsign.csc.auth.AuthorizationCodeSettings;
import org.cscsign.csc.auth.AuthorizationRequest;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.csc.auth.LoopbackInteraction;
import org.cscsign.csc.auth.PendingAuthorization;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.WriteResult;
import org.cscsign.signer.WrittenFile;
import org.cscsign.token.CscSignatureToken;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sample: primesign (or any CSC service whose credentials say {@code auth.mode: oauth2code}). The
 * signer approves in a browser; the credential-scope token of the OAuth2 authorization-code flow is
 * the SAD. Two ways: a desktop or command-line program ({@link #signPdfs}, a loopback receiver on
 * 127.0.0.1 takes the redirect), and a web application ({@link #startInWebApp} and
 * {@link #finishInWebApp}, the application's own redirect handler takes it).
 */
public final class SignWithPrimesign {

    private SignWithPrimesign() {
    }

    /**
     * Signs PDFs as PAdES-BASELINE-LT with ONE approval for the whole batch (up to the credential's
     * {@code multisign}).
     *
     * @param cscUrl the CSC base, {@code …/csc/v2} or {@code …/csc/v1}
     * @param clientId the OAuth2 client id
     * @param clientSecret its secret
     * @param accountId the primesign account (account_token), or null
     * @param tsaUrl an RFC 3161 time-stamping service
     * @param trustAnchor a PEM file with the credential's root
     * @param pdfs the PDFs
     * @param outDir where {@code NAME-signed.pdf} go
     * @param showUrl shows the user the authorization URL (open a browser, print it)
     * @return the signed files
     */
    public static List<Path> signPdfs(URI cscUrl, String clientId, String clientSecret, String accountId, URI tsaUrl,
            Path trustAnchor, List<Path> pdfs, Path outDir, Consumer<URI> showUrl) {
        // tag::primesign[]
        CscClient client = CscClient.builder()
                .profile(CscProfile.PRIMESIGN)   // the authorization server comes from info's oauth2Issuer
                .baseUrl(cscUrl)
                .login(Login.clientCredentials(clientId, ClientAuthentication.clientSecretBasic(clientSecret))
                        .withCodeSettings(AuthorizationCodeSettings.DEFAULT   // PAR when the server offers it
                                .withRar(true)                         // authorization_details, one label per PDF
                                .withAccountId(accountId)))            // account_token: no account selection
                .clientData("{\"clientTransactionId\":\"order-4711\"}")
                .buildClient();
        // the browser comes back to http://127.0.0.1:<free port>/callback; wait at most 5 minutes
        LoopbackInteraction browser = new LoopbackInteraction(0, Duration.ofMinutes(5), showUrl);
        List<String> labels = pdfs.stream().map(p -> p.getFileName().toString()).toList();
        try (client; CscSignatureToken token = CscSignatureToken.builder()
                .client(client)
                .authorizer(CredentialAuthorizer.oauth2Code(browser, CredentialAuthorizer.labelsInOrder(labels)))
                .build()) {
            DocumentSigner signer = DocumentSigner.builder()
                    .token(token)
                    .tsa(tsaUrl)
                    .trustAnchorFile(trustAnchor)
                    .build();
            SignatureOptions pades = SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build();
            WriteResult result = signer.signFiles(pdfs, outDir, pades, false, null);
            return result.files().stream().map(WrittenFile::output).toList();
        }
        // end::primesign[]
    }

    /**
     * A web application's first half: the authorization request for some hashes. Keep the returned
     * object in the user's server-side session and redirect the browser to its
     * {@link PendingAuthorization#authorizationUri()}.
     *
     * @param client a client configured for the service
     * @param credentialId the credential
     * @param hashes the raw SHA-256 digests to sign
     * @param redirectUri the application's registered redirect URI
     * @return the pending authorization
     */
    public static PendingAuthorization startInWebApp(CscClient client, String credentialId, List<byte[]> hashes,
            URI redirectUri) {
        // tag::primesign-webapp-start[]
        AuthorizationCodeFlow flow = AuthorizationCodeFlow.of(client);
        PendingAuthorization pending = flow.start(
                AuthorizationRequest.credential(CredentialId.of(credentialId), hashes, HashAlgorithm.SHA256),
                redirectUri);
        // store `pending` in the session, then: HTTP 302 Location: pending.authorizationUri()
        // end::primesign-webapp-start[]
        return pending;
    }

    /**
     * A web application's second half, in its redirect handler: the code is exchanged (state and PKCE
     * checked), the credential-scope token signs exactly the authorized hashes, then it is revoked.
     *
     * @param client the same client
     * @param pending what {@link #startInWebApp} returned (from the session)
     * @param callback the full URL the browser came back to
     * @param hashes the same hashes
     * @param signAlgo the {@code signAlgo} OID, e.g. {@code 1.2.840.113549.1.1.11}
     * @return the raw signature values, in the order of the hashes
     */
    public static List<byte[]> finishInWebApp(CscClient client, PendingAuthorization pending, URI callback,
            List<byte[]> hashes, String signAlgo) {
        // tag::primesign-webapp-finish[]
        AuthorizationCodeFlow flow = AuthorizationCodeFlow.of(client);
        Sad sad = flow.complete(pending, callback).asSad();   // covers exactly these hashes, once
        try {
            SignHashResult result = client.signHash(new SignHashRequest(
                    sad.credentialId(), hashes, HashAlgorithm.SHA256, signAlgo, null, sad));
            return result.signatures();   // verify them with the certificate's key before use
        } finally {
            flow.revoke(sad.value(), "access_token");   // best effort, never throws
        }
        // end::primesign-webapp-finish[]
    }
}
