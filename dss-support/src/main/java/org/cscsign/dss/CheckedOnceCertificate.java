package org.cscsign.dss;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trust anchor whose signature is checked against a given key only once: the same certificate with the same
 * key always gives the same answer, yet DSS checks a self-signed anchor's signature again on every walk up a
 * certificate chain (its {@code Token.isSignedBy} remembers the signer of a certificate, but not of a
 * self-signed one), dozens of times per signed or validated document — with an EC P-384 root, most of the
 * CPU of a PAdES-LT signature. Only successful checks are remembered; a failing one is made (and fails) each
 * time. Everything else is the wrapped certificate's.
 */
final class CheckedOnceCertificate extends X509Certificate {

    private static final long serialVersionUID = 1L;

    /** A certificate is checked against very few keys (its own, maybe a cross-signer's); beyond, nothing is kept. */
    private static final int MAX_KEYS = 16;

    /** the certificate everything is delegated to. */
    private final X509Certificate certificate;
    /** the encoded keys its signature was found valid with. */
    private final transient Set<ByteBuffer> verifiedWith = ConcurrentHashMap.newKeySet();
    /** signature checks really made. */
    private final transient AtomicInteger checks = new AtomicInteger();

    CheckedOnceCertificate(X509Certificate certificate) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public void verify(PublicKey key) throws CertificateException, NoSuchAlgorithmException, InvalidKeyException,
            NoSuchProviderException, SignatureException {
        ByteBuffer encodedKey = ByteBuffer.wrap(key.getEncoded());
        if (verifiedWith.contains(encodedKey)) {
            return;
        }
        checks.incrementAndGet();
        certificate.verify(key);
        if (verifiedWith.size() < MAX_KEYS) {
            verifiedWith.add(encodedKey);
        }
    }

    /** @return how many times the signature was actually checked by {@link #verify(PublicKey)} */
    int checks() {
        return checks.get();
    }

    @Override
    public void verify(PublicKey key, String sigProvider) throws CertificateException, NoSuchAlgorithmException,
            InvalidKeyException, NoSuchProviderException, SignatureException {
        certificate.verify(key, sigProvider);
    }

    @Override
    public void verify(PublicKey key, Provider sigProvider) throws CertificateException, NoSuchAlgorithmException,
            InvalidKeyException, SignatureException {
        certificate.verify(key, sigProvider);
    }

    @Override
    public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
        certificate.checkValidity();
    }

    @Override
    public void checkValidity(Date date) throws CertificateExpiredException, CertificateNotYetValidException {
        certificate.checkValidity(date);
    }

    @Override
    public int getVersion() {
        return certificate.getVersion();
    }

    @Override
    public BigInteger getSerialNumber() {
        return certificate.getSerialNumber();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getIssuerDN() {
        return certificate.getIssuerDN();
    }

    @Override
    public javax.security.auth.x500.X500Principal getIssuerX500Principal() {
        return certificate.getIssuerX500Principal();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getSubjectDN() {
        return certificate.getSubjectDN();
    }

    @Override
    public javax.security.auth.x500.X500Principal getSubjectX500Principal() {
        return certificate.getSubjectX500Principal();
    }

    @Override
    public Date getNotBefore() {
        return certificate.getNotBefore();
    }

    @Override
    public Date getNotAfter() {
        return certificate.getNotAfter();
    }

    @Override
    public byte[] getTBSCertificate() throws CertificateEncodingException {
        return certificate.getTBSCertificate();
    }

    @Override
    public byte[] getSignature() {
        return certificate.getSignature();
    }

    @Override
    public String getSigAlgName() {
        return certificate.getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return certificate.getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return certificate.getSigAlgParams();
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        return certificate.getIssuerUniqueID();
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        return certificate.getSubjectUniqueID();
    }

    @Override
    public boolean[] getKeyUsage() {
        return certificate.getKeyUsage();
    }

    @Override
    public List<String> getExtendedKeyUsage() throws CertificateParsingException {
        return certificate.getExtendedKeyUsage();
    }

    @Override
    public int getBasicConstraints() {
        return certificate.getBasicConstraints();
    }

    @Override
    public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
        return certificate.getSubjectAlternativeNames();
    }

    @Override
    public Collection<List<?>> getIssuerAlternativeNames() throws CertificateParsingException {
        return certificate.getIssuerAlternativeNames();
    }

    @Override
    public byte[] getEncoded() throws CertificateEncodingException {
        return certificate.getEncoded();
    }

    @Override
    public PublicKey getPublicKey() {
        return certificate.getPublicKey();
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return certificate.hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return certificate.getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return certificate.getNonCriticalExtensionOIDs();
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        return certificate.getExtensionValue(oid);
    }

    @Override
    public String toString() {
        return certificate.toString();
    }
}
