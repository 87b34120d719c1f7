package org.cscsign.token;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.cscsign.csc.CredentialInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds out, before any hash is sent, whether a credential's leaf certificate is revoked when the
 * service does not report {@code cert.status}: OCSP at the leaf's AIA responder, else the CRL of its
 * distribution point. Each response must be signed by the issuer (or, for OCSP, by a responder
 * certificate the issuer gave {@code id-kp-OCSPSigning}). When neither can be had the check says
 * nothing (the OCSP that signHash returns is still checked afterwards, and validation judges the rest).
 */
public interface LeafStatusCheck {

    /**
     * @param leaf the credential's certificate
     * @param issuer its issuer's certificate
     * @return why the credential cannot sign (revoked), or empty when it is good or unknown
     */
    Optional<CredentialInfo.Unusable> check(X509Certificate leaf, X509Certificate issuer);

    /** @return a check that asks nothing (offline use) */
    static LeafStatusCheck none() {
        return (leaf, issuer) -> Optional.empty();
    }

    /**
     * @param timeout the deadline of each request (OCSP, CRL)
     * @return the online check over OCSP, then CRL, with responses capped at 4 MB
     */
    static LeafStatusCheck online(Duration timeout) {
        return new Online(new OkHttpClient.Builder().callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false).build());
    }

    /** The online OCSP-then-CRL check. */
    final class Online implements LeafStatusCheck {
        private static final Logger LOG = LoggerFactory.getLogger(LeafStatusCheck.class);
        private static final long MAX_BODY = 4L * 1024 * 1024;
        private final OkHttpClient http;

        private Online(OkHttpClient http) {
            this.http = http;
        }

        @Override
        public Optional<CredentialInfo.Unusable> check(X509Certificate leaf, X509Certificate issuer) {
            for (String url : urls(leaf, Extension.authorityInfoAccess.getId(), true)) {
                try {
                    Optional<Optional<CredentialInfo.Unusable>> answer = ocsp(url, leaf, issuer);
                    if (answer.isPresent()) {
                        return answer.get();
                    }
                } catch (IOException | RuntimeException | org.bouncycastle.cert.ocsp.OCSPException
                         | org.bouncycastle.operator.OperatorCreationException
                         | java.security.cert.CertificateException e) {
                    LOG.debug("OCSP at {} gave no answer: {}", url, e.toString());
                }
            }
            for (String url : urls(leaf, Extension.cRLDistributionPoints.getId(), false)) {
                try {
                    return crl(url, leaf, issuer);
                } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
                    LOG.debug("CRL at {} gave no answer: {}", url, e.toString());
                }
            }
            LOG.warn("the status of the certificate of {} could not be checked before signing (no OCSP or CRL answer)",
                    leaf.getSubjectX500Principal().getName());
            return Optional.empty();
        }

        /** Empty when the responder gave no usable answer (then the CRL is tried). */
        private Optional<Optional<CredentialInfo.Unusable>> ocsp(String url, X509Certificate leaf, X509Certificate issuer)
                throws IOException, org.bouncycastle.cert.ocsp.OCSPException,
                org.bouncycastle.operator.OperatorCreationException, java.security.cert.CertificateException {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), issuerHolder, leaf.getSerialNumber());
            OCSPReq request = new OCSPReqBuilder().addRequest(id).build();
            byte[] body = fetch(new Request.Builder().url(url).post(RequestBody.create(request.getEncoded(),
                    MediaType.get("application/ocsp-request"))).build());
            OCSPResp response = new OCSPResp(body);
            if (response.getStatus() != OCSPResp.SUCCESSFUL || !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                return Optional.empty();
            }
            if (!signedByIssuer(basic, issuer, issuerHolder)) {
                LOG.debug("OCSP at {}: response not signed by the issuer or its responder", url);
                return Optional.empty();
            }
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(id)) {
                    continue;
                }
                if (single.getCertStatus() == CertificateStatus.GOOD) {
                    return Optional.of(Optional.empty());
                }
                if (single.getCertStatus() instanceof RevokedStatus revoked) {
                    return Optional.of(Optional.of(revokedSince(revoked.getRevocationTime(), "OCSP")));
                }
                return Optional.empty(); // unknown: ask the CRL
            }
            return Optional.empty();
        }

        private static boolean signedByIssuer(BasicOCSPResp basic, X509Certificate issuer, X509CertificateHolder issuerHolder)
                throws org.bouncycastle.operator.OperatorCreationException, org.bouncycastle.cert.ocsp.OCSPException,
                java.security.cert.CertificateException {
            JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
            try {
                if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
                    return true;
                }
            } catch (org.bouncycastle.cert.ocsp.OCSPException | RuntimeException e) {
                // signed by another key (a delegated responder): looked at below
            }
            for (X509CertificateHolder responder : basic.getCerts()) {
                try {
                    if (responder.getIssuer().equals(issuerHolder.getSubject())
                            && responder.isSignatureValid(verifiers.build(issuerHolder))
                            && responder.isValidOn(new Date())
                            && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions()) != null
                            && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                            .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
                            && basic.isSignatureValid(verifiers.build(responder))) {
                        return true;
                    }
                } catch (org.bouncycastle.cert.CertException e) {
                    // not this one
                }
            }
            return false;
        }

        private Optional<CredentialInfo.Unusable> crl(String url, X509Certificate leaf, X509Certificate issuer)
                throws IOException, java.security.GeneralSecurityException {
            byte[] body = fetch(new Request.Builder().url(url).get().build());
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body));
            crl.verify(issuer.getPublicKey());
            X509CRLEntry entry = crl.getRevokedCertificate(leaf.getSerialNumber());
            return entry == null ? Optional.empty() : Optional.of(revokedSince(entry.getRevocationDate(), "CRL"));
        }

        private static CredentialInfo.Unusable revokedSince(Date when, String source) {
            return new CredentialInfo.Unusable("its certificate is revoked since " + when.toInstant() + " (" + source
                    + " checked before signing)", true);
        }

        private byte[] fetch(Request request) throws IOException {
            try (Response response = http.newCall(request).execute()) {
                ResponseBody rb = response.body();
                if (!response.isSuccessful() || rb == null) {
                    throw new IOException("HTTP " + response.code());
                }
                okio.BufferedSource source = rb.source();
                source.request(MAX_BODY + 1);
                if (source.getBuffer().size() > MAX_BODY) {
                    throw new IOException("response larger than " + MAX_BODY + " bytes");
                }
                return source.getBuffer().readByteArray();
            }
        }

        private static List<String> urls(X509Certificate cert, String extensionOid, boolean ocsp) {
            List<String> out = new ArrayList<>();
            byte[] ext = cert.getExtensionValue(extensionOid);
            if (ext == null) {
                return out;
            }
            try {
                ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
                if (ocsp) {
                    for (AccessDescription d : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                        if (AccessDescription.id_ad_ocsp.equals(d.getAccessMethod())) {
                            uri(d.getAccessLocation()).ifPresent(out::add);
                        }
                    }
                } else {
                    for (DistributionPoint dp : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                        DistributionPointName name = dp.getDistributionPoint();
                        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                            for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                                uri(g).ifPresent(out::add);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("unreadable {} extension: {}", extensionOid, e.toString());
            }
            return out;
        }

        private static Optional<String> uri(GeneralName name) {
            if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
                return Optional.empty();
            }
            String uri = name.getName().toString();
            return uri.startsWith("http://") || uri.startsWith("https://") ? Optional.of(uri) : Optional.empty();
        }
    }
}
