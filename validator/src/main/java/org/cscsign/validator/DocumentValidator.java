package org.cscsign.validator;

import eu.europa.esig.dss.model.ReferenceValidation;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.spi.signature.AdvancedSignature;
import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.tsl.job.TLValidationJob;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.timestamp.DetachedTimestampValidator;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import eu.europa.esig.dss.validation.reports.Reports;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.cscsign.dss.DataLoaders;
import org.cscsign.dss.FileBackedPdfObjFactory;
import org.cscsign.dss.TrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates AdES signatures (PAdES, CAdES, XAdES, JAdES, ASiC) with the EU DSS engine
 * ({@link SignedDocumentValidator}) under fixed trust settings, a validation policy and a
 * validation time.
 *
 * <p>Trust comes from explicit trust anchors (certificates, PEM/DER files, key stores) and
 * from ETSI TS 119 612 trusted lists or a list of trusted lists, loaded once by a DSS
 * {@link TLValidationJob} when the validator is built. Every network access goes through the
 * {@link DataLoaders} given to {@link Builder#dataLoaders(DataLoaders)} (default
 * {@link DataLoaders#online()}: DSS fetches missing OCSP responses, CRLs and issuer certificates
 * (AIA) over the network); {@link DataLoaders#offline() offline} it uses only what the document
 * and the trust settings hold.
 *
 * <p>Documents that hold only timestamps (a PDF with document timestamps, a timestamp-only ASiC
 * container, a detached RFC 3161 timestamp token or a bare TimeStampResp {@code .tsr}) are
 * validated as such; their timestamps come as {@link ValidationResult#timestamps()}.
 *
 * <p>Instances are immutable, thread-safe and meant to be reused: each {@code validate} call
 * builds its own DSS certificate verifier and document validator. Building a validator also
 * routes the parse errors of DSS's XML parsers to the log (SLF4J, DEBUG) instead of
 * {@code System.err}, where the JDK's default error handler would print them.
 */
public final class DocumentValidator {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentValidator.class);

    /** A TimeStampResp is a few kilobytes; anything much larger is not one. */
    private static final int MAX_TIMESTAMP_RESPONSE = 256 * 1024;

    /**
     * Enveloping CMS files above this size are validated through {@link EncapsulatedCms} (content streamed to a
     * temporary file); smaller ones as DSS reads them, in memory.
     */
    static final long LARGE_CMS_BYTES = 4L << 20;

    private final CommonTrustedCertificateSource trustAnchors;
    private final TrustedListsCertificateSource trustedLists;
    private final DataLoaders dataLoaders;
    /** The DSS constraint XML every validation runs under (given, or chosen by the trust settings). */
    private final byte[] policy;
    /**
     * The policy parsed once per validating thread rather than once per document (the JAXB parse was 7 % of a
     * self-validation's CPU); per thread because DSS does not promise that a policy object may be shared.
     */
    private final ThreadLocal<ValidationPolicy> parsedPolicy;
    private final Instant validationTime;

    private DocumentValidator(CommonTrustedCertificateSource trustAnchors, TrustedListsCertificateSource trustedLists,
            DataLoaders dataLoaders, byte[] policy, Instant validationTime) {
        this.trustAnchors = trustAnchors;
        this.trustedLists = trustedLists;
        this.dataLoaders = dataLoaders;
        this.policy = policy;
        this.parsedPolicy = ThreadLocal.withInitial(
                () -> ValidationPolicyLoader.fromValidationPolicy(new InMemoryDocument(policy)).create());
        this.validationTime = validationTime;
    }

    /**
     * @return a builder with no trust anchor, online revocation fetching, DSS's default
     *         validation policy and "now" as validation time
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a file, with the detached contents a detached signature covers.
     *
     * @param signedFile       the signed document (PDF, CMS/.p7m/.p7s, XML, JSON, ASiC container)
     * @param detachedContents the signed data of a detached signature; empty otherwise
     * @return the DSS reports and a summary per signature
     * @throws NotASignedDocumentException when DSS cannot read the file as a signed document or
     *                                     it holds neither a signature nor a timestamp
     * @throws UncheckedIOException        when a file cannot be read
     */
    public ValidationResult validate(Path signedFile, List<Path> detachedContents) {
        Objects.requireNonNull(signedFile, "signedFile");
        requireReadable(signedFile);
        List<DSSDocument> detached = new ArrayList<>();
        for (Path p : detachedContents == null ? List.<Path>of() : detachedContents) {
            requireReadable(p);
            detached.add(new FileDocument(p.toFile()));
        }
        return validate(new FileDocument(signedFile.toFile()), detached);
    }

    /**
     * Validates a signed document with DSS: {@code SignedDocumentValidator.fromDocument},
     * then {@code validateDocument} under this validator's trust, policy and time.
     *
     * @param signedDocument   the signed document
     * @param detachedContents the signed data of a detached signature (names matter for
     *                         XAdES/JAdES references); empty or {@code null} otherwise
     * @return the DSS reports and a summary per signature
     * @throws NotASignedDocumentException when DSS cannot read the document as a signed document
     *                                     or it holds neither a signature nor a timestamp, or it is too large for
     *                                     the memory given
     * @throws ValidationException         when DSS fails while validating it
     */
    public ValidationResult validate(DSSDocument signedDocument, List<DSSDocument> detachedContents) {
        return validate(signedDocument, detachedContents, LARGE_CMS_BYTES);
    }

    /**
     * As {@link #validate(DSSDocument, List)}; an enveloping CMS file larger than {@code largeCms} bytes is split
     * by streaming into its content (a temporary file, deleted afterwards) and the SignedData without it, which DSS
     * validates as a detached signature: DSS would read the whole CMS into memory.
     */
    ValidationResult validate(DSSDocument signedDocument, List<DSSDocument> detachedContents, long largeCms) {
        Objects.requireNonNull(signedDocument, "signedDocument");
        String name = signedDocument.getName() == null ? "document" : signedDocument.getName();
        try {
            return validateWithin(signedDocument, detachedContents, largeCms, name);
        } catch (OutOfMemoryError e) {
            // DSS reads XML, JSON and (small) CMS documents whole, some of them several times over
            throw new NotASignedDocumentException(name + " is too large for the memory given (the JVM may use at most "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; raise it with -Xmx)", null);
        }
    }

    private ValidationResult validateWithin(DSSDocument signedDocument, List<DSSDocument> detachedContents,
            long largeCms, String name) {
        if (signedDocument instanceof FileDocument file && (detachedContents == null || detachedContents.isEmpty())
                && file.getFile().length() > largeCms) {
            Optional<EncapsulatedCms> split;
            try {
                split = EncapsulatedCms.split(file.getFile().toPath(), Path.of(System.getProperty("java.io.tmpdir")));
            } catch (IOException e) {
                throw new ValidationException("validation of " + name + " failed: cannot copy its content to a"
                        + " temporary file: " + oneLine(e), e);
            }
            if (split.isPresent()) {
                try (EncapsulatedCms cms = split.get()) {
                    InMemoryDocument signature = new InMemoryDocument(cms.detachedCms(), name);
                    FileDocument content = new FileDocument(cms.content().toFile());
                    // unnamed, as the content inside a CMS is: DSS then calls the scope "Full document" as it does
                    // for the enveloping form
                    content.setName(null);
                    return validateWithDss(signature, List.of(content), name);
                }
            }
        }
        return validateWithDss(signedDocument, detachedContents, name);
    }

    private ValidationResult validateWithDss(DSSDocument signedDocument, List<DSSDocument> detachedContents,
            String name) {
        SignedDocumentValidator validator = open(signedDocument, name);
        validator.setCertificateVerifier(certificateVerifier());
        if (validator instanceof PDFDocumentValidator pdf && signedDocument instanceof FileDocument) {
            // a PDF file is read from disk with a bounded memory cache, not whole: memory must not grow with it
            pdf.setPdfObjFactory(new FileBackedPdfObjFactory(Path.of(System.getProperty("java.io.tmpdir")), null));
        }
        if (detachedContents != null && !detachedContents.isEmpty()) {
            validator.setDetachedContents(List.copyOf(detachedContents));
        }
        if (validationTime != null) {
            validator.setValidationTime(Date.from(validationTime));
        }
        try {
            if (validator.getSignatures().isEmpty() && validator.getDetachedTimestamps().isEmpty()) {
                throw new NotASignedDocumentException("no signature or timestamp found in " + name);
            }
        } catch (DSSException | IllegalArgumentException | IllegalStateException e) {
            // DSS recognised the format but could not parse the signatures (truncated, corrupt)
            throw new NotASignedDocumentException("cannot read the signatures of " + name + ": " + oneLine(e), e);
        }
        Reports reports;
        try {
            reports = validator.validateDocument(parsedPolicy.get());
        } catch (RuntimeException e) {
            // DSS's own exceptions never leave this library: one typed failure naming the document
            throw new ValidationException("validation of " + name + " failed: " + oneLine(e), e);
        }
        return new ValidationResult(name, reports, Summaries.signatures(reports), Summaries.documentTimestamps(reports));
    }

    /**
     * Tells whether a file is a detached signature (or a detached RFC 3161 timestamp) that needs
     * its signed data given separately, and which names its references give that data. Used to
     * pair detached contents with their signatures ({@link DetachedContents}).
     *
     * @param signedFile a file that may be a detached signature
     * @return empty when the file is not a detached signature or timestamp, or cannot be read as
     *         one; otherwise the names of the data its references point to (an empty list when
     *         the format names none, as CAdES and RFC 3161 do)
     */
    public Optional<List<String>> detachedContentNames(Path signedFile) {
        Objects.requireNonNull(signedFile, "signedFile");
        if (!Files.isRegularFile(signedFile) || !Files.isReadable(signedFile)) {
            return Optional.empty();
        }
        if (EncapsulatedCms.isEnveloping(signedFile)) {
            // it carries its content; and DSS would read all of it into memory just to find that out
            return Optional.empty();
        }
        try {
            SignedDocumentValidator validator = open(new FileDocument(signedFile.toFile()),
                    signedFile.getFileName().toString());
            if (validator instanceof DetachedTimestampValidator) {
                return Optional.of(List.of());
            }
            validator.setCertificateVerifier(new CommonCertificateVerifier(true));
            boolean missing = false;
            Set<String> names = new LinkedHashSet<>();
            for (AdvancedSignature signature : validator.getSignatures()) {
                for (ReferenceValidation reference : signature.getReferenceValidations()) {
                    if (reference.isFound()) {
                        continue;
                    }
                    missing = true;
                    String referenceName = reference.getDocumentName() != null ? reference.getDocumentName()
                            : reference.getUri();
                    if (referenceName != null && !referenceName.isBlank() && !referenceName.startsWith("#")) {
                        names.add(referenceName);
                    }
                }
            }
            return missing ? Optional.of(List.copyOf(names)) : Optional.empty();
        } catch (RuntimeException e) {
            // not a signature DSS can read: the validation itself will say so in its own entry
            LOG.debug("{} is not a readable detached signature: {}", signedFile, oneLine(e));
            return Optional.empty();
        }
    }

    /**
     * Finds the DSS validator for a document; a bare RFC 3161 TimeStampResp (a {@code .tsr} as
     * {@code openssl ts} or a TSA returns it) is unwrapped to the timestamp token it carries,
     * which DSS validates as a detached timestamp.
     */
    private static SignedDocumentValidator open(DSSDocument document, String name) {
        // first: DSS's CMS factory would claim the ASN.1 of a TimeStampResp and then refuse it
        DSSDocument token = timestampTokenOfResponse(document, name);
        if (token != null) {
            return new DetachedTimestampValidator(token);
        }
        try {
            return SignedDocumentValidator.fromDocument(document);
        } catch (UnsupportedOperationException e) {
            throw new NotASignedDocumentException(
                    "not a PDF/CMS/XML/JSON/ASiC document or RFC 3161 timestamp: " + name, e);
        } catch (RuntimeException e) {
            throw new NotASignedDocumentException("cannot read " + name + ": " + oneLine(e), e);
        }
    }

    private static DSSDocument timestampTokenOfResponse(DSSDocument document, String name) {
        try (InputStream in = document.openStream()) {
            byte[] bytes = in.readNBytes(MAX_TIMESTAMP_RESPONSE + 1);
            if (bytes.length > MAX_TIMESTAMP_RESPONSE || bytes.length == 0 || bytes[0] != 0x30) {
                return null;
            }
            TimeStampToken token = new TimeStampResponse(bytes).getTimeStampToken();
            return token == null ? null : new InMemoryDocument(token.getEncoded(), name);
        } catch (IOException | TSPException | RuntimeException e) {
            return null;
        }
    }

    private CommonCertificateVerifier certificateVerifier() {
        // 'true': no default AIA source, so offline really means no network
        CommonCertificateVerifier verifier = new CommonCertificateVerifier(true);
        List<CertificateSource> trusted = new ArrayList<>();
        if (!trustAnchors.getCertificates().isEmpty()) {
            trusted.add(trustAnchors);
        }
        if (trustedLists != null) {
            trusted.add(trustedLists);
        }
        verifier.setTrustedCertSources(trusted.toArray(CertificateSource[]::new));
        // absent loaders clear DSS's default sources: offline really means no network
        dataLoaders.applyTo(verifier);
        return verifier;
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void requireReadable(Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UncheckedIOException(new java.nio.file.NoSuchFileException(path.toString(), null,
                    "not a readable file"));
        }
    }

    /**
     * Configures a {@link DocumentValidator}. Everything is checked and loaded in
     * {@link #build()} (files read, key stores opened, trusted lists downloaded or read from
     * the cache and their signatures verified), so a built validator never fails on its
     * configuration later.
     */
    public static final class Builder {

        private final List<X509Certificate> anchors = new ArrayList<>();
        private final List<Path> anchorFiles = new ArrayList<>();
        private final List<TrustStoreSpec> trustStores = new ArrayList<>();
        private final List<TrustedLists.Spec> trustedLists = new ArrayList<>();
        private Path tlCacheDir;
        private DataLoaders dataLoaders;
        private Path policy;
        private Instant validationTime;

        private Builder() {
        }

        /**
         * Trusts a certificate as a trust anchor (a DSS trusted certificate source entry).
         *
         * @param certificate usually a root CA certificate
         * @return this builder
         */
        public Builder trustAnchor(X509Certificate certificate) {
            anchors.add(Objects.requireNonNull(certificate, "trustAnchor"));
            return this;
        }

        /**
         * Trusts each certificate as a trust anchor.
         *
         * @param certificates the certificates to trust
         * @return this builder
         */
        public Builder trustAnchors(Collection<X509Certificate> certificates) {
            Objects.requireNonNull(certificates, "trustAnchors").forEach(this::trustAnchor);
            return this;
        }

        /**
         * Trusts the certificates of a file: PEM (one or several certificates) or DER.
         *
         * @param file the certificate file
         * @return this builder
         */
        public Builder trustAnchorFile(Path file) {
            anchorFiles.add(Objects.requireNonNull(file, "trustAnchorFile"));
            return this;
        }

        /**
         * Trusts every certificate of a key store (its trusted-certificate entries and the
         * certificates of its key entries).
         *
         * @param keyStore the key store file
         * @param type     {@code PKCS12} or {@code JKS}
         * @param password the key store password (copied; the copy is wiped after loading)
         * @return this builder
         */
        public Builder trustStore(Path keyStore, String type, char[] password) {
            trustStores.add(new TrustStoreSpec(Objects.requireNonNull(keyStore, "trustStore"),
                    Objects.requireNonNull(type, "trustStore type"),
                    password == null ? null : password.clone()));
            return this;
        }

        /**
         * Trusts the services of an ETSI TS 119 612 trusted list (or, with {@code lotl}, of
         * every list a list of trusted lists points to), loaded by DSS's
         * {@link TLValidationJob}. The list's XAdES signature must verify with one of
         * {@code signingCertificates}; an unsigned, badly signed or expired list is refused.
         *
         * @param location            {@code http(s)://} or {@code file:} location of the list
         * @param lotl                whether the list is a list of trusted lists (LOTL)
         * @param signingCertificates the certificates allowed to sign the list
         * @return this builder
         */
        public Builder trustedList(URI location, boolean lotl, Collection<X509Certificate> signingCertificates) {
            Objects.requireNonNull(location, "trustedList location");
            Objects.requireNonNull(signingCertificates, "trustedList signingCertificates");
            trustedLists.add(new TrustedLists.Spec(location.toString(), lotl, List.copyOf(signingCertificates)));
            return this;
        }

        /**
         * Trusts the services of a trusted list stored in a local file; see
         * {@link #trustedList(URI, boolean, Collection)}.
         *
         * @param file                the trusted list XML
         * @param lotl                whether the list is a list of trusted lists
         * @param signingCertificates the certificates allowed to sign the list
         * @return this builder
         */
        public Builder trustedList(Path file, boolean lotl, Collection<X509Certificate> signingCertificates) {
            return trustedList(Objects.requireNonNull(file, "trustedList file").toAbsolutePath().toUri(), lotl,
                    signingCertificates);
        }

        /**
         * Where downloaded trusted lists are cached (DSS {@code FileCacheDataLoader}). Offline,
         * remote lists are read from this cache only. Default: a fresh temporary directory.
         *
         * @param dir the cache directory (created if missing)
         * @return this builder
         */
        public Builder tlCacheDir(Path dir) {
            this.tlCacheDir = Objects.requireNonNull(dir, "tlCacheDir");
            return this;
        }

        /**
         * Whether DSS may use the network: OCSP, CRL and AIA (issuer certificate) fetching and
         * trusted list downloads. Default {@code true}; {@code false} means no network call at all.
         * A shortcut for {@link #dataLoaders(DataLoaders) dataLoaders(DataLoaders.of(online))}; the
         * later of the two calls wins.
         *
         * @param online whether network access is allowed
         * @return this builder
         */
        public Builder online(boolean online) {
            this.dataLoaders = DataLoaders.of(online);
            return this;
        }

        /**
         * The DSS data loaders for every network access: OCSP, CRL, AIA and trusted-list downloads.
         * Default {@link DataLoaders#online()}; {@link DataLoaders#offline()} makes no network call.
         *
         * @param dataLoaders the loaders (replace or wrap them to add deadlines, caps or caches)
         * @return this builder
         * @throws NullPointerException when {@code dataLoaders} is null
         */
        public Builder dataLoaders(DataLoaders dataLoaders) {
            this.dataLoaders = Objects.requireNonNull(dataLoaders, "dataLoaders");
            return this;
        }

        /**
         * Validates under a DSS validation policy (constraint file) instead of the default one.
         * Without it, the policy follows the trust settings: with trust anchors and no trusted
         * list, DSS's default policy without its eIDAS qualification block
         * (policy name "cscsign: AdES against the given trust anchors"), so a signature is judged against the given anchors
         * and not also asked to chain up to an EU trusted list; otherwise DSS's default (EU
         * trusted-list) policy.
         *
         * @param constraintFile a DSS {@code ConstraintsParameters} XML file
         * @return this builder
         */
        public Builder policy(Path constraintFile) {
            this.policy = Objects.requireNonNull(constraintFile, "policy");
            return this;
        }

        /**
         * The time at which the signatures are judged. Default: the moment of each validation.
         *
         * @param time the validation time
         * @return this builder
         */
        public Builder validationTime(Instant time) {
            this.validationTime = Objects.requireNonNull(time, "validationTime");
            return this;
        }

        /**
         * Loads every trust source and the policy and returns the validator.
         *
         * @return an immutable validator
         * @throws IllegalArgumentException naming the field when a file cannot be read or parsed,
         *                                  a key store cannot be opened or a trusted list is refused
         */
        public DocumentValidator build() {
            // DSS probes inputs with XML parsers whose errors the JDK would print to System.err
            QuietXmlParsers.install();
            if (dataLoaders == null) {
                dataLoaders = DataLoaders.online();
            }
            List<X509Certificate> all = new ArrayList<>(anchors);
            for (Path file : anchorFiles) {
                all.addAll(TrustAnchors.fromFile(file));
            }
            for (TrustStoreSpec store : trustStores) {
                try {
                    all.addAll(TrustAnchors.fromKeyStore(store.file(), store.type(), store.password()));
                } finally {
                    if (store.password() != null) {
                        Arrays.fill(store.password(), '\0');
                    }
                }
            }
            CommonTrustedCertificateSource anchorSource = TrustAnchors.source(all);
            byte[] policyBytes;
            if (policy != null) {
                policyBytes = Policies.read(policy);
            } else {
                // trust anchors alone cannot make a signature qualified: judge against them only
                boolean anchorsOnly = !anchorSource.getCertificates().isEmpty() && trustedLists.isEmpty();
                policyBytes = anchorsOnly ? Policies.anchorsOnly() : Policies.trustedLists();
            }
            TrustedListsCertificateSource tlSource = trustedLists.isEmpty() ? null
                    : TrustedLists.load(trustedLists, tlCacheDir, dataLoaders);
            return new DocumentValidator(anchorSource, tlSource, dataLoaders, policyBytes, validationTime);
        }

    }

    private record TrustStoreSpec(Path file, String type, char[] password) {
        @Override
        public String toString() {
            return "TrustStoreSpec[file=" + file + ", type=" + type + "]";
        }
    }

}
