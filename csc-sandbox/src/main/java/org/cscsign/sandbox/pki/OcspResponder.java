package org.cscsign.sandbox.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The OCSP responder (RFC 6960) for certificates issued by the issuing CA. It signs with its own delegated
 * responder certificate and names itself by key hash.
 */
final class OcspResponder {

    private static final Duration VALIDITY = Duration.ofDays(1);

    private final X509CertificateHolder issuer;
    private final X509CertificateHolder[] certs;
    private final X509Certificate issuingCa;
    private final SubjectPublicKeyInfo responderPublicKeyInfo;
    private final PrivateKey responderKey;
    private final Clock clock;
    /** Serial → status; null for a serial the issuing CA never issued. */
    private final Function<BigInteger, Lookup> lookup;

    /** The answer for one serial number; a null status means good (BouncyCastle's CertificateStatus.GOOD). */
    record Lookup(org.bouncycastle.cert.ocsp.CertificateStatus status) {
    }

    OcspResponder(X509Certificate issuingCa, X509Certificate responderCertificate, PrivateKey responderKey,
            Clock clock, Function<BigInteger, Lookup> lookup) {
        try {
            this.issuer = new JcaX509CertificateHolder(issuingCa);
            this.certs = new X509CertificateHolder[] {new JcaX509CertificateHolder(responderCertificate), issuer};
        } catch (CertificateEncodingException e) {
            throw new PkiException("cannot encode the OCSP responder's certificates", e);
        }
        this.issuingCa = issuingCa;
        this.responderPublicKeyInfo = SubjectPublicKeyInfo.getInstance(responderCertificate.getPublicKey().getEncoded());
        this.responderKey = responderKey;
        this.clock = clock;
        this.lookup = lookup;
    }

    /** Answers a DER OCSPRequest; problems become OCSP error statuses, never exceptions. */
    byte[] respond(byte[] requestDer) {
        OCSPReq request;
        try {
            request = new OCSPReq(requestDer == null ? new byte[0] : requestDer);
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] requests = request.getRequestList();
        if (requests.length == 0) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            BasicOCSPRespBuilder builder = newBuilder();
            Instant now = clock.instant();
            for (Req single : requests) {
                CertificateID id = single.getCertID();
                builder.addResponse(id, statusOf(id, digests), Date.from(now), Date.from(now.plus(VALIDITY)), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            return wrap(sign(builder, now)).getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException | RuntimeException e) {
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    /** A response for one certificate issued by the issuing CA, with a SHA-1 CertID. */
    byte[] responseFor(X509Certificate certificate, boolean basicOnly) {
        if (!issuedByIssuingCa(certificate)) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal().getName()
                    + " was not issued by the issuing CA");
        }
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuer,
                    certificate.getSerialNumber());
            Instant now = clock.instant();
            BasicOCSPRespBuilder builder = newBuilder();
            builder.addResponse(id, statusOf(id, digests), Date.from(now), Date.from(now.plus(VALIDITY)), null);
            BasicOCSPResp basic = sign(builder, now);
            return basicOnly ? basic.getEncoded() : wrap(basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            throw new PkiException("cannot produce an OCSP response", e);
        }
    }

    private boolean issuedByIssuingCa(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(issuingCa.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuingCa.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private org.bouncycastle.cert.ocsp.CertificateStatus statusOf(CertificateID id, DigestCalculatorProvider digests) {
        try {
            if (!id.matchesIssuer(issuer, digests)) {
                return new UnknownStatus();
            }
        } catch (OCSPException e) {
            // An issuer hash algorithm we cannot compute: we cannot say anything about it.
            return new UnknownStatus();
        }
        Lookup found = lookup.apply(id.getSerialNumber());
        return found == null ? new UnknownStatus() : found.status();
    }

    private BasicOCSPRespBuilder newBuilder() throws OCSPException, OperatorCreationException {
        // ResponderID byKey: the SHA-1 hash of the responder's public key.
        return new BasicOCSPRespBuilder(responderPublicKeyInfo,
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
    }

    private BasicOCSPResp sign(BasicOCSPRespBuilder builder, Instant producedAt) throws OCSPException {
        return builder.build(CertificateIssuer.signer(responderKey), certs, Date.from(producedAt));
    }

    private static OCSPResp wrap(BasicOCSPResp basic) throws OCSPException {
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new PkiException("cannot encode an OCSP error response", e);
        }
    }
}
