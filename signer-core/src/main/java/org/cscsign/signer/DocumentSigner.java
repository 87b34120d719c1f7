package org.cscsign.signer;

import eu.europa.esig.dss.alert.exception.AlertException;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.CompositeRevocationSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.model.x509.revocation.ocsp.OCSP;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KSPrivateKeyEntry;
import eu.europa.esig.dss.token.SignatureTokenConnection;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.cscsign.signer.internal.BatchExecutor;
import org.cscsign.signer.internal.BatchOnlineSources;
import org.cscsign.signer.internal.FormatSupport;
import org.cscsign.signer.internal.InjectedCrlSource;
import org.cscsign.signer.internal.InjectedOcspSource;
import org.cscsign.signer.internal.OcspResponses;
import org.cscsign.signer.internal.PreparedSignature;
import org.cscsign.signer.internal.TempFileResources;
import org.cscsign.token.BatchSignatureToken;
import org.cscsign.token.CredentialUnusableException;
import org.cscsign.token.CscKeyEntry;
import org.cscsign.token.SignedBatch;
import org.cscsign.token.ValidationData;
import org.cscsign.dss.DataLoaders;
import org.cscsign.dss.SelfValidator;
import org.cscsign.dss.SelfValidatorFactory;
import org.cscsign.dss.SignatureVerdict;
import org.cscsign.dss.TrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Makes AdES signatures (PAdES, CAdES, XAdES, JAdES, ASiC-E) at level B, T, LT or LTA with DSS, the key
 * staying in any DSS {@link SignatureTokenConnection} — a CSC service through a
 * {@link BatchSignatureToken}, or a local key store.
 *
 * <p>A batch of N documents is signed in one pass: DSS {@code getDataToSign} for every document with
 * ONE signing time, then all digests in one {@link BatchSignatureToken#signDigests} (that is
 * ceil(N / multisign) {@code signatures/signHash} calls), then DSS {@code signDocument} for each. The
 * OCSP response the service returns with signHash is checked (it must be about the signing certificate
 * and say good) and becomes the first OCSP source DSS sees, so LT signatures need no OCSP request for
 * the signer's certificate; the OCSP/CRL/AIA sources of the {@link Builder#dataLoaders(DataLoaders) data
 * loaders} stay as fallback for the CA and TSA certificates (none when {@link DataLoaders#offline() offline});
 * what they download (the CA's CRL, the TSA certificate's OCSP, issuer certificates) is kept for the batch, so
 * it is fetched once per batch, not once per document. Each output is then validated (on by default, through
 * a {@link SelfValidator} — the {@code validator} module's, found on the class path, or one given to the
 * builder) and must be TOTAL_PASSED at the requested level. Reading, timestamping, LT augmentation and
 * validation of the documents of a batch run concurrently (see {@link Builder#threads(int)}); outputs keep the
 * input order and one failing document fails the whole batch.
 *
 * <p>Immutable and thread-safe (as far as the token is): build once, call {@link #sign} from any thread.
 */
public final class DocumentSigner {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentSigner.class);

    private final SignatureTokenConnection token;
    private final DSSPrivateKeyEntry key;
    private final TSPSource tspSource;
    private final URI tsaUrl;
    private final List<X509Certificate> trustAnchors;
    private final DataLoaders dataLoaders;
    private final boolean selfValidation;
    private final Clock clock;
    private final ValidationData extraValidationData;
    private final SelfValidator onlineValidator;
    private final SelfValidator offlineValidator;
    private final int threads;

    private DocumentSigner(Builder b, DSSPrivateKeyEntry key, TSPSource tspSource, SelfValidatorFactory validators) {
        this.token = b.token;
        this.key = key;
        this.tsaUrl = b.tsaUrl;
        this.tspSource = tspSource;
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.dataLoaders = b.dataLoaders;
        this.selfValidation = b.selfValidation;
        this.clock = b.clock;
        this.extraValidationData = b.extraValidationData;
        this.threads = b.threads;
        this.offlineValidator = selfValidation ? validators.create(trustAnchors, DataLoaders.offline()) : null;
        this.onlineValidator = selfValidation && dataLoaders.fetches()
                ? validators.create(trustAnchors, dataLoaders) : offlineValidator;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the key entry this signer signs with (certificate and chain) */
    public DSSPrivateKeyEntry key() {
        return key;
    }

    /**
     * Signs one document.
     *
     * @param document the document
     * @param options what signature to make
     * @return the signed document
     * @throws SigningException or a subclass on any failure
     */
    public SignedDocument sign(DSSDocument document, SignatureOptions options) {
        return sign(List.of(document), options, ProgressListener.NONE).documents().get(0);
    }

    /**
     * Signs a batch with as few remote calls as the token allows (see the class comment). With
     * {@link SignatureFormat#ASIC_E} all documents go into ONE container named after the first.
     *
     * @param documents the documents, each with a name (the output is named after it)
     * @param options what signature to make
     * @param progress receives phases and counts
     * @return the outputs, in input order, and the number of signHash calls
     * @throws BadDocumentException when an input cannot be signed in this format (nothing is signed)
     * @throws CertificateRevokedException when the signing certificate is revoked
     * @throws RemoteServiceException when the token fails
     * @throws SelfValidationException when an output does not validate at the requested level
     * @throws SigningException on any other failure
     */
    public SigningResult sign(List<DSSDocument> documents, SignatureOptions options, ProgressListener progress) {
        Objects.requireNonNull(options, "options");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        if (documents == null || documents.isEmpty()) {
            throw new IllegalArgumentException("documents: at least one document is required");
        }
        checkConfigurationFor(options);
        checkKeyUsable();
        List<List<DSSDocument>> units = options.format() == SignatureFormat.ASIC_E
                ? List.of(List.copyOf(documents))
                : documents.stream().map(List::of).toList();
        Batch batch = prepare(units, options, listener, null);
        return finish(batch, options, listener);
    }

    /**
     * Signs files and writes the outputs into a directory, all-or-nothing (see {@link OutputWriter}),
     * named per {@link #outputNameHint}: PAdES {@code NAME-signed.pdf}; CAdES {@code NAME.p7m}
     * (enveloping) or {@code NAME.p7s} (detached); XAdES {@code NAME-signed.xml} (enveloped) or
     * {@code NAME.xades.xml}; JAdES {@code NAME.jws.json}; ASiC-E {@code NAME.asice} after the first
     * file; NAME is the input file name without its last extension.
     *
     * @param files the input files
     * @param outputDirectory where to write (created when missing)
     * @param options what signature to make
     * @param overwrite whether existing outputs may be replaced
     * @param progress receives phases and counts
     * @return the files written and the number of signHash calls
     * @throws OutputException when a target exists (and overwrite is false) or writing fails; nothing is left behind
     * @throws SigningException or another subclass as {@link #sign(List, SignatureOptions, ProgressListener)}
     */
    public WriteResult signFiles(List<Path> files, Path outputDirectory, SignatureOptions options, boolean overwrite,
            ProgressListener progress) {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("files: at least one file is required");
        }
        List<DSSDocument> documents = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new BadDocumentException(file.toString(), "not a readable file", null);
            }
            documents.add(new FileDocument(file.toFile()));
        }
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        OutputWriter writer = new OutputWriter(outputDirectory, overwrite);
        checkConfigurationFor(options);
        checkKeyUsable();
        List<List<DSSDocument>> units = options.format() == SignatureFormat.ASIC_E
                ? List.of(List.copyOf(documents))
                : documents.stream().map(List::of).toList();
        // files in, files out: DSS works from the input files and writes outputs to temporary files, so
        // memory does not grow with the documents' size; the temporary files go once the outputs are written
        List<Path> written;
        SigningResult result;
        try (TempFileResources resources = new TempFileResources(Path.of(System.getProperty("java.io.tmpdir")))) {
            Batch batch = prepare(units, options, listener, resources);
            // fail on a taken name before the remote call, not after
            writer.checkTargets(batch.prepared.stream().map(PreparedSignature::outputName).toList());
            result = finish(batch, options, listener);
            listener.progress(ProgressListener.Phase.WRITING, 0, result.documents().size());
            written = writer.write(result.documents().stream().map(SignedDocument::document).toList());
            listener.progress(ProgressListener.Phase.WRITING, written.size(), result.documents().size());
        }
        List<WrittenFile> out = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            SignedDocument d = result.documents().get(i);
            List<Path> inputs = options.format() == SignatureFormat.ASIC_E ? files : List.of(files.get(i));
            out.add(new WrittenFile(inputs, written.get(i), d.signatureLevel(), d.level()));
        }
        return new WriteResult(out, result.signHashCalls());
    }

    /**
     * The output name for an input file name, as {@link #signFiles} names it.
     *
     * @param inputName the input file name
     * @param options the signature options
     * @return the output name
     */
    public static String outputNameHint(String inputName, SignatureOptions options) {
        String stem = FormatSupport.stem(inputName);
        boolean xml = inputName.toLowerCase(java.util.Locale.ROOT).endsWith(".xml");
        return switch (options.format()) {
            case PADES -> stem + "-signed.pdf";
            case CADES -> stem + (options.packagingFor(false).orElseThrow() == Packaging.DETACHED ? ".p7s" : ".p7m");
            case XADES -> stem + (options.packagingFor(xml).orElseThrow() == Packaging.ENVELOPED ? "-signed.xml" : ".xades.xml");
            case JADES -> stem + ".jws.json";
            case ASIC_E -> stem + ".asice";
        };
    }

    private void checkConfigurationFor(SignatureOptions options) {
        if (options.level().needsTimestamp() && tspSource == null) {
            throw new SigningException("level " + options.level() + " needs a timestamp: configure tsa(...) on the DocumentSigner");
        }
        if (options.level().needsRevocationData() && trustAnchors.isEmpty()) {
            throw new SigningException("level " + options.level()
                    + " needs trustAnchors: DSS only collects revocation data for chains ending in a trust anchor");
        }
    }

    /**
     * Refuses early (before any document work or remote call) a key whose certificate is outside its
     * validity, or that the CSC service itself reports as revoked ({@code credentials/info cert.status}).
     */
    private void checkKeyUsable() {
        X509Certificate leaf = key.getCertificate().getCertificate();
        Date now = Date.from(clock.instant());
        String subject = "'" + key.getCertificate().getSubject().getRFC2253() + "'";
        if (now.after(leaf.getNotAfter())) {
            throw new CertificateStatusException("signing certificate " + subject + " expired on "
                    + leaf.getNotAfter().toInstant());
        }
        if (now.before(leaf.getNotBefore())) {
            throw new CertificateStatusException("signing certificate " + subject + " is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        if (key instanceof CscKeyEntry csc && csc.credentialInfo().cert() != null) {
            String status = csc.credentialInfo().cert().status();
            if ("revoked".equalsIgnoreCase(status)) {
                throw new CertificateRevokedException("signing certificate " + subject + " of credential "
                        + csc.credentialId().value() + " is revoked according to the signing service (cert.status)");
            }
            if (status != null && !"valid".equalsIgnoreCase(status)) {
                throw new CertificateStatusException("signing certificate " + subject + " of credential "
                        + csc.credentialId().value() + " has status " + status + " according to the signing service");
            }
        }
    }

    private record Batch(List<PreparedSignature> prepared, CommonCertificateVerifier verifier, Date signingDate,
            BatchOnlineSources online) {
    }

    private Batch prepare(List<List<DSSDocument>> units, SignatureOptions options, ProgressListener listener,
            TempFileResources resources) {
        // one signing time for the whole batch; whole seconds, as the signed attributes carry it
        Date signingDate = Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        // one set of online sources per batch: the CA's and TSA's revocation data are fetched once per batch
        BatchOnlineSources online = dataLoaders.fetches() ? new BatchOnlineSources(dataLoaders) : null;
        CommonCertificateVerifier verifier = newVerifier(online);
        FormatSupport formats = new FormatSupport(options, verifier, options.level().needsTimestamp() ? tspSource : null,
                key, signingDate, resources);
        listener.progress(ProgressListener.Phase.PREPARING, 0, units.size());
        // reading and digesting documents only computes: one document per core at a time
        List<PreparedSignature> prepared = BatchExecutor.map(units, BatchExecutor.cpuBound(threads), formats::prepare,
                done -> listener.progress(ProgressListener.Phase.PREPARING, done, units.size()));
        return new Batch(prepared, verifier, signingDate, online);
    }

    private CommonCertificateVerifier newVerifier(BatchOnlineSources online) {
        // 'true': no default AIA source; online sources are added explicitly below unless offline
        CommonCertificateVerifier verifier = new CommonCertificateVerifier(true);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trustAnchors.forEach(a -> trusted.addCertificate(new CertificateToken(a)));
        verifier.setTrustedCertSources(trusted);
        CommonCertificateSource adjunct = new CommonCertificateSource();
        if (key.getCertificateChain() != null) {
            for (CertificateToken c : key.getCertificateChain()) {
                adjunct.addCertificate(c);
            }
        }
        verifier.setAdjunctCertSources(adjunct);
        if (online != null) {
            verifier.setAIASource(online.aia());
        }
        // the revocation sources are set in injectValidationData, once signHash has returned its OCSP
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
        return verifier;
    }

    private SigningResult finish(Batch batch, SignatureOptions options, ProgressListener listener) {
        List<PreparedSignature> prepared = batch.prepared;
        SignatureAlgorithm algorithm = prepared.get(0).signatureAlgorithm();
        DigestAlgorithm digestAlgorithm = algorithm.getDigestAlgorithm();
        List<Digest> digests = new ArrayList<>(prepared.size());
        for (PreparedSignature p : prepared) {
            if (p.signatureAlgorithm() != algorithm) {
                throw new SigningException("internal: signature algorithms differ within a batch");
            }
            digests.add(new Digest(digestAlgorithm, DSSUtils.digest(digestAlgorithm, p.toBeSigned().getBytes())));
        }

        listener.progress(ProgressListener.Phase.SIGNING, 0, prepared.size());
        SignedBatch signed = signDigests(digests, algorithm);
        listener.progress(ProgressListener.Phase.SIGNING, prepared.size(), prepared.size());

        injectValidationData(batch.verifier, batch.online, signed.validationData().plus(extraValidationData));

        // timestamps, revocation data and LT augmentation wait on the network: several documents at a time,
        // sharing the batch's verifier (DSS only reads it; the sources it holds are safe to share)
        List<Integer> indexes = java.util.stream.IntStream.range(0, prepared.size()).boxed().toList();
        listener.progress(ProgressListener.Phase.FINISHING, 0, prepared.size());
        List<DSSDocument> outputs = BatchExecutor.map(indexes, threads,
                i -> finishOne(prepared.get(i), signed.signatureValues().get(i)),
                done -> listener.progress(ProgressListener.Phase.FINISHING, done, prepared.size()));

        if (selfValidation) {
            listener.progress(ProgressListener.Phase.VALIDATING, 0, prepared.size());
        }
        List<SignedDocument> result = BatchExecutor.map(indexes, selfValidation ? threads : 1, i -> {
            PreparedSignature p = prepared.get(i);
            String expected = p.expectedLevel().toString();
            String reported = selfValidation ? selfValidate(p, outputs.get(i), expected, batch.signingDate) : expected;
            return new SignedDocument(p.outputName(), outputs.get(i),
                    p.inputs().stream().map(FormatSupport::nameOf).toList(), reported, options.level(), selfValidation);
        }, done -> {
            if (selfValidation) {
                listener.progress(ProgressListener.Phase.VALIDATING, done, prepared.size());
            }
        });
        LOG.debug("signed {} output(s) as {} with {} signHash call(s)", result.size(), options, signed.signHashCalls());
        return new SigningResult(result, signed.signHashCalls());
    }

    private SignedBatch signDigests(List<Digest> digests, SignatureAlgorithm algorithm) {
        SignedBatch batch;
        try {
            if (token instanceof BatchSignatureToken batchToken) {
                batch = batchToken.signDigests(digests, algorithm, key);
            } else {
                List<SignatureValue> values = new ArrayList<>(digests.size());
                for (Digest digest : digests) {
                    values.add(token.signDigest(digest, algorithm, key));
                }
                batch = new SignedBatch(values, ValidationData.EMPTY, 0);
            }
        } catch (CredentialUnusableException e) {
            String message = "the signing service refused the credential: " + e.getMessage();
            throw e.isRevoked() ? new CertificateRevokedException(message, e)
                    : new CertificateStatusException(message, e);
        } catch (RuntimeException e) {
            throw new RemoteServiceException("the signing service failed to sign " + digests.size()
                    + " digest(s): " + rootMessage(e), e);
        }
        if (batch.signatureValues().size() != digests.size()) {
            throw new RemoteServiceException("the token returned " + batch.signatureValues().size()
                    + " signature value(s) for " + digests.size() + " digest(s)", null);
        }
        return batch;
    }

    private void injectValidationData(CommonCertificateVerifier verifier, BatchOnlineSources online, ValidationData data) {
        List<BasicOCSPResp> ocsp = OcspResponses.parse(data.ocspResponses());
        CertificateToken leaf = key.getCertificate();
        CertificateToken issuer = issuerOf(leaf, data);
        if (issuer == null) {
            if (!ocsp.isEmpty()) {
                LOG.warn("the issuer of the signing certificate is unknown: the OCSP returned by the signing service"
                        + " cannot be checked here (DSS still checks it for LT/LTA)");
            }
        } else if (!OcspResponses.checkGood(ocsp, leaf, issuer) && !ocsp.isEmpty()) {
            LOG.warn("the OCSP response(s) returned by the signing service are not about the signing certificate");
        }
        CommonCertificateSource extra = new CommonCertificateSource();
        for (byte[] der : data.certificates()) {
            extra.addCertificate(DSSUtils.loadCertificate(der));
        }
        verifier.addAdjunctCertSources(extra);

        Map<String, RevocationSource<OCSP>> ocspSources = new LinkedHashMap<>();
        ocspSources.put("signHash validation data", new InjectedOcspSource(ocsp));
        Map<String, RevocationSource<CRL>> crlSources = new LinkedHashMap<>();
        crlSources.put("signHash validation data", new InjectedCrlSource(data.crls()));
        if (online != null) {
            if (online.ocsp() != null) {
                ocspSources.put("online OCSP", online.ocsp());
            }
            if (online.crl() != null) {
                crlSources.put("online CRL", online.crl());
            }
        }
        CompositeRevocationSource<OCSP> ocspComposite = new CompositeRevocationSource<>();
        ocspComposite.setSources(ocspSources);
        CompositeRevocationSource<CRL> crlComposite = new CompositeRevocationSource<>();
        crlComposite.setSources(crlSources);
        verifier.setOcspSource(ocspComposite);
        verifier.setCrlSource(crlComposite);
    }

    private CertificateToken issuerOf(CertificateToken leaf, ValidationData data) {
        List<CertificateToken> candidates = new ArrayList<>(key.getCertificateChain() == null
                ? List.of() : List.of(key.getCertificateChain()));
        for (byte[] der : data.certificates()) {
            candidates.add(DSSUtils.loadCertificate(der));
        }
        trustAnchors.forEach(a -> candidates.add(new CertificateToken(a)));
        for (CertificateToken c : candidates) {
            if (!c.equals(leaf) && leaf.isSignedBy(c)) {
                return c;
            }
        }
        return null;
    }

    private DSSDocument finishOne(PreparedSignature p, SignatureValue value) {
        try {
            return p.finish(value);
        } catch (AlertException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("Revoked")) {
                throw new CertificateRevokedException(p.outputName() + ": a certificate of the chain is revoked: "
                        + firstLine(message), e);
            }
            if (message.contains("evocation data is missing")) {
                throw new MissingRevocationDataException(p.outputName() + ": " + firstLine(message)
                        + (!dataLoaders.fetches() ? " In offline mode, give the CA's and the TSA's CRL/OCSP through"
                                + " extraValidationData(...)." : ""), e);
            }
            throw new SigningException(p.outputName() + ": DSS refused to finish the signature: " + firstLine(message), e);
        } catch (RuntimeException e) {
            throw new SigningException(p.outputName() + ": finishing the signature failed: " + rootMessage(e), e);
        }
    }

    private String selfValidate(PreparedSignature p, DSSDocument output, String expected, Date signingDate) {
        List<DSSDocument> detached = p.detached() ? p.inputs() : List.of();
        List<SignatureVerdict> verdicts;
        try {
            // LT/LTA must carry all their validation data: validating them offline proves it, and does
            // not ask the OCSP responder again about the certificate signHash already answered for
            SelfValidator validator = expected.endsWith("-LT") || expected.endsWith("-LTA")
                    ? offlineValidator : onlineValidator;
            verdicts = validator.validate(output, detached);
        } catch (IllegalArgumentException e) {
            throw new SelfValidationException(p.outputName(), null, expected, null, null, e.getMessage());
        }
        if (verdicts.isEmpty()) {
            throw new SelfValidationException(p.outputName(), null, expected, null, null, "no signature found");
        }
        List<SignatureVerdict> ours = verdicts.stream()
                .filter(s -> signingDate.toInstant().equals(s.signingTime()))
                .toList();
        if (ours.isEmpty()) {
            ours = verdicts;
        }
        for (SignatureVerdict s : ours) {
            if (!s.passed() || !expected.equals(s.format())) {
                throw new SelfValidationException(p.outputName(), s.format(), expected, s.indication(),
                        s.subIndication(), String.join("; ", s.errors().stream().limit(3).toList()));
            }
        }
        return ours.get(0).format();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(firstLine(String.valueOf(e.getMessage())));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append(" (").append(firstLine(t.getMessage())).append(')');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Builder of {@link DocumentSigner}; not thread-safe. */
    public static final class Builder {
        private SignatureTokenConnection token;
        private DSSPrivateKeyEntry key;
        private String credentialId;
        private Predicate<DSSPrivateKeyEntry> keySelector;
        private URI tsaUrl;
        private TSPSource tspSource;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private DataLoaders dataLoaders;
        private SelfValidatorFactory selfValidatorFactory;
        private boolean selfValidation = true;
        private Clock clock = Clock.systemUTC();
        private ValidationData extraValidationData = ValidationData.EMPTY;
        private int threads = BatchExecutor.defaultParallelism();

        private Builder() {
        }

        /**
         * @param threads how many documents of a batch are worked on at the same time in the steps that wait
         *        on the network (timestamps, revocation data, LT/LTA augmentation, self-validation); steps that
         *        only compute (reading and digesting documents) use at most one per core. Default: four per
         *        core, at least four. 1 works through the batch one document after another. Outputs keep the
         *        input order whatever the value
         * @return this
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** @param token the DSS token holding the key (a {@link BatchSignatureToken} signs batches in few calls) @return this */
        public Builder token(SignatureTokenConnection token) {
            this.token = token;
            return this;
        }

        /** @param key the key entry to sign with, from {@code token.getKeys()} @return this */
        public Builder key(DSSPrivateKeyEntry key) {
            this.key = key;
            return this;
        }

        /**
         * @param credentialId the CSC credential ID (or key store alias) of the key to sign with;
         *        without key, credentialId or keySelector the token's first key is used
         * @return this
         */
        public Builder credentialId(String credentialId) {
            this.credentialId = credentialId;
            return this;
        }

        /** @param selector picks the key among {@code token.getKeys()} @return this */
        public Builder keySelector(Predicate<DSSPrivateKeyEntry> selector) {
            this.keySelector = selector;
            return this;
        }

        /**
         * @param tsaUrl an RFC 3161 TSA, needed for T, LT, LTA; called through the TSA loader of the
         *        {@link #dataLoaders(DataLoaders) data loaders} (DSS {@code OnlineTSPSource})
         * @return this
         */
        public Builder tsa(URI tsaUrl) {
            this.tsaUrl = tsaUrl;
            this.tspSource = null;
            return this;
        }

        /** @param tspSource any DSS TSP source, needed for T, LT, LTA @return this */
        public Builder tsa(TSPSource tspSource) {
            this.tsaUrl = null;
            this.tspSource = tspSource;
            return this;
        }

        /** @param anchor a trusted root (the chain of the signer, and of the TSA, must end in one) @return this */
        public Builder trustAnchor(X509Certificate anchor) {
            this.trustAnchors.add(Objects.requireNonNull(anchor, "trustAnchor"));
            return this;
        }

        /** @param anchors trusted roots @return this */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            anchors.forEach(this::trustAnchor);
            return this;
        }

        /**
         * @param pemOrDer a file with one or more PEM certificates, or one DER certificate
         * @return this
         * @throws IllegalArgumentException naming the file when it cannot be read as certificates
         */
        public Builder trustAnchorFile(Path pemOrDer) {
            return trustAnchors(TrustAnchors.fromFile(pemOrDer));
        }

        /**
         * @param keyStore a PKCS#12 or JKS key store whose certificates are all trusted
         * @param type {@code PKCS12} or {@code JKS}
         * @param password the key store password, or null (not kept)
         * @return this
         * @throws IllegalArgumentException starting with {@code trustStore: } when the store cannot be opened
         */
        public Builder trustStore(Path keyStore, String type, char[] password) {
            return trustAnchors(TrustAnchors.fromKeyStore(keyStore, type, password));
        }

        /**
         * @param offline true: no network fetching at all (no OCSP, CRL or AIA requests; the TSA, when
         *        configured, is still called): only the validation data returned by signHash and
         *        {@link #extraValidationData} are used, and self-validation runs offline. A shortcut for
         *        {@link #dataLoaders(DataLoaders) dataLoaders(DataLoaders.of(!offline))}; the later call wins
         * @return this
         */
        public Builder offline(boolean offline) {
            this.dataLoaders = DataLoaders.of(!offline);
            return this;
        }

        /**
         * @param dataLoaders every DSS network access of this signer and its self-validation: OCSP, CRL and
         *        AIA fetching for the CA and TSA certificates, and the TSA given to {@link #tsa(URI)}. Default
         *        {@link DataLoaders#online()}; replace or wrap the loaders to add deadlines, caps or caches
         * @return this
         * @throws NullPointerException when {@code dataLoaders} is null
         */
        public Builder dataLoaders(DataLoaders dataLoaders) {
            this.dataLoaders = Objects.requireNonNull(dataLoaders, "dataLoaders");
            return this;
        }

        /**
         * @param factory makes the validators of the self-validation; default: the one installed on the
         *        class path ({@link SelfValidatorFactory#installed()}, i.e. the {@code validator} module)
         * @return this
         * @throws NullPointerException when {@code factory} is null
         */
        public Builder selfValidator(SelfValidatorFactory factory) {
            this.selfValidatorFactory = Objects.requireNonNull(factory, "selfValidator");
            return this;
        }

        /**
         * @param selfValidation validate every output with DSS before returning it (default true): it must be
         *        TOTAL_PASSED at the requested level against the trust anchors. LT and LTA outputs are
         *        validated offline (they must carry all their validation data), B and T online unless
         *        {@link #offline(boolean) offline}
         * @return this
         */
        public Builder selfValidation(boolean selfValidation) {
            this.selfValidation = selfValidation;
            return this;
        }

        /** @param clock the source of the signing time (default system UTC) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param data OCSP responses (DER OCSPResponse), CRLs and certificates to use besides what signHash
         *        returns, e.g. the CA's and TSA's CRLs for LT signatures in offline mode
         * @return this
         */
        public Builder extraValidationData(ValidationData data) {
            this.extraValidationData = data == null ? ValidationData.EMPTY : data;
            return this;
        }

        /**
         * Resolves the key (one {@code getKeys()} call on the token, i.e. {@code credentials/list} or
         * {@code credentials/info} for a CSC token) and checks the configuration.
         *
         * @return the signer
         * @throws IllegalArgumentException naming the field when the configuration is incomplete
         * @throws RemoteServiceException when the token cannot list its keys
         */
        public DocumentSigner build() {
            if (token == null) {
                throw new IllegalArgumentException("token is required");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock is required");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads: at least 1, was " + threads);
            }
            if (selfValidation && trustAnchors.isEmpty()) {
                throw new IllegalArgumentException("trustAnchors: self-validation needs at least one trust anchor"
                        + " (or turn selfValidation off)");
            }
            int choices = (key != null ? 1 : 0) + (credentialId != null ? 1 : 0) + (keySelector != null ? 1 : 0);
            if (choices > 1) {
                throw new IllegalArgumentException("key, credentialId and keySelector are exclusive: give one");
            }
            if (dataLoaders == null) {
                dataLoaders = DataLoaders.online();
            }
            SelfValidatorFactory validators = selfValidatorFactory;
            if (selfValidation && validators == null) {
                validators = SelfValidatorFactory.installed().orElseThrow(() -> new IllegalArgumentException(
                        "selfValidation: no SelfValidatorFactory on the class path (add the cscsign 'validator'"
                                + " module, give selfValidator(...), or turn selfValidation off)"));
            }
            TSPSource tsp = tspSource;
            if (tsp == null && tsaUrl != null) {
                try {
                    tsp = dataLoaders.tspSource(tsaUrl);
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            DSSPrivateKeyEntry resolved = key != null ? key : resolveKey();
            if (resolved.getCertificate() == null) {
                throw new IllegalArgumentException("key: the key entry has no certificate");
            }
            if (resolved.getCertificateChain() == null || resolved.getCertificateChain().length < 2) {
                LOG.warn("the key entry's chain holds no issuing CA certificate; LT signatures may fail");
            }
            return new DocumentSigner(this, resolved, tsp, validators);
        }

        private DSSPrivateKeyEntry resolveKey() {
            List<DSSPrivateKeyEntry> keys;
            try {
                keys = token.getKeys();
            } catch (RuntimeException e) {
                throw new RemoteServiceException("listing the token's keys failed: " + e.getMessage(), e);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("token: it holds no key");
            }
            Predicate<DSSPrivateKeyEntry> selector = keySelector != null ? keySelector
                    : credentialId != null ? k -> credentialId.equals(idOf(k)) : k -> true;
            return keys.stream().filter(selector).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    credentialId != null ? "credentialId " + credentialId + " is not among the token's keys"
                            : "keySelector matches none of the token's keys"));
        }
    }

    /**
     * The identifier of a key entry: the CSC credential ID of a {@link CscKeyEntry}, the alias of a key
     * store entry.
     *
     * @param entry a key entry
     * @return its identifier, or null
     */
    static String idOf(DSSPrivateKeyEntry entry) {
        if (entry instanceof CscKeyEntry csc) {
            return csc.credentialId().value();
        }
        if (entry instanceof KSPrivateKeyEntry ks) {
            return ks.getAlias();
        }
        return null;
    }

    @Override
    public String toString() {
        return "DocumentSigner[key=" + key.getCertificate().getSubject().getRFC2253() + ", tsa="
                + (tsaUrl != null ? tsaUrl : tspSource != null ? tspSource.getClass().getSimpleName() : "none")
                + ", trustAnchors=" + trustAnchors.size() + ", dataLoaders=" + dataLoaders + ", selfValidation="
                + selfValidation + "]";
    }
}
