package org.cscsign.validator;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.JWSSerializationType;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.jades.JAdESSignatureParameters;
import eu.europa.esig.dss.jades.signature.JAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import org.cscsign.sandbox.Sandbox;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Makes real AdES signatures with DSS and a LOCAL key of the sandbox PKI (its PKCS#12 export),
 * with the sandbox's TSA and its OCSP/CRL/AIA endpoints for LT, so the validator has something
 * genuine to judge. Test fixture only.
 */
final class TestSigner implements AutoCloseable {

    /** The signature kinds the validator must handle. */
    enum Kind {
        PADES, CADES_ENVELOPING, CADES_DETACHED, XADES_ENVELOPED, JADES, ASIC_E
    }

    /** B or LT. */
    enum Level {
        B, LT
    }

    private static final char[] PASSWORD = "fixture-only".toCharArray();

    private final KeyStoreSignatureTokenConnection token;
    private final DSSPrivateKeyEntry key;
    private final CommonCertificateVerifier verifier;
    private final OnlineTSPSource tsp;

    TestSigner(Sandbox sandbox, String credentialId) {
        try {
            KeyStore keyStore = sandbox.pki().toPkcs12(credentialId, PASSWORD);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            keyStore.store(bytes, PASSWORD);
            this.token = new KeyStoreSignatureTokenConnection(bytes.toByteArray(), "PKCS12",
                    new KeyStore.PasswordProtection(PASSWORD));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the PKCS#12 of " + credentialId, e);
        }
        this.key = token.getKeys().get(0);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(sandbox.pki().rootCertificate()));
        this.verifier = new CommonCertificateVerifier(true);
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource(new CommonsDataLoader()));
        verifier.setAIASource(new DefaultAIASource(new CommonsDataLoader()));
        this.tsp = new OnlineTSPSource(sandbox.tsaUrl().toString());
    }

    /** Lets a fixture with a revoked or otherwise bad certificate still be signed (test fixture only). */
    TestSigner relaxed() {
        verifier.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
        verifier.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
        verifier.setAlertOnInvalidTimestamp(new SilentOnStatusAlert());
        verifier.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
        return this;
    }

    X509Certificate certificate() {
        return key.getCertificate().getCertificate();
    }

    /** The DSS format name the validator must report for this kind and level. */
    static String expectedFormat(Kind kind, Level level) {
        String prefix = switch (kind) {
            case PADES -> "PAdES";
            case CADES_ENVELOPING, CADES_DETACHED -> "CAdES";
            case XADES_ENVELOPED, ASIC_E -> "XAdES";
            case JADES -> "JAdES";
        };
        return prefix + "-BASELINE-" + level;
    }

    /**
     * Signs {@code content} (for ASiC-E: one data file in the container).
     */
    DSSDocument sign(Kind kind, Level level, DSSDocument content) {
        boolean lt = level == Level.LT;
        return switch (kind) {
            case PADES -> {
                PAdESSignatureParameters p = new PAdESSignatureParameters();
                p.setSignatureLevel(lt ? SignatureLevel.PAdES_BASELINE_LT : SignatureLevel.PAdES_BASELINE_B);
                PAdESService s = new PAdESService(verifier);
                s.setTspSource(tsp);
                yield signWith(content, p, s::getDataToSign, s::signDocument);
            }
            case CADES_ENVELOPING, CADES_DETACHED -> {
                CAdESSignatureParameters p = new CAdESSignatureParameters();
                p.setSignatureLevel(lt ? SignatureLevel.CAdES_BASELINE_LT : SignatureLevel.CAdES_BASELINE_B);
                p.setSignaturePackaging(kind == Kind.CADES_DETACHED ? SignaturePackaging.DETACHED : SignaturePackaging.ENVELOPING);
                CAdESService s = new CAdESService(verifier);
                s.setTspSource(tsp);
                yield signWith(content, p, s::getDataToSign, s::signDocument);
            }
            case XADES_ENVELOPED -> {
                XAdESSignatureParameters p = new XAdESSignatureParameters();
                p.setSignatureLevel(lt ? SignatureLevel.XAdES_BASELINE_LT : SignatureLevel.XAdES_BASELINE_B);
                p.setSignaturePackaging(SignaturePackaging.ENVELOPED);
                XAdESService s = new XAdESService(verifier);
                s.setTspSource(tsp);
                yield signWith(content, p, s::getDataToSign, s::signDocument);
            }
            case JADES -> {
                JAdESSignatureParameters p = new JAdESSignatureParameters();
                p.setSignatureLevel(lt ? SignatureLevel.JAdES_BASELINE_LT : SignatureLevel.JAdES_BASELINE_B);
                p.setSignaturePackaging(SignaturePackaging.ENVELOPING);
                // LT needs the unsigned etsiU header, which only the JSON serialization carries
                p.setJwsSerializationType(JWSSerializationType.JSON_SERIALIZATION);
                JAdESService s = new JAdESService(verifier);
                s.setTspSource(tsp);
                yield signWith(content, p, s::getDataToSign, s::signDocument);
            }
            case ASIC_E -> {
                ASiCWithXAdESSignatureParameters p = new ASiCWithXAdESSignatureParameters();
                p.setSignatureLevel(lt ? SignatureLevel.XAdES_BASELINE_LT : SignatureLevel.XAdES_BASELINE_B);
                p.aSiC().setContainerType(ASiCContainerType.ASiC_E);
                ASiCWithXAdESService s = new ASiCWithXAdESService(verifier);
                s.setTspSource(tsp);
                List<DSSDocument> docs = List.of(content);
                yield signWith(docs, p, s::getDataToSign, s::signDocument);
            }
        };
    }

    private <D, P extends eu.europa.esig.dss.signature.AbstractSignatureParameters<?>> DSSDocument signWith(D content,
            P parameters, DataToSign<D, P> dataToSign, SignDocument<D, P> signDocument) {
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(key.getCertificate());
        parameters.setCertificateChain(key.getCertificateChain());
        ToBeSigned toBeSigned = dataToSign.apply(content, parameters);
        SignatureValue value = token.sign(toBeSigned, DigestAlgorithm.SHA256, key);
        return signDocument.apply(content, parameters, value);
    }

    @FunctionalInterface
    private interface DataToSign<D, P> {
        ToBeSigned apply(D content, P parameters);
    }

    @FunctionalInterface
    private interface SignDocument<D, P> {
        DSSDocument apply(D content, P parameters, SignatureValue value);
    }

    @Override
    public void close() {
        token.close();
    }
}
