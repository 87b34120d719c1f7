package org.cscsign.token;

import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.cscsign.csc.CscClient;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** DSS CAdESService signs through the CSC token; BouncyCastle verifies the resulting CMS. */
class CadesRoundTripTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static CscClient client;
    private static CscSignatureToken token;

    @BeforeAll
    static void open() {
        client = TestSupport.standardClient(sandbox.get());
        token = CscSignatureToken.builder().client(client).authorizer(TestSupport.pinAuthorizer(sandbox.get())).build();
    }

    @AfterAll
    static void close() {
        token.close();
        client.close();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"rsa2048, RSA, SHA256", "rsa3072, RSASSA_PSS, SHA384", "ecp256, ECDSA, SHA256", "ecp384, ECDSA, SHA512"})
    void cadesBaselineBSignedThroughTheTokenVerifies(String credential, EncryptionAlgorithm encryption,
                                                      DigestAlgorithm digest) throws Exception {
        CscKeyEntry key = token.getKey(credential);
        DSSDocument document = new InMemoryDocument(("hello " + credential).getBytes(StandardCharsets.UTF_8), "hello.txt");
        CAdESSignatureParameters parameters = new CAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.CAdES_BASELINE_B);
        parameters.setSignaturePackaging(SignaturePackaging.ENVELOPING);
        parameters.setDigestAlgorithm(digest);
        parameters.setEncryptionAlgorithm(encryption);
        parameters.setSigningCertificate(key.getCertificate());
        parameters.setCertificateChain(key.getCertificateChain());
        CAdESService service = new CAdESService(new CommonCertificateVerifier(true));

        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        SignatureValue value = token.sign(toBeSigned, parameters.getSignatureAlgorithm(), key);
        DSSDocument signed = service.signDocument(document, parameters, value);

        CMSSignedData cms;
        try (InputStream in = signed.openStream()) {
            cms = new CMSSignedData(in);
        }
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(key.getCertificate().getCertificate()))).isTrue();
        assertThat(new String((byte[]) cms.getSignedContent().getContent(), StandardCharsets.UTF_8)).isEqualTo("hello " + credential);
    }
}
