package org.cscsign.sandbox.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds the certificates of the test PKI with the extensions DSS needs to build and validate chains. */
final class CertificateIssuer {

    /** Arbitrary test OID for the leaves' certificate policy; not registered, never use outside tests. */
    static final String LEAF_POLICY_OID = "1.3.6.1.4.1.99999.1.2";

    private final String baseUrl;
    private final SecureRandom random;

    CertificateIssuer(String baseUrl, SecureRandom random) {
        this.baseUrl = baseUrl;
        this.random = random;
    }

    /** The JCA signature algorithm the PKI uses with this key. */
    static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() >= 384 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key);
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot create a " + signatureAlgorithm(key) + " signer", e);
        }
    }

    BigInteger serialNumber() {
        // Positive, at most 16 octets as RFC 5280 asks, and never zero.
        return new BigInteger(127, random).setBit(120);
    }

    X509Certificate root(X500Name subject, PublicKey publicKey, PrivateKey privateKey, Instant notBefore,
            Instant notAfter) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(notBefore), Date.from(notAfter), subject, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            return sign(builder, privateKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue the root certificate", e);
        }
    }

    X509Certificate issuingCa(X500Name subject, PublicKey publicKey, X509Certificate root, PrivateKey rootKey,
            Instant notBefore, Instant notAfter) {
        try {
            X509v3CertificateBuilder builder = below(root, subject, publicKey, notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint("/pki/root.crl"))
                    .addExtension(Extension.authorityInfoAccess, false,
                            new AuthorityInformationAccess(caIssuers("/pki/root.crt")));
            return sign(builder, rootKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue the issuing CA certificate", e);
        }
    }

    X509Certificate ocspResponder(X500Name subject, PublicKey publicKey, X509Certificate ca, PrivateKey caKey,
            Instant notBefore, Instant notAfter) {
        try {
            X509v3CertificateBuilder builder = below(ca, subject, publicKey, notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                    // DSS discards OCSP responses whose responder certificate lacks id-pkix-ocsp-nocheck.
                    .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue the OCSP responder certificate", e);
        }
    }

    X509Certificate tsa(X500Name subject, PublicKey publicKey, X509Certificate ca, PrivateKey caKey,
            Instant notBefore, Instant notAfter) {
        try {
            X509v3CertificateBuilder builder = below(ca, subject, publicKey, notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    // RFC 3161 2.3: the TSA's only extended key usage, marked critical.
                    .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                    .addExtension(Extension.authorityInfoAccess, false, leafAccess())
                    .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint("/pki/ca.crl"));
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue the TSA certificate", e);
        }
    }

    X509Certificate signer(X500Name subject, PublicKey publicKey, X509Certificate ca, PrivateKey caKey,
            Instant notBefore, Instant notAfter) {
        try {
            X509v3CertificateBuilder builder = below(ca, subject, publicKey, notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.nonRepudiation | KeyUsage.digitalSignature))
                    .addExtension(Extension.certificatePolicies, false, new DERSequence(
                            new PolicyInformation(new org.bouncycastle.asn1.ASN1ObjectIdentifier(LEAF_POLICY_OID))))
                    .addExtension(Extension.authorityInfoAccess, false, leafAccess())
                    .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint("/pki/ca.crl"));
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue a signer certificate for " + subject, e);
        }
    }

    private X509v3CertificateBuilder below(X509Certificate issuer, X500Name subject, PublicKey publicKey,
            Instant notBefore, Instant notAfter) throws GeneralSecurityException, CertIOException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        return new JcaX509v3CertificateBuilder(issuerName, serialNumber(), Date.from(notBefore), Date.from(notAfter),
                subject, publicKey)
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
    }

    private AuthorityInformationAccess leafAccess() {
        return new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(AccessDescription.id_ad_ocsp, uri("/ocsp")),
            caIssuers("/pki/ca.crt")});
    }

    private AccessDescription caIssuers(String path) {
        return new AccessDescription(AccessDescription.id_ad_caIssuers, uri(path));
    }

    private CRLDistPoint crlDistributionPoint(String path) {
        DistributionPointName name = new DistributionPointName(new GeneralNames(uri(path)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }

    private GeneralName uri(String path) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, baseUrl + path);
    }
}
