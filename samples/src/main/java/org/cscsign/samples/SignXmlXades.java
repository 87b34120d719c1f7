package org.cscsign.samples;

import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.Packaging;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.SignedDocument;
import org.cscsign.token.CscSignatureToken;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;

import java.net.URI;
import java.nio.file.Path;

/**
 * Sample: sign an XML document as XAdES-BASELINE-LT (enveloped) with a generic CSC v2 service that
 * authorizes each signature explicitly with a PIN ({@code credentials/authorize} → SAD).
 */
public final class SignXmlXades {

    private SignXmlXades() {
    }

    /**
     * Signs one XML document and returns it in memory.
     *
     * @param cscUrl the CSC base, e.g. {@code http://127.0.0.1:8080/csc/v2}
     * @param clientId the OAuth2 client id
     * @param clientSecret its secret
     * @param credentialId the credential to sign with
     * @param pin the credential's PIN
     * @param tsaUrl an RFC 3161 time-stamping service
     * @param trustAnchor a PEM file with the credential's root
     * @param xml the XML to sign
     * @return the signed document, named {@code NAME-signed.xml}
     */
    public static SignedDocument sign(URI cscUrl, String clientId, String clientSecret, String credentialId,
            char[] pin, URI tsaUrl, Path trustAnchor, Path xml) {
        // tag::xades[]
        CscClient client = CscClient.builder()
                .profile(CscProfile.STANDARD)      // the token URL comes from info's "oauth2"
                .baseUrl(cscUrl)
                .login(Login.clientCredentials(clientId, ClientAuthentication.clientSecretPost(clientSecret)))
                .buildClient();
        try (client; CscSignatureToken token = CscSignatureToken.builder()
                .client(client)
                .authorizer(CredentialAuthorizer.pin(pin))   // credentials/authorize per batch
                .build()) {
            DocumentSigner signer = DocumentSigner.builder()
                    .token(token)
                    .credentialId(credentialId)
                    .tsa(tsaUrl)
                    .trustAnchorFile(trustAnchor)
                    .build();
            SignatureOptions xades = SignatureOptions.builder(SignatureFormat.XADES)
                    .packaging(Packaging.ENVELOPED)
                    .level(Level.LT)
                    .build();
            DSSDocument input = new FileDocument(xml.toFile());
            return signer.sign(input, xades);   // validated by DSS before it is returned
        }
        // end::xades[]
    }
}
