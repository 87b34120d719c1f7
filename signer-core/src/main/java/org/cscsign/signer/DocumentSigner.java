package org.cscsign.signer;

import eu.europa.esig.dss.alert.exception.AlertException;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.SignatureTokenConnection;
import org.cscsign.dss.CscSignException;
import org.cscsign.token.CredentialUnusableException;
import org.cscsign.signer.internal.BatchExecutor;
import org.cscsign.signer.internal.BatchOnlineSources;
import org.cscsign.signer.internal.FormatSupport;
import org.cscsign.signer.internal.OutputNames;
import org.cscsign.signer.internal.MemoryGuard;
import org.cscsign.signer.internal.PreparedSignature;
import org.cscsign.signer.internal.RemoteTspSource;
import org.cscsign.signer.internal.TempFileResources;
import org.cscsign.token.BatchSignatureToken;
import org.cscsign.token.SignedBatch;
import org.cscsign.token.ValidationData;
import org.cscsign.dss.DataLoaders;
import org.cscsign.dss.SelfValidator;
import org.cscsign.dss.SelfValidatorFactory;
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
import java.util.List;
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
    private static final java.time.Duration DEFAULT_REMOTE_CALL_TIMEOUT = java.time.Duration.ofSeconds(120);

    private final SignatureTokenConnection token;
    private final DSSPrivateKeyEntry key;
    private final TSPSource tspSource;
    private final URI tsaUrl;
    private final List<X509Certificate> trustAnchors;
    private final DataLoaders dataLoaders;
    private final boolean selfValidation;
    private final Clock clock;
    private final ValidationData extraValidationData;
    private final int threads;
    private final Preflight preflight;
    private final VerifierSetup verifierSetup;
    private final SelfValidation selfValidator;

    private DocumentSigner(Builder b, DSSPrivateKeyEntry key, TSPSource tspSource, SelfValidatorFactory validators) {
        this.token = b.token;
        this.key = key;
        this.tsaUrl = b.tsaUrl;
        this.tspSource = tspSource == null ? null : new RemoteTspSource(tspSource,
                b.tsaUrl != null ? b.tsaUrl.toString() : tspSource.getClass().getSimpleName());
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.dataLoaders = b.dataLoaders;
        this.selfValidation = b.selfValidation;
        this.clock = b.clock;
        this.extraValidationData = b.extraValidationData;
        this.threads = b.threads;
        this.preflight = new Preflight(key, clock, this.tspSource != null, tsaUrl, !trustAnchors.isEmpty());
        this.verifierSetup = new VerifierSetup(key, trustAnchors, dataLoaders);
        this.selfValidator = selfValidation ? new SelfValidation(validators, trustAnchors, dataLoaders) : null;
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
     * The short path: signs one file into a directory, named as {@link #signFiles} names it (for a PDF as
     * PAdES: {@code NAME-signed.pdf}), never replacing an existing file.
     *
     * @param file the input file
     * @param outputDirectory where to write (created when missing)
     * @param options what signature to make
     * @return the file written
     * @throws OutputException when the target exists or writing fails; nothing is left behind
     * @throws BadDocumentException when the file cannot be read or signed in this format
     * @throws SigningException or another subclass as {@link #sign(List, SignatureOptions, ProgressListener)}
     */
    public Path sign(Path file, Path outputDirectory, SignatureOptions options) {
        Objects.requireNonNull(file, "file");
        return signFiles(List.of(file), outputDirectory, options, false, ProgressListener.NONE).files().get(0).output();
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
        return atBoundary(() -> signUnguarded(documents, options, progress));
    }

    private SigningResult signUnguarded(List<DSSDocument> documents, SignatureOptions options, ProgressListener progress) {
        Objects.requireNonNull(options, "options");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        if (documents == null || documents.isEmpty()) {
            throw new IllegalArgumentException("documents: at least one document is required");
        }
        preflight.check(options);
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
        return atBoundary(() -> signFilesUnguarded(files, outputDirectory, options, overwrite, progress));
    }

    /**
     * The public boundary of the signer: what leaves is a {@link SigningException} (or the library's typed
     * {@link CscSignException} found in the cause chain, e.g. a CSC authorization refusal), never a
     * {@code DSSException} or another JDK exception; only the caller's own argument errors
     * ({@link IllegalArgumentException}, {@link NullPointerException}) pass as they are.
     */
    private static <T> T atBoundary(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (CscSignException | IllegalArgumentException | NullPointerException e) {
            throw e;
        } catch (RuntimeException e) {
            CredentialUnusableException unusable = causeOfType(e, CredentialUnusableException.class);
            if (unusable != null) {
                String message = "the signing service refused the credential: " + unusable.getMessage();
                throw unusable.isRevoked() ? new CertificateRevokedException(message, e)
                        : new CertificateStatusException(message, e);
            }
            CscSignException typed = causeOfType(e, CscSignException.class);
            if (typed != null) {
                throw typed;
            }
            throw new SigningException("signing failed: " + Messages.rootMessage(e), e);
        }
    }

    private WriteResult signFilesUnguarded(List<Path> files, Path outputDirectory, SignatureOptions options,
            boolean overwrite, ProgressListener progress) {
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
        // a refused job leaves no trace, not even the output folder; then the folder is proven writable before
        // anything is spent (signHash, TSA)
        preflight.check(options);
        boolean folderExisted = Files.exists(outputDirectory);
        writer.checkWritable();
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
        } catch (RuntimeException e) {
            if (!folderExisted) {
                removeIfEmpty(outputDirectory); // the writability check made it; a failed batch leaves nothing
            }
            throw e;
        }
        List<WrittenFile> out = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            SignedDocument d = result.documents().get(i);
            List<Path> inputs = options.format() == SignatureFormat.ASIC_E ? files : List.of(files.get(i));
            out.add(new WrittenFile(inputs, written.get(i), d.signatureLevel(), d.level()));
        }
        return new WriteResult(out, result.signHashCalls());
    }

    private static void removeIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // someone else's files: keep the folder
        } catch (java.io.IOException e) {
            LOG.debug("could not remove the empty output folder {}: {}", directory, e.getMessage());
        }
    }

    /**
     * The output name for an input file name, as {@link #signFiles} names it.
     *
     * @param inputName the input file name
     * @param options the signature options
     * @return the output name
     */
    public static String outputNameHint(String inputName, SignatureOptions options) {
        boolean xml = inputName.toLowerCase(java.util.Locale.ROOT).endsWith(".xml");
        Packaging packaging = switch (options.format()) {
            case CADES, JADES -> options.packagingFor(false).orElseThrow();
            case XADES -> options.packagingFor(xml).orElseThrow();
            case PADES, ASIC_E -> null;
        };
        return OutputNames.of(inputName, options.format(), packaging);
    }

    private record Batch(List<PreparedSignature> prepared, CommonCertificateVerifier verifier, Date signingDate,
            BatchOnlineSources online) {
    }

    private Batch prepare(List<List<DSSDocument>> units, SignatureOptions options, ProgressListener listener,
            TempFileResources resources) {
        // one signing time for the whole batch; whole seconds, as the signed attributes carry it
        Date signingDate = Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        // one set of online sources per batch: the CA's and TSA's revocation data are fetched once per batch
        BatchOnlineSources online = verifierSetup.onlineSources();
        CommonCertificateVerifier verifier = verifierSetup.newVerifier(online);
        FormatSupport formats = new FormatSupport(options, verifier, options.level().needsTimestamp() ? tspSource : null,
                key, signingDate, resources);
        listener.progress(ProgressListener.Phase.PREPARING, 0, units.size());
        // reading and digesting documents only computes: one document per core at a time
        List<PreparedSignature> prepared = BatchExecutor.map(units, BatchExecutor.cpuBound(threads),
                unit -> MemoryGuard.perDocument(unit, () -> formats.prepare(unit)),
                done -> listener.progress(ProgressListener.Phase.PREPARING, done, units.size()));
        return new Batch(prepared, verifier, signingDate, online);
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
        SignedBatch signed = DigestSigning.sign(token, key, digests, algorithm);
        listener.progress(ProgressListener.Phase.SIGNING, prepared.size(), prepared.size());

        verifierSetup.injectValidationData(batch.verifier, batch.online, signed.validationData().plus(extraValidationData));

        // timestamps, revocation data and LT augmentation wait on the network: several documents at a time,
        // sharing the batch's verifier (DSS only reads it; the sources it holds are safe to share)
        List<Integer> indexes = java.util.stream.IntStream.range(0, prepared.size()).boxed().toList();
        listener.progress(ProgressListener.Phase.FINISHING, 0, prepared.size());
        List<DSSDocument> outputs = BatchExecutor.map(indexes, threads,
                i -> MemoryGuard.perDocument(prepared.get(i).inputs(),
                        () -> finishOne(prepared.get(i), signed.signatureValues().get(i))),
                done -> listener.progress(ProgressListener.Phase.FINISHING, done, prepared.size()));

        if (selfValidation) {
            listener.progress(ProgressListener.Phase.VALIDATING, 0, prepared.size());
        }
        List<SignedDocument> result = BatchExecutor.map(indexes, selfValidation ? threads : 1, i -> {
            PreparedSignature p = prepared.get(i);
            String reported = selfValidation ? selfValidator.check(p, outputs.get(i), batch.signingDate)
                    : p.expectedLevel().toString();
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

    private DSSDocument finishOne(PreparedSignature p, SignatureValue value) {
        try {
            return p.finish(value);
        } catch (CertificateRevokedException e) {
            // raised by the DSS alerts (DssAlerts): the type says what happened, the name says where
            throw new CertificateRevokedException(p.outputName() + ": " + e.getMessage(), e);
        } catch (MissingRevocationDataException e) {
            throw new MissingRevocationDataException(p.outputName() + ": " + e.getMessage(), e);
        } catch (CertificateStatusException e) {
            throw new CertificateStatusException(p.outputName() + ": " + e.getMessage(), e);
        } catch (RemoteServiceException e) {
            throw new RemoteServiceException(p.outputName() + ": " + e.getMessage(), e);
        } catch (AlertException e) {
            throw new SigningException(p.outputName() + ": DSS refused to finish the signature: "
                    + Messages.firstLine(String.valueOf(e.getMessage())), e);
        } catch (SigningException e) {
            throw new SigningException(p.outputName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            RemoteServiceException remote = causeOfType(e, RemoteServiceException.class);
            if (remote != null) {
                // the TSA failed: a remote service error, not a refusal of this document
                throw new RemoteServiceException(p.outputName() + ": " + remote.getMessage(), e);
            }
            throw new SigningException(p.outputName() + ": finishing the signature failed: " + Messages.rootMessage(e), e);
        }
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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
        private java.time.Duration remoteCallTimeout = DEFAULT_REMOTE_CALL_TIMEOUT;
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

        /**
         * @param token the DSS token holding the key (a {@link BatchSignatureToken} signs batches in few calls)
         * @return this
         */
        public Builder token(SignatureTokenConnection token) {
            this.token = token;
            return this;
        }

        /**
         * @param key the key entry to sign with, from {@code token.getKeys()}
         * @return this
         */
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

        /**
         * @param selector picks the key among {@code token.getKeys()}
         * @return this
         */
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

        /**
         * @param tspSource any DSS TSP source, needed for T, LT, LTA
         * @return this
         */
        public Builder tsa(TSPSource tspSource) {
            this.tsaUrl = null;
            this.tspSource = tspSource;
            return this;
        }

        /**
         * @param anchor a trusted root (the chain of the signer, and of the TSA, must end in one)
         * @return this
         */
        public Builder trustAnchor(X509Certificate anchor) {
            this.trustAnchors.add(Objects.requireNonNull(anchor, "trustAnchor"));
            return this;
        }

        /**
         * @param anchors trusted roots
         * @return this
         */
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
         * @param timeout the deadline of each call to the TSA and to OCSP, CRL and AIA servers, answer included
         *        (default 120 s); their answers are also capped at 16 MiB. Exceeding either is a
         *        {@link RemoteServiceException} (TSA) or missing revocation data
         * @return this
         * @throws IllegalArgumentException when the timeout is not positive
         */
        public Builder remoteCallTimeout(java.time.Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("remoteCallTimeout must be positive");
            }
            this.remoteCallTimeout = timeout;
            return this;
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

        /**
         * @param clock the source of the signing time (default system UTC)
         * @return this
         */
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
            // every loader (TSA, OCSP, CRL, AIA) gets the deadline and the size cap
            dataLoaders = dataLoaders.bounded(remoteCallTimeout, DataLoaders.DEFAULT_MAX_RESPONSE_BYTES);
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
            DSSPrivateKeyEntry resolved = key != null ? key : KeyChoice.resolve(token, credentialId, keySelector);
            if (resolved.getCertificate() == null) {
                throw new IllegalArgumentException("key: the key entry has no certificate");
            }
            if (resolved.getCertificateChain() == null || resolved.getCertificateChain().length < 2) {
                LOG.warn("the key entry's chain holds no issuing CA certificate; LT signatures may fail");
            }
            return new DocumentSigner(this, resolved, tsp, validators);
        }

    }

    @Override
    public String toString() {
        return "DocumentSigner[key=" + key.getCertificate().getSubject().getRFC2253() + ", tsa="
                + (tsaUrl != null ? tsaUrl : tspSource != null ? tspSource.getClass().getSimpleName() : "none")
                + ", trustAnchors=" + trustAnchors.size() + ", dataLoaders=" + dataLoaders + ", selfValidation="
                + selfValidation + "]";
    }
}
