package org.cscsign.sandbox.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's test PKI: root CA, issuing CA, OCSP responder, time-stamping authority (TSA) and the signer
 * credentials the CSC sandbox serves. Not for production: every key lives in plain files.
 *
 * <h2>Hierarchy</h2>
 * <ul>
 * <li>root CA, EC P-384, self-signed, 20 years; signs the issuing CA and {@code crl("root")};</li>
 * <li>issuing CA, RSA 3072, pathLen 0, CRL at {@code <base>/pki/root.crl}, caIssuers {@code <base>/pki/root.crt};
 * signs the OCSP responder, TSA and signer certificates and {@code crl("ca")};</li>
 * <li>OCSP responder, EC P-256, id-kp-OCSPSigning and id-pkix-ocsp-nocheck, answers for the issuing CA's
 * certificates ({@code <base>/ocsp});</li>
 * <li>TSA, RSA 2048, critical id-kp-timeStamping, policy {@code 1.3.6.1.4.1.99999.1.1} (an arbitrary test OID);</li>
 * <li>signers (see {@link #credentials()}): OCSP {@code <base>/ocsp}, caIssuers {@code <base>/pki/ca.crt}, CRL
 * {@code <base>/pki/ca.crl}, policy {@code 1.3.6.1.4.1.99999.1.2} (test OID), 2 years.</li>
 * </ul>
 *
 * <h2>State directory layout</h2>
 * <pre>
 * keys/&lt;name&gt;.key.pem   PKCS#8 private key ("PRIVATE KEY"), name = root, ca, ocsp, tsa or a credential id
 * keys/&lt;name&gt;.pub.pem   its SubjectPublicKeyInfo ("PUBLIC KEY")
 * root.pem               the root certificate (the trust anchor)
 * certs/&lt;name&gt;.pem      certificates below the root: ca, ocsp, tsa and one per credential id
 * pki.properties         baseUrl=&lt;the base the certificates were issued for&gt;
 *                        revoked.&lt;credential id&gt;=&lt;revocation time, epoch milliseconds&gt;
 * </pre>
 * Keys and the root are generated once and kept. The certificates below the root are re-issued (and the
 * revocations reset, {@code revoked} being revoked again) whenever they are missing, do not match the keys,
 * were issued for another base URL, or (except {@code expired}) are not valid at the clock's time.
 *
 * <p>Instances are thread-safe: everything but the revocation registry is immutable, and revocations are
 * published atomically.
 */
public final class TestPki {

    private static final Logger LOG = LoggerFactory.getLogger(TestPki.class);

    /** The credential revoked at creation. */
    private static final String REVOKED_ID = "revoked";
    /** The credential whose certificate expired yesterday. */
    private static final String EXPIRED_ID = "expired";

    private static final List<CredentialSpec> SPECS = List.of(
            new CredentialSpec("rsa2048", "Sandbox signer, RSA 2048", "Sandbox Signer RSA-2048", "RSA", 2048, null),
            new CredentialSpec("rsa3072", "Sandbox signer, RSA 3072", "Sandbox Signer RSA-3072", "RSA", 3072, null),
            new CredentialSpec("ecp256", "Sandbox signer, EC P-256", "Sandbox Signer EC-P256", "EC", 256, "P-256"),
            new CredentialSpec("ecp384", "Sandbox signer, EC P-384", "Sandbox Signer EC-P384", "EC", 384, "P-384"),
            new CredentialSpec(REVOKED_ID, "Sandbox signer, RSA 2048, certificate revoked (keyCompromise)",
                    "Sandbox Signer Revoked RSA-2048", "RSA", 2048, null),
            new CredentialSpec(EXPIRED_ID, "Sandbox signer, EC P-256, certificate expired",
                    "Sandbox Signer Expired EC-P256", "EC", 256, "P-256"));

    private static final String ORGANISATION = ", O=cscsign sandbox, C=EU";
    private static final X500Name ROOT_NAME = new X500Name("CN=cscsign Sandbox Root CA" + ORGANISATION);
    private static final X500Name CA_NAME = new X500Name("CN=cscsign Sandbox Issuing CA" + ORGANISATION);
    private static final X500Name OCSP_NAME = new X500Name("CN=cscsign Sandbox OCSP Responder" + ORGANISATION);
    private static final X500Name TSA_NAME = new X500Name("CN=cscsign Sandbox TSA" + ORGANISATION);

    private static final String KEYS = "keys";
    private static final String CERTS = "certs";
    private static final String ROOT_PEM = "root.pem";
    private static final String PROPERTIES = "pki.properties";
    private static final String BASE_URL_PROPERTY = "baseUrl";
    private static final String REVOKED_PREFIX = "revoked.";

    private static final Duration CERT_BACKDATING = Duration.ofHours(1);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(730);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration ROOT_VALIDITY = Duration.ofDays(7300);
    private static final Duration CRL_VALIDITY = Duration.ofDays(1);

    private final URI baseUrl;
    private final Path stateDir;
    private final Clock clock;
    private final KeyPair rootKeys;
    private final KeyPair caKeys;
    private final X509Certificate root;
    private final X509Certificate ca;
    private final X509Certificate ocsp;
    private final X509Certificate tsa;
    private final List<SandboxCredential> credentials;
    private final Map<String, SandboxCredential> byId;
    /** Every serial the issuing CA issued, mapped to the credential id, or to "" for OCSP and TSA. */
    private final Map<BigInteger, String> issuedByCa;
    private final OcspResponder ocspResponder;
    private final TimeStampAuthority timeStampAuthority;
    private final AtomicLong crlNumber = new AtomicLong();
    private final Object revocationLock = new Object();
    /** Credential id → revocation time; an immutable map replaced under revocationLock. */
    private volatile Map<String, Instant> revocations;

    private record CredentialSpec(String id, String description, String commonName, String algorithm, int size,
            String curve) {
    }

    private TestPki(URI baseUrl, Path stateDir, Clock clock, Map<String, KeyPair> keys, X509Certificate root,
            Map<String, X509Certificate> issued, Map<String, Instant> revocations, SecureRandom random) {
        this.baseUrl = baseUrl;
        this.stateDir = stateDir;
        this.clock = clock;
        this.rootKeys = keys.get("root");
        this.caKeys = keys.get("ca");
        this.root = root;
        this.ca = issued.get("ca");
        this.ocsp = issued.get("ocsp");
        this.tsa = issued.get("tsa");
        List<SandboxCredential> list = new ArrayList<>();
        Map<BigInteger, String> serials = new HashMap<>();
        serials.put(ocsp.getSerialNumber(), "");
        serials.put(tsa.getSerialNumber(), "");
        for (CredentialSpec spec : SPECS) {
            X509Certificate leaf = issued.get(spec.id());
            list.add(new SandboxCredential(spec.id(), spec.description(), spec.algorithm(), spec.size(), spec.curve(),
                    keys.get(spec.id()).getPrivate(), List.of(leaf, ca, root)));
            serials.put(leaf.getSerialNumber(), spec.id());
        }
        this.credentials = List.copyOf(list);
        Map<String, SandboxCredential> index = new LinkedHashMap<>();
        credentials.forEach(c -> index.put(c.id(), c));
        this.byId = Collections.unmodifiableMap(index);
        this.issuedByCa = Map.copyOf(serials);
        this.revocations = Map.copyOf(revocations);
        this.ocspResponder = new OcspResponder(ca, ocsp, keys.get("ocsp").getPrivate(), clock, this::ocspLookup);
        this.timeStampAuthority = new TimeStampAuthority(keys.get("tsa").getPrivate(), tsa, ca, root, clock, random);
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
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clock, "clock");
        URI base = normalise(baseUrl);
        Path dir = prepareStateDir(stateDir);
        SecureRandom random = new SecureRandom();
        Instant now = clock.instant();

        Map<String, KeyPair> keys = new HashMap<>();
        Path keysDir = dir.resolve(KEYS);
        keys.put("root", loadOrGenerate(keysDir, "root", "EC", 384, random));
        keys.put("ca", loadOrGenerate(keysDir, "ca", "RSA", 3072, random));
        keys.put("ocsp", loadOrGenerate(keysDir, "ocsp", "EC", 256, random));
        keys.put("tsa", loadOrGenerate(keysDir, "tsa", "RSA", 2048, random));
        for (CredentialSpec spec : SPECS) {
            keys.put(spec.id(), loadOrGenerate(keysDir, spec.id(), spec.algorithm(), spec.size(), random));
        }

        CertificateIssuer issuer = new CertificateIssuer(base.toString(), random);
        boolean reissue = false;
        X509Certificate root = PkiFiles.readCertificate(dir.resolve(ROOT_PEM));
        if (root == null || !matches(root, keys.get("root"), root)) {
            root = issuer.root(ROOT_NAME, keys.get("root").getPublic(), keys.get("root").getPrivate(),
                    now.minus(Duration.ofDays(1)), now.plus(ROOT_VALIDITY));
            PkiFiles.writeCertificate(dir.resolve(ROOT_PEM), root);
            reissue = true;
        }

        Properties properties = PkiFiles.readProperties(dir.resolve(PROPERTIES));
        Map<String, X509Certificate> issued = null;
        if (!reissue && base.toString().equals(properties.getProperty(BASE_URL_PROPERTY))) {
            issued = loadIssued(dir, keys, root, now);
        }
        Map<String, Instant> revocations;
        if (issued == null) {
            LOG.info("Issuing sandbox PKI certificates for {} in {}", base, dir);
            issued = issueAll(issuer, keys, root, now);
            for (Map.Entry<String, X509Certificate> entry : issued.entrySet()) {
                PkiFiles.writeCertificate(dir.resolve(CERTS).resolve(entry.getKey() + ".pem"), entry.getValue());
            }
            revocations = Map.of(REVOKED_ID, now);
            storeState(dir, base, revocations);
        } else {
            revocations = readRevocations(properties);
        }
        return new TestPki(base, dir, clock, keys, root, issued, revocations, random);
    }

    /**
     * Copies only the key material and the root certificate (no leaf certificates, no revocations) from one
     * state dir to another, so tests can start many sandboxes without generating keys again.
     *
     * @param fromStateDir a state dir written by {@link #open}
     * @param toStateDir the target, created if missing
     * @throws PkiException if copying fails or fromStateDir holds no key material
     */
    public static void copyKeyMaterial(Path fromStateDir, Path toStateDir) {
        Objects.requireNonNull(fromStateDir, "fromStateDir");
        Objects.requireNonNull(toStateDir, "toStateDir");
        Path fromKeys = fromStateDir.resolve(KEYS);
        Path fromRoot = fromStateDir.resolve(ROOT_PEM);
        if (!Files.isDirectory(fromKeys) || !Files.isRegularFile(fromRoot)) {
            throw new PkiException("no key material (keys/ and root.pem) in " + fromStateDir, null);
        }
        try {
            Path toKeys = Files.createDirectories(toStateDir.resolve(KEYS));
            try (DirectoryStream<Path> files = Files.newDirectoryStream(fromKeys, "*.pem")) {
                for (Path file : files) {
                    PrivateFiles.copyKeepingSecretsPrivate(file, toKeys.resolve(file.getFileName().toString()));
                }
            }
            Files.copy(fromRoot, toStateDir.resolve(ROOT_PEM), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PkiException("cannot copy key material from " + fromStateDir + " to " + toStateDir, e);
        }
    }

    /**
     * The base URL the certificates below the root point to.
     *
     * @return the base URL, without trailing slash
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The state directory (see the class documentation for its layout).
     *
     * @return the state directory
     */
    public Path stateDir() {
        return stateDir;
    }

    /**
     * The trust anchor.
     *
     * @return the self-signed root CA certificate
     */
    public X509Certificate rootCertificate() {
        return root;
    }

    /**
     * The issuing CA, served at {@code <base>/pki/ca.crt}.
     *
     * @return the issuing CA certificate (signed by the root; issues leaves, OCSP and TSA certificates)
     */
    public X509Certificate issuingCaCertificate() {
        return ca;
    }

    /**
     * The delegated OCSP responder.
     *
     * @return the OCSP responder certificate (id-kp-OCSPSigning, id-pkix-ocsp-nocheck)
     */
    public X509Certificate ocspResponderCertificate() {
        return ocsp;
    }

    /**
     * The time-stamping authority.
     *
     * @return the TSA certificate (critical id-kp-timeStamping)
     */
    public X509Certificate tsaCertificate() {
        return tsa;
    }

    /**
     * The trust anchor as a file, for {@code --trust}.
     *
     * @return {@code <stateDir>/root.pem}, the PEM of the root certificate
     */
    public Path trustAnchorPem() {
        return stateDir.resolve(ROOT_PEM);
    }

    /**
     * The signer credentials, as CSC {@code credentials/list} lists them.
     *
     * @return in fixed order: {@code rsa2048}, {@code rsa3072}, {@code ecp256}, {@code ecp384}, {@code revoked},
     *         {@code expired}
     */
    public List<SandboxCredential> credentials() {
        return credentials;
    }

    /**
     * One credential by its CSC credentialID.
     *
     * @param id a CSC credentialID
     * @return the credential, or empty when no credential has that id
     */
    public Optional<SandboxCredential> credential(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * The current status of a credential's certificate, from the revocation registry and the clock.
     *
     * @param credentialId a CSC credentialID
     * @return REVOKED if revoked, else EXPIRED if the clock is outside the validity, else VALID
     * @throws IllegalArgumentException for an unknown credential
     */
    public CertificateStatus status(String credentialId) {
        SandboxCredential credential = require(credentialId);
        if (revocations.containsKey(credentialId)) {
            return CertificateStatus.REVOKED;
        }
        Instant now = clock.instant();
        X509Certificate leaf = credential.certificate();
        if (now.isBefore(leaf.getNotBefore().toInstant()) || now.isAfter(leaf.getNotAfter().toInstant())) {
            return CertificateStatus.EXPIRED;
        }
        return CertificateStatus.VALID;
    }

    /**
     * Revokes the credential's leaf certificate now (reason keyCompromise). CRL and OCSP reflect it at once;
     * the revocation is persisted in the state dir. Revoking twice keeps the first revocation time.
     *
     * @param credentialId a CSC credentialID
     * @throws IllegalArgumentException for an unknown credential
     * @throws PkiException if the revocation cannot be stored
     */
    public void revoke(String credentialId) {
        require(credentialId);
        synchronized (revocationLock) {
            if (revocations.containsKey(credentialId)) {
                return;
            }
            Map<String, Instant> updated = new HashMap<>(revocations);
            updated.put(credentialId, clock.instant());
            storeState(stateDir, baseUrl, updated);
            revocations = Map.copyOf(updated);
            LOG.info("Sandbox PKI revoked credential {} (keyCompromise)", credentialId);
        }
    }

    /**
     * Answers an HTTP OCSP request body (RFC 6960). A malformed request gives an OCSPResponse with status
     * malformedRequest (never an exception); a serial the issuing CA never issued gives status unknown.
     * CertIDs are answered with the hash algorithm the request used; a nonce extension is echoed.
     *
     * @param ocspRequestDer the DER OCSPRequest
     * @return the DER OCSPResponse
     */
    public byte[] ocspResponse(byte[] ocspRequestDer) {
        return ocspResponder.respond(ocspRequestDer);
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
        Objects.requireNonNull(certificate, "certificate");
        return ocspResponder.responseFor(certificate, basicOnly);
    }

    /**
     * A freshly signed DER CRL, valid from now for one day.
     *
     * @param which {@code "root"} (issued by the root, covers the issuing CA) or {@code "ca"} (issued by the
     *        issuing CA, covers leaves, the OCSP responder and the TSA)
     * @return the DER CRL
     * @throws IllegalArgumentException for any other value of {@code which}
     */
    public byte[] crl(String which) {
        Instant now = clock.instant();
        X509Certificate issuer;
        KeyPair issuerKeys;
        Map<BigInteger, Instant> revoked = new HashMap<>();
        if ("root".equals(which)) {
            issuer = root;
            issuerKeys = rootKeys;
        } else if ("ca".equals(which)) {
            issuer = ca;
            issuerKeys = caKeys;
            revocations.forEach((id, time) -> revoked.put(byId.get(id).certificate().getSerialNumber(), time));
        } else {
            throw new IllegalArgumentException("which must be \"root\" or \"ca\", was " + which);
        }
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer, Date.from(now))
                    .setNextUpdate(Date.from(now.plus(CRL_VALIDITY)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer))
                    .addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(nextCrlNumber(now))));
            revoked.forEach((serial, time) -> builder.addCRLEntry(serial, Date.from(time), CRLReason.keyCompromise));
            return builder.build(CertificateIssuer.signer(issuerKeys.getPrivate())).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot issue the " + which + " CRL", e);
        }
    }

    /**
     * Answers an RFC 3161 TimeStampReq (SHA-256, SHA-384 or SHA-512 imprints; the TSA policy or none). The
     * token carries ESSCertIDv2, an accuracy of one second, genTime from the clock, the request's nonce and, when
     * certReq is set, the TSA certificate, the issuing CA and the root. A bad request gives a rejection response,
     * not an exception.
     *
     * @param timeStampRequestDer the DER TimeStampReq
     * @return the DER TimeStampResp
     */
    public byte[] timeStampResponse(byte[] timeStampRequestDer) {
        return timeStampAuthority.respond(timeStampRequestDer);
    }

    /**
     * An RFC 3161 TimeStampToken over a digest, for CSC {@code signatures/timestamp}. Holds the TSA
     * certificate, the issuing CA and the root.
     *
     * @param digest the digest to time-stamp
     * @param hashOid {@code 2.16.840.1.101.3.4.2.1} (SHA-256), {@code …2.2} (SHA-384) or {@code …2.3} (SHA-512)
     * @param nonce the nonce to include, may be {@code null}
     * @return the DER TimeStampToken (a CMS ContentInfo)
     * @throws IllegalArgumentException for an unsupported hash OID or a digest of the wrong length
     */
    public byte[] timeStampToken(byte[] digest, String hashOid, BigInteger nonce) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(hashOid, "hashOid");
        return timeStampAuthority.token(digest, hashOid, nonce);
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
        SandboxCredential credential = require(credentialId);
        Objects.requireNonNull(password, "password");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(credential.id(), credential.privateKey(), password,
                    credential.chain().toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot build a PKCS#12 key store for " + credentialId, e);
        }
    }

    private SandboxCredential require(String credentialId) {
        return credential(credentialId)
                .orElseThrow(() -> new IllegalArgumentException("unknown credential id: " + credentialId));
    }

    private OcspResponder.Lookup ocspLookup(BigInteger serial) {
        String id = issuedByCa.get(serial);
        if (id == null) {
            return null;
        }
        Instant revokedAt = revocations.get(id);
        return new OcspResponder.Lookup(revokedAt == null ? org.bouncycastle.cert.ocsp.CertificateStatus.GOOD
                : new RevokedStatus(Date.from(revokedAt), CRLReason.keyCompromise));
    }

    private long nextCrlNumber(Instant now) {
        // Increasing within this instance and, with a real clock, across restarts.
        return crlNumber.updateAndGet(previous -> Math.max(previous + 1, now.toEpochMilli()));
    }

    private static URI normalise(URI baseUrl) {
        String text = baseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        URI uri = URI.create(text);
        if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + baseUrl);
        }
        return uri;
    }

    private static Path prepareStateDir(Path stateDir) {
        try {
            if (stateDir == null) {
                return Files.createTempDirectory("cscsign-pki-");
            }
            return Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new PkiException("cannot create the state dir " + stateDir, e);
        }
    }

    private static KeyPair loadOrGenerate(Path keysDir, String name, String algorithm, int size,
            SecureRandom random) {
        KeyPair existing = PkiFiles.readKeyPair(keysDir, name);
        if (existing != null && existing.getPublic().getAlgorithm().equals(algorithm)) {
            return existing;
        }
        // Only the first start of a state dir gets here: RSA 3072 generation takes a moment.
        LOG.info("Generating sandbox PKI key {} ({} {}) in {}", name, algorithm, size, keysDir);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec(size == 384 ? "secp384r1" : "secp256r1"), random);
            } else {
                generator.initialize(size, random);
            }
            KeyPair generated = generator.generateKeyPair();
            PkiFiles.writeKeyPair(keysDir, name, generated);
            return generated;
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot generate the " + algorithm + " key " + name, e);
        }
    }

    /** True when certificate holds keys' public key and is signed by issuer. */
    private static boolean matches(X509Certificate certificate, KeyPair keys, X509Certificate issuer) {
        if (certificate == null || !certificate.getPublicKey().equals(keys.getPublic())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The stored certificates below the root, or null when any is missing, stale or does not fit. */
    private static Map<String, X509Certificate> loadIssued(Path dir, Map<String, KeyPair> keys, X509Certificate root,
            Instant now) {
        Map<String, X509Certificate> issued = new HashMap<>();
        for (String name : issuedNames()) {
            X509Certificate certificate = PkiFiles.readCertificate(dir.resolve(CERTS).resolve(name + ".pem"));
            X509Certificate issuer = name.equals("ca") ? root : issued.get("ca");
            if (!matches(certificate, keys.get(name), issuer)) {
                return null;
            }
            boolean current = !now.isBefore(certificate.getNotBefore().toInstant())
                    && !now.isAfter(certificate.getNotAfter().toInstant());
            if (current == name.equals(EXPIRED_ID)) {
                return null;
            }
            issued.put(name, certificate);
        }
        return issued;
    }

    private static List<String> issuedNames() {
        List<String> names = new ArrayList<>(List.of("ca", "ocsp", "tsa"));
        SPECS.forEach(spec -> names.add(spec.id()));
        return names;
    }

    private static Map<String, X509Certificate> issueAll(CertificateIssuer issuer, Map<String, KeyPair> keys,
            X509Certificate root, Instant now) {
        Map<String, X509Certificate> issued = new HashMap<>();
        Instant notBefore = now.minus(CERT_BACKDATING);
        X509Certificate ca = issuer.issuingCa(CA_NAME, keys.get("ca").getPublic(), root, keys.get("root").getPrivate(),
                notBefore, now.plus(CA_VALIDITY));
        issued.put("ca", ca);
        PrivateKey caKey = keys.get("ca").getPrivate();
        issued.put("ocsp", issuer.ocspResponder(OCSP_NAME, keys.get("ocsp").getPublic(), ca, caKey, notBefore,
                now.plus(LEAF_VALIDITY)));
        issued.put("tsa", issuer.tsa(TSA_NAME, keys.get("tsa").getPublic(), ca, caKey, notBefore,
                now.plus(LEAF_VALIDITY)));
        for (CredentialSpec spec : SPECS) {
            X500Name subject = new X500Name("CN=" + spec.commonName() + ORGANISATION);
            boolean expired = spec.id().equals(EXPIRED_ID);
            Instant from = expired ? now.minus(Duration.ofDays(30)) : notBefore;
            Instant to = expired ? now.minus(Duration.ofDays(1)) : now.plus(LEAF_VALIDITY);
            issued.put(spec.id(), issuer.signer(subject, keys.get(spec.id()).getPublic(), ca, caKey, from, to));
        }
        return issued;
    }

    private static Map<String, Instant> readRevocations(Properties properties) {
        Map<String, Instant> revocations = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(REVOKED_PREFIX)) {
                String id = name.substring(REVOKED_PREFIX.length());
                if (SPECS.stream().noneMatch(spec -> spec.id().equals(id))) {
                    continue;
                }
                try {
                    revocations.put(id, Instant.ofEpochMilli(Long.parseLong(properties.getProperty(name).trim())));
                } catch (NumberFormatException e) {
                    throw new PkiException("bad revocation time for " + id + " in " + PROPERTIES, e);
                }
            }
        }
        return revocations;
    }

    private static void storeState(Path dir, URI base, Map<String, Instant> revocations) {
        Properties properties = new Properties();
        properties.setProperty(BASE_URL_PROPERTY, base.toString());
        revocations.forEach((id, time) -> properties.setProperty(REVOKED_PREFIX + id, Long.toString(time.toEpochMilli())));
        PkiFiles.writeProperties(dir.resolve(PROPERTIES), properties, "cscsign sandbox PKI state");
    }
}
