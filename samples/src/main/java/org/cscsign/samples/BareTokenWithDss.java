package org.cscsign.samples;

import org.cscsign.csc.CscClient;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.token.CscSignatureToken;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;

import java.net.URI;
import java.util.Arrays;

/**
 * Sample: use only the DSS {@link eu.europa.esig.dss.token.SignatureTokenConnection} of this project
 * with a plain DSS service — for applications that already build their signatures with DSS and only
 * need the key to live in a CSC service.
 */
public final class BareTokenWithDss {

    private BareTokenWithDss() {
    }

    /**
     * Signs a PDF as PAdES-BASELINE-B with the first credential of the client.
     *
     * @param cscUrl the CSC base URL
     * @param clientId the OAuth2 client id
     * @param clientSecret its secret
     * @param pin the credential's PIN
     * @param pdf the PDF
     * @return the signed PDF
     */
    public static DSSDocument sign(URI cscUrl, String clientId, String clientSecret, char[] pin, DSSDocument pdf) {
        // tag::bare[]
        CscClient client = CscClient.builder()
                .baseUrl(cscUrl)
                .login(Login.clientCredentials(clientId, ClientAuthentication.clientSecretBasic(clientSecret)))
                .buildClient();
        try (client; CscSignatureToken token = CscSignatureToken.builder()
                .client(client)
                .authorizer(CredentialAuthorizer.pin(pin))
                .build()) {
            DSSPrivateKeyEntry key = token.getKeys().get(0);   // credentials/list + info, full chain

            PAdESSignatureParameters parameters = new PAdESSignatureParameters();
            parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
            parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
            parameters.setSigningCertificate(key.getCertificate());
            parameters.setCertificateChain(Arrays.asList(key.getCertificateChain()));

            PAdESService service = new PAdESService(new CommonCertificateVerifier(true));
            ToBeSigned dataToSign = service.getDataToSign(pdf, parameters);
            // one signatures/signHash call; the value is verified with the certificate's key
            SignatureValue value = token.sign(dataToSign, parameters.getDigestAlgorithm(), key);
            return service.signDocument(pdf, parameters, value);
        }
        // end::bare[]
    }
}
