package org.cscsign.cli;

import eu.europa.esig.dss.asic.cades.ASiCWithCAdESTimestampParameters;
import eu.europa.esig.dss.asic.cades.signature.ASiCWithCAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESCounterSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESTimestampParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.cscsign.sandbox.Sandbox;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * A corpus of real signed and timestamped files, made with DSS and LOCAL keys of the sandbox PKI
 * (its PKCS#12 export) and the sandbox TSA, as a checker would receive them. Test fixture only.
 */
final class ValidationCorpus {

    /** A PDF with two document timestamps and no signature. */
    static final String PDF_TIMESTAMPS_ONLY = "report-timestamped.pdf";
    /** An enveloping CAdES with one signature and two counter-signatures of it. */
    static final String CADES_COUNTER_SIGNED = "order-countersigned.p7m";
    /** Two detached CAdES signatures and their contents: alpha.txt.p7s signs alpha.txt, beta.p7s signs beta.txt. */
    static final String ALPHA = "alpha.txt";
    static final String ALPHA_SIGNATURE = "alpha.txt.p7s";
    static final String BETA = "beta.txt";
    static final String BETA_SIGNATURE = "beta.p7s";
    /** An enveloped XAdES-B. */
    static final String XADES = "invoice-signed.xml";
    /** An ASiC-E container with one data file and a timestamp, no signature. */
    static final String ASICE_TIMESTAMPS_ONLY = "archive-timestamped.asice";
    /** A bare RFC 3161 TimeStampResp over {@link #TSR_CONTENT}, as the TSA sent it. */
    static final String TSR = "minutes.txt.tsr";
    static final String TSR_CONTENT = "minutes.txt";
    /** A PDF without signature. */
    static final String UNSIGNED_PDF = "unsigned.pdf";
    /** A file that claims to be a PDF but is cut off after its header. */
    static final String BROKEN_PDF = "broken.pdf";

    private static final char[] PASSWORD = "fixture-only".toCharArray();

    private ValidationCorpus() {
    }

    /** Writes every file of the corpus into {@code dir}. */
    static void write(Sandbox sandbox, Path dir) throws Exception {
        Files.createDirectories(dir);
        CommonCertificateVerifier verifier = new CommonCertificateVerifier(true);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(sandbox.pki().rootCertificate()));
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource(new CommonsDataLoader()));
        verifier.setAIASource(new DefaultAIASource(new CommonsDataLoader()));
        OnlineTSPSource tsa = new OnlineTSPSource(sandbox.tsaUrl().toString());
        try (KeyStoreSignatureTokenConnection ec = token(sandbox, "ecp256");
             KeyStoreSignatureTokenConnection rsa = token(sandbox, "rsa2048")) {
            DSSPrivateKeyEntry ecKey = ec.getKeys().get(0);
            DSSPrivateKeyEntry rsaKey = rsa.getKeys().get(0);

            PAdESService pades = new PAdESService(verifier);
            pades.setTspSource(tsa);
            DSSDocument once = pades.timestamp(pdf("Timestamped report"), new PAdESTimestampParameters());
            save(pades.timestamp(once, new PAdESTimestampParameters()), dir.resolve(PDF_TIMESTAMPS_ONLY));

            CAdESService cades = new CAdESService(verifier);
            CAdESSignatureParameters enveloping = cadesParameters(ecKey, SignaturePackaging.ENVELOPING);
            DSSDocument order = text("order.txt", "Order 42: 12 chairs\n");
            DSSDocument signed = cades.signDocument(order, enveloping,
                    ec.sign(cades.getDataToSign(order, enveloping), DigestAlgorithm.SHA256, ecKey));
            String parentId = SignedDocumentValidator.fromDocument(signed).getSignatures().get(0).getId();
            DSSDocument counterSigned = signed;
            for (DSSPrivateKeyEntry key : List.of(rsaKey, ecKey)) {
                KeyStoreSignatureTokenConnection token = key == rsaKey ? rsa : ec;
                CAdESCounterSignatureParameters counter = new CAdESCounterSignatureParameters();
                counter.setSignatureLevel(SignatureLevel.CAdES_BASELINE_B);
                counter.setDigestAlgorithm(DigestAlgorithm.SHA256);
                counter.setSigningCertificate(key.getCertificate());
                counter.setCertificateChain(key.getCertificateChain());
                counter.setSignatureIdToCounterSign(parentId);
                ToBeSigned data = cades.getDataToBeCounterSigned(counterSigned, counter);
                counterSigned = cades.counterSignSignature(counterSigned, counter,
                        token.sign(data, DigestAlgorithm.SHA256, key));
            }
            save(counterSigned, dir.resolve(CADES_COUNTER_SIGNED));

            for (String[] pair : new String[][] {{ALPHA, ALPHA_SIGNATURE, "alpha: pay 100 EUR\n"},
                    {BETA, BETA_SIGNATURE, "beta: pay 200 EUR\n"}}) {
                DSSDocument content = text(pair[0], pair[2]);
                CAdESSignatureParameters detached = cadesParameters(ecKey, SignaturePackaging.DETACHED);
                save(content, dir.resolve(pair[0]));
                save(cades.signDocument(content, detached,
                        ec.sign(cades.getDataToSign(content, detached), DigestAlgorithm.SHA256, ecKey)),
                        dir.resolve(pair[1]));
            }

            XAdESService xades = new XAdESService(verifier);
            XAdESSignatureParameters enveloped = new XAdESSignatureParameters();
            enveloped.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
            enveloped.setSignaturePackaging(SignaturePackaging.ENVELOPED);
            enveloped.setDigestAlgorithm(DigestAlgorithm.SHA256);
            enveloped.setSigningCertificate(rsaKey.getCertificate());
            enveloped.setCertificateChain(rsaKey.getCertificateChain());
            DSSDocument invoice = new InMemoryDocument(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<invoice><total>3750.00</total></invoice>").getBytes(StandardCharsets.UTF_8), "invoice.xml",
                    MimeTypeEnum.XML);
            save(xades.signDocument(invoice, enveloped,
                    rsa.sign(xades.getDataToSign(invoice, enveloped), DigestAlgorithm.SHA256, rsaKey)), dir.resolve(XADES));
        }

        ASiCWithCAdESService asic = new ASiCWithCAdESService(verifier);
        asic.setTspSource(tsa);
        ASiCWithCAdESTimestampParameters asicParameters = new ASiCWithCAdESTimestampParameters();
        asicParameters.aSiC().setContainerType(ASiCContainerType.ASiC_E);
        save(asic.timestamp(List.of(text("archive.txt", "archived record\n")), asicParameters),
                dir.resolve(ASICE_TIMESTAMPS_ONLY));

        byte[] minutes = "Minutes of the board meeting\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(TSR_CONTENT), minutes);
        TimeStampRequestGenerator request = new TimeStampRequestGenerator();
        request.setCertReq(true);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(minutes);
        Files.write(dir.resolve(TSR), sandbox.pki().timeStampResponse(
                request.generate(NISTObjectIdentifiers.id_sha256, digest, BigInteger.valueOf(42)).getEncoded()));

        save(pdf("Not signed"), dir.resolve(UNSIGNED_PDF));
        byte[] pdf = Files.readAllBytes(dir.resolve(PDF_TIMESTAMPS_ONLY));
        Files.write(dir.resolve(BROKEN_PDF), Arrays.copyOf(pdf, 400));
    }

    private static KeyStoreSignatureTokenConnection token(Sandbox sandbox, String credentialId) throws Exception {
        KeyStore keyStore = sandbox.pki().toPkcs12(credentialId, PASSWORD);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        keyStore.store(bytes, PASSWORD);
        return new KeyStoreSignatureTokenConnection(bytes.toByteArray(), "PKCS12",
                new KeyStore.PasswordProtection(PASSWORD));
    }

    private static CAdESSignatureParameters cadesParameters(DSSPrivateKeyEntry key, SignaturePackaging packaging) {
        CAdESSignatureParameters parameters = new CAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.CAdES_BASELINE_B);
        parameters.setSignaturePackaging(packaging);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(key.getCertificate());
        parameters.setCertificateChain(key.getCertificateChain());
        return parameters;
    }

    private static DSSDocument text(String name, String text) {
        return new InMemoryDocument(text.getBytes(StandardCharsets.UTF_8), name, MimeTypeEnum.TEXT);
    }

    private static DSSDocument pdf(String title) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.getDocumentInformation().setTitle(title);
            doc.save(out);
            return new InMemoryDocument(out.toByteArray(), "document.pdf", MimeTypeEnum.PDF);
        }
    }

    private static void save(DSSDocument document, Path target) throws Exception {
        try (var in = document.openStream()) {
            Files.copy(in, target);
        }
    }

}
