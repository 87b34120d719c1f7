package org.cscsign.sandbox.pki;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's test PKI: root CA, issuing CA, OCSP responder, time-stamping authority (TSA) and the signer
 * credentials the CSC sandbox serves. Not for production: every key lives in plain files.
 */
public final class TestPki {

    private TestPki() {
    }

    /**
     * Opens the PKI kept in {@code stateDir}.
     * Loads keys and root from stateDir when present, else generates and stores them; (re)issues every
     * certificate below the root for {@code baseUrl} when stateDir holds none or holds ones issued for another
     * baseUrl.
     *
     * @param stateDir where keys, certificates and revocations are kept; {@code null} = a fresh temp dir
     * @param baseUrl the sandbox's {@code http://127.0.0.1:PORT} base, no trailing slash; OCSP, CRL and CA
     *        issuer URLs in the certificates point below it
     * @param clock the source of every time the PKI writes (validity, OCSP, CRL, genTime)
     * @return the opened PKI
     * @throws PkiException if the state cannot be read, generated or written
     */
    public static TestPki open(Path stateDir, URI baseUrl, Clock clock) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * Copies only the key material and the root certificate (no leaf certificates, no revocations) from one
     * state dir to another, so tests can start many sandboxes without generating keys again.
     *
     * @param fromStateDir a state dir written by {@link #open}
     * @param toStateDir the target, created if missing
     * @throws PkiException if copying fails
     */
    public static void copyKeyMaterial(Path fromStateDir, Path toStateDir) {
        throw new IllegalStateException("TestPki not ready");
    }

    /** @return the base URL the certificates below the root point to */
    public URI baseUrl() {
        throw new IllegalStateException("TestPki not ready");
    }

    /** @return the state directory */
    public Path stateDir() {
        throw new IllegalStateException("TestPki not ready");
    }

    /** @return the self-signed root CA certificate (the trust anchor) */
    public X509Certificate rootCertificate() {
        throw new IllegalStateException("TestPki not ready");
    }

    /** @return the issuing CA certificate (signed by the root; issues leaves, OCSP and TSA certificates) */
    public X509Certificate issuingCaCertificate() {
        throw new IllegalStateException("TestPki not ready");
    }

    /** @return the OCSP responder certificate (id-kp-OCSPSigning, id-pkix-ocsp-nocheck) */
    public X509Certificate ocspResponderCertificate() {
        throw new IllegalStateException("TestPki not ready");
    }

    /** @return the TSA certificate (critical id-kp-timeStamping) */
    public X509Certificate tsaCertificate() {
        throw new IllegalStateException("TestPki not ready");
    }

    /** @return {@code <stateDir>/root.pem}, the PEM of the root certificate, for {@code --trust} */
    public Path trustAnchorPem() {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * @return the signer credentials in fixed order: {@code rsa2048}, {@code rsa3072}, {@code ecp256},
     *         {@code ecp384}, {@code revoked}, {@code expired}
     */
    public List<SandboxCredential> credentials() {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * @param id a CSC credentialID
     * @return the credential, or empty when no credential has that id
     */
    public Optional<SandboxCredential> credential(String id) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * The current status of a credential's certificate, from the revocation registry and the clock.
     *
     * @param credentialId a CSC credentialID
     * @return REVOKED if revoked, else EXPIRED if the clock is outside the validity, else VALID
     * @throws IllegalArgumentException for an unknown credential
     */
    public CertificateStatus status(String credentialId) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * Revokes the credential's leaf certificate now (reason keyCompromise). CRL and OCSP reflect it at once;
     * the revocation is persisted in the state dir. Revoking twice keeps the first revocation time.
     *
     * @param credentialId a CSC credentialID
     * @throws IllegalArgumentException for an unknown credential
     */
    public void revoke(String credentialId) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * Answers an HTTP OCSP request body (RFC 6960). A malformed request gives an OCSPResponse with status
     * malformedRequest (never an exception); a serial the issuing CA never issued gives status unknown.
     *
     * @param ocspRequestDer the DER OCSPRequest
     * @return the DER OCSPResponse
     */
    public byte[] ocspResponse(byte[] ocspRequestDer) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * OCSP for one certificate issued by the issuing CA, as {@code signatures/signHash} returns it in
     * {@code validationInfo.ocsp}. The CertID uses SHA-1.
     *
     * @param certificate a certificate issued by the issuing CA
     * @param basicOnly {@code true}: the DER BasicOCSPResponse (BankID style); {@code false}: a full DER
     *        OCSPResponse
     * @return the DER response
     * @throws IllegalArgumentException if the certificate was not issued by the issuing CA
     */
    public byte[] ocspFor(X509Certificate certificate, boolean basicOnly) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * A freshly signed DER CRL.
     *
     * @param which {@code "root"} (issued by the root, covers the issuing CA) or {@code "ca"} (issued by the
     *        issuing CA, covers leaves, the OCSP responder and the TSA)
     * @return the DER CRL
     * @throws IllegalArgumentException for any other value of {@code which}
     */
    public byte[] crl(String which) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * Answers an RFC 3161 TimeStampReq. A bad request gives a rejection response, not an exception.
     *
     * @param timeStampRequestDer the DER TimeStampReq
     * @return the DER TimeStampResp
     */
    public byte[] timeStampResponse(byte[] timeStampRequestDer) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * An RFC 3161 TimeStampToken over a digest, for CSC {@code signatures/timestamp}. Holds the TSA
     * certificate and its chain.
     *
     * @param digest the digest to time-stamp
     * @param hashOid {@code 2.16.840.1.101.3.4.2.1} (SHA-256), {@code …2.2} (SHA-384) or {@code …2.3} (SHA-512)
     * @param nonce the nonce to include, may be {@code null}
     * @return the DER TimeStampToken (a CMS ContentInfo)
     * @throws IllegalArgumentException for an unsupported hash OID or a digest of the wrong length
     */
    public byte[] timeStampToken(byte[] digest, String hashOid, BigInteger nonce) {
        throw new IllegalStateException("TestPki not ready");
    }

    /**
     * A PKCS#12 key store holding the credential's key with its chain (alias = credential id), for
     * comparisons with a local token in benchmarks and tests.
     *
     * @param credentialId a CSC credentialID
     * @param password the key store and key password
     * @return the loaded key store
     * @throws IllegalArgumentException for an unknown credential
     */
    public KeyStore toPkcs12(String credentialId, char[] password) {
        throw new IllegalStateException("TestPki not ready");
    }
}
