package org.cscsign.signer.internal;

import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.asic.cades.ASiCWithCAdESSignatureParameters;
import eu.europa.esig.dss.asic.cades.signature.ASiCWithCAdESService;
import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.CommitmentType;
import eu.europa.esig.dss.enumerations.ImageScaling;
import eu.europa.esig.dss.enumerations.SigDMechanism;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.jades.JAdESSignatureParameters;
import eu.europa.esig.dss.jades.signature.JAdESService;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.DSSFileFont;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.signature.DocumentSignatureService;
import eu.europa.esig.dss.signature.MultipleDocumentsSignatureService;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import eu.europa.esig.dss.xml.utils.DomUtils;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.cscsign.signer.BadDocumentException;
import org.cscsign.signer.CertificateStatusException;
import org.cscsign.signer.Packaging;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.VisibleSignature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Maps {@link SignatureOptions} to the DSS service and parameters of each format, and names outputs.
 * One instance per batch: it holds the verifier and TSA source the DSS services use.
 */
public final class FormatSupport {

    /** PAdES reserves this much for the CMS when a timestamp is embedded in it (DSS default is 9472). */
    private static final int PADES_CONTENT_SIZE_WITH_TIMESTAMP = 9472 * 2;

    private final SignatureOptions options;
    private final CertificateVerifier verifier;
    private final TSPSource tspSource;
    private final DSSPrivateKeyEntry key;
    private final Date signingDate;
    private final TempFileResources resources;

    /**
     * @param options what to make
     * @param verifier the DSS certificate verifier of the batch
     * @param tspSource the TSA, may be null for level B
     * @param key the signing key entry (certificate and chain)
     * @param signingDate the one signing time of the batch
     */
    public FormatSupport(SignatureOptions options, CertificateVerifier verifier, TSPSource tspSource,
            DSSPrivateKeyEntry key, Date signingDate) {
        this(options, verifier, tspSource, key, signingDate, null);
    }

    /**
     * @param options what to make
     * @param verifier the DSS certificate verifier of the batch
     * @param tspSource the TSA, may be null for level B
     * @param key the signing key entry (certificate and chain)
     * @param signingDate the one signing time of the batch
     * @param resources where DSS keeps documents while it works (temporary files), or null for memory
     */
    public FormatSupport(SignatureOptions options, CertificateVerifier verifier, TSPSource tspSource,
            DSSPrivateKeyEntry key, Date signingDate, TempFileResources resources) {
        this.resources = resources;
        this.options = options;
        this.verifier = verifier;
        this.tspSource = tspSource;
        this.key = key;
        this.signingDate = signingDate;
    }

    /**
     * Checks the inputs, fixes parameters and runs DSS {@code getDataToSign}.
     *
     * @param inputs one document, or all documents of an ASiC-E container
     * @return the prepared signature
     * @throws BadDocumentException when an input cannot be signed in this format
     */
    public PreparedSignature prepare(List<DSSDocument> inputs) {
        DSSDocument first = inputs.get(0);
        String name = nameOf(first);
        return switch (options.format()) {
            case PADES -> pades(first, name);
            case CADES -> cades(first, name);
            case XADES -> xades(first, name);
            case JADES -> jades(first, name);
            case ASIC_E -> options.asicContent() == SignatureFormat.CADES ? asicCades(inputs, name) : asicXades(inputs, name);
        };
    }

    private PreparedSignature pades(DSSDocument doc, String name) {
        if (!startsWithPdfHeader(doc)) {
            throw new BadDocumentException(name, "not a PDF document (no %PDF- header), cannot make a PAdES signature", null);
        }
        PAdESSignatureParameters p = new PAdESSignatureParameters();
        common(p, level("PAdES"));
        options.reason().ifPresent(p::setReason);
        options.location().ifPresent(p::setLocation);
        options.contactInfo().ifPresent(p::setContactInfo);
        if (options.level().needsTimestamp()) {
            p.setContentSize(PADES_CONTENT_SIZE_WITH_TIMESTAMP);
        }
        SignatureImageParameters image = new SignatureImageParameters();
        SignatureFieldParameters field = new SignatureFieldParameters();
        options.signatureFieldName().ifPresent(field::setFieldId);
        options.visibleSignature().ifPresent(v -> appearance(v, placement(v, doc, name), image, field));
        image.setFieldParameters(field);
        p.setImageParameters(image);
        PAdESService service = new PAdESService(verifier);
        service.setTspSource(tspSource);
        if (resources != null) {
            service.setPdfObjFactory(resources.pdfObjFactory());
        }
        DSSDocument toSign = doc;
        if (options.signatureFieldName().isPresent()) {
            toSign = withField(service, doc, name, field);
        }
        return single(service, toSign, p, OutputNames.of(name, SignatureFormat.PADES, null));
    }

    /** DSS signs only into existing fields: a named field that is missing is added first (empty). */
    private static DSSDocument withField(PAdESService service, DSSDocument doc, String name, SignatureFieldParameters field) {
        try {
            if (service.getAvailableSignatureFields(doc).contains(field.getFieldId())) {
                return doc;
            }
            DSSDocument withField = service.addNewSignatureField(doc, field);
            withField.setName(name);
            return withField;
        } catch (RuntimeException e) {
            throw new BadDocumentException(name, "cannot add signature field '" + field.getFieldId() + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Where the appearance goes in this document: {@link VisibleSignature#LAST_PAGE} becomes its last page and a
     * box measured from the bottom gets its top edge on that page's height, so one appearance fits every document
     * of a batch; a page the document does not have is a bad document, found before anything is spent.
     *
     * @return the 1-based page and the top edge, points from the top of the page
     */
    private static Placement placement(VisibleSignature v, DSSDocument doc, String name) {
        int pages;
        float pageHeight;
        int page = v.page();
        try (PDDocument pdf = doc instanceof FileDocument file
                ? Loader.loadPDF(new RandomAccessReadBufferedFile(file.getFile()), "", null, null,
                        IOUtils.createTempFileOnlyStreamCache())
                : Loader.loadPDF(doc.openStream().readAllBytes())) {
            pages = pdf.getNumberOfPages();
            if (page == VisibleSignature.LAST_PAGE) {
                page = pages;
            }
            if (page < 1 || page > pages) {
                throw new BadDocumentException(name, "has " + pages + " page(s); the visible signature is to go on "
                        + "page " + v.page(), null);
            }
            pageHeight = pdf.getPage(page - 1).getMediaBox().getHeight();
        } catch (IOException e) {
            throw new BadDocumentException(name, "cannot read its pages to place the visible signature: "
                    + e.getMessage(), e);
        }
        float top = v.fromBottom() ? Math.max(0, pageHeight - v.y() - v.height()) : v.y();
        return new Placement(page, top);
    }

    /** Where an appearance goes in one document: 1-based page, top edge in points from the top of that page. */
    private record Placement(int page, float top) {
    }

    private void appearance(VisibleSignature v, Placement placement, SignatureImageParameters image,
            SignatureFieldParameters field) {
        field.setPage(placement.page());
        field.setOriginX(v.x());
        field.setOriginY(placement.top());
        field.setWidth(v.width());
        field.setHeight(v.height());
        if (v.signerDetails()) {
            List<String> lines = SignerBox.lines(key.getCertificate(), signingDate,
                    options.reason().orElse(null), options.location().orElse(null));
            image.setImage(new InMemoryDocument(SignerBox.png(lines, v.image(), v.width(), v.height()), "signer-box.png"));
            image.setImageScaling(ImageScaling.STRETCH);
            return;
        }
        v.imageBytes().ifPresent(bytes -> image.setImage(new InMemoryDocument(bytes, "signature-image")));
        if (v.text() != null && !v.text().isBlank()) {
            SignatureImageTextParameters text = new SignatureImageTextParameters();
            text.setText(v.text());
            text.setFont(DSSFileFont.initializeDefault());
            image.setTextParameters(text);
        }
    }

    private PreparedSignature cades(DSSDocument doc, String name) {
        CAdESSignatureParameters p = new CAdESSignatureParameters();
        common(p, level("CAdES"));
        Packaging packaging = options.packagingFor(false).orElseThrow();
        CAdESService service = new CAdESService(verifier);
        service.setTspSource(tspSource);
        String outputName = OutputNames.of(name, SignatureFormat.CADES, packaging);
        if (packaging == Packaging.ENVELOPING && resources != null && doc instanceof FileDocument file
                && !EnvelopingCms.isSignedData(file.getFile().toPath())) {
            // DSS builds an enveloping CMS in memory (dss-cms-object; the streaming dss-cms-stream is not on Maven
            // Central): sign and extend it detached, which digests the file by streaming, then write the enveloping
            // form with the file streamed in; both forms carry the same signer info (see EnvelopingCms). A CMS input
            // stays with DSS, which adds a parallel signature to it
            p.setSignaturePackaging(SignaturePackaging.DETACHED);
            ToBeSigned tbs = dataToSign(name, () -> service.getDataToSign(doc, p));
            Path content = file.getFile().toPath();
            return new Prepared(List.of(doc), outputName, tbs, p, false,
                    v -> envelop(service.signDocument(doc, p, v), content, name));
        }
        p.setSignaturePackaging(dss(packaging));
        // detached content is digested by streaming the file: no temporary-file resources needed
        return single(service, doc, p, outputName);
    }

    private DSSDocument envelop(DSSDocument detachedCms, Path content, String name) {
        Path out = resources.newFile();
        try (java.io.OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            EnvelopingCms.write(DSSUtils.toByteArray(detachedCms), content, os);
        } catch (IllegalArgumentException e) {
            throw new BadDocumentException(name, e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the enveloping CMS of " + name + ": " + e.getMessage(), e);
        }
        FileDocument enveloping = new FileDocument(out.toFile());
        enveloping.setMimeType(MimeTypeEnum.PKCS7);
        return enveloping;
    }

    private PreparedSignature xades(DSSDocument doc, String name) {
        Packaging packaging = options.packagingFor(looksLikeXml(doc)).orElseThrow();
        if (packaging == Packaging.ENVELOPED) {
            requireXml(doc, name);
        }
        if (packaging == Packaging.DETACHED) {
            requireName(doc);
        } else {
            // DSS holds the content in a DOM: refuse what cannot fit before anything is spent
            MemoryGuard.requireFits(doc, name, MemoryGuard.XADES_IN_MEMORY_FACTOR);
        }
        XAdESSignatureParameters p = new XAdESSignatureParameters();
        common(p, level("XAdES"));
        p.setSignaturePackaging(dss(packaging));
        xadesDetails(p);
        XAdESService service = new XAdESService(verifier);
        service.setTspSource(tspSource);
        return single(service, doc, p, OutputNames.of(name, SignatureFormat.XADES, packaging));
    }

    private void xadesDetails(XAdESSignatureParameters p) {
        options.canonicalization().ifPresent(c -> {
            p.setSignedInfoCanonicalizationMethod(c);
            p.setSignedPropertiesCanonicalizationMethod(c);
        });
        if (!options.signerRoles().isEmpty()) {
            p.bLevel().setClaimedSignerRoles(new ArrayList<>(options.signerRoles()));
        }
        options.commitmentType().ifPresent(c -> p.bLevel().setCommitmentTypeIndications(List.<CommitmentType>of(c)));
    }

    private PreparedSignature jades(DSSDocument doc, String name) {
        Packaging packaging = options.packagingFor(false).orElseThrow();
        JAdESSignatureParameters p = new JAdESSignatureParameters();
        common(p, level("JAdES"));
        p.setSignaturePackaging(dss(packaging));
        p.setJwsSerializationType(options.jadesSerialization());
        if (packaging == Packaging.DETACHED) {
            requireName(doc);
            p.setSigDMechanism(SigDMechanism.OBJECT_ID_BY_URI_HASH);
            // unencoded payload (RFC 7797 "b64": false): the sigD digest is then over the document itself, which DSS
            // digests by streaming; with b64 true it is over the base64url text, which DSS builds in memory
            // (several times the document's size)
            p.setBase64UrlEncodedPayload(false);
        } else {
            // DSS holds the payload in JSON strings: refuse what cannot fit before anything is spent
            MemoryGuard.requireFits(doc, name, MemoryGuard.JADES_IN_MEMORY_FACTOR);
        }
        // a JSON document is signed as a payload without DSS first parsing it whole to see whether it is a JWS
        JAdESService service = new PlainPayloadJAdESService(verifier);
        service.setTspSource(tspSource);
        return single(service, doc, p, OutputNames.of(name, SignatureFormat.JADES, packaging));
    }

    private PreparedSignature asicXades(List<DSSDocument> docs, String name) {
        docs.forEach(FormatSupport::requireName);
        ASiCWithXAdESSignatureParameters p = new ASiCWithXAdESSignatureParameters();
        common(p, level("XAdES"));
        p.aSiC().setContainerType(ASiCContainerType.ASiC_E);
        xadesDetails(p);
        ASiCWithXAdESService service = new ASiCWithXAdESService(verifier);
        service.setTspSource(tspSource);
        return multiple(service, docs, p, OutputNames.of(name, SignatureFormat.ASIC_E, null));
    }

    private PreparedSignature asicCades(List<DSSDocument> docs, String name) {
        docs.forEach(FormatSupport::requireName);
        ASiCWithCAdESSignatureParameters p = new ASiCWithCAdESSignatureParameters();
        common(p, level("CAdES"));
        p.aSiC().setContainerType(ASiCContainerType.ASiC_E);
        ASiCWithCAdESService service = new ASiCWithCAdESService(verifier);
        service.setTspSource(tspSource);
        return multiple(service, docs, p, OutputNames.of(name, SignatureFormat.ASIC_E, null));
    }

    private void common(AbstractSignatureParameters<?> p, SignatureLevel level) {
        p.setSignatureLevel(level);
        p.setDigestAlgorithm(options.digestAlgorithm());
        p.setSigningCertificate(key.getCertificate());
        p.setCertificateChain(List.of(key.getCertificateChain()));
        p.bLevel().setSigningDate(signingDate);
    }

    private SignatureLevel level(String prefix) {
        return SignatureLevel.valueOf(prefix + "_BASELINE_" + options.level().name());
    }

    private static SignaturePackaging dss(Packaging packaging) {
        return switch (packaging) {
            case ENVELOPED -> SignaturePackaging.ENVELOPED;
            case ENVELOPING -> SignaturePackaging.ENVELOPING;
            case DETACHED -> SignaturePackaging.DETACHED;
        };
    }

    private static <P extends AbstractSignatureParameters<?>> PreparedSignature single(
            DocumentSignatureService<P, ?> service, DSSDocument doc, P params, String outputName) {
        ToBeSigned tbs = dataToSign(nameOf(doc), () -> service.getDataToSign(doc, params));
        boolean detached = params.getSignaturePackaging() == SignaturePackaging.DETACHED;
        return new Prepared(List.of(doc), outputName, tbs, params, detached, v -> service.signDocument(doc, params, v));
    }

    private static <P extends AbstractSignatureParameters<?>> PreparedSignature multiple(
            MultipleDocumentsSignatureService<P, ?> service, List<DSSDocument> docs, P params, String outputName) {
        ToBeSigned tbs = dataToSign(nameOf(docs.get(0)), () -> service.getDataToSign(docs, params));
        return new Prepared(List.copyOf(docs), outputName, tbs, params, false, v -> service.signDocument(docs, params, v));
    }

    private static ToBeSigned dataToSign(String name, java.util.function.Supplier<ToBeSigned> call) {
        try {
            return call.get();
        } catch (BadDocumentException e) {
            throw e;
        } catch (eu.europa.esig.dss.alert.exception.AlertException e) {
            // DSS checks the signing certificate here (expired, not yet valid): not the document's fault
            throw new CertificateStatusException(name + ": the signing certificate cannot sign now: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // getDataToSign only reads the document and the parameters: a failure here is the document's
            throw new BadDocumentException(name, "cannot be prepared for signing: " + e.getMessage(), e);
        }
    }

    private record Prepared(List<DSSDocument> inputs, String outputName, ToBeSigned toBeSigned,
            AbstractSignatureParameters<?> params, boolean detached, java.util.function.Function<SignatureValue, DSSDocument> finisher)
            implements PreparedSignature {

        @Override
        public SignatureAlgorithm signatureAlgorithm() {
            return params.getSignatureAlgorithm();
        }

        @Override
        public SignatureLevel expectedLevel() {
            return params.getSignatureLevel();
        }

        @Override
        public DSSDocument finish(SignatureValue value) {
            DSSDocument signed = finisher.apply(value);
            signed.setName(outputName);
            return signed;
        }
    }

    /**
     * @param doc a document
     * @return its name, or "document" when it has none
     */
    public static String nameOf(DSSDocument doc) {
        return doc.getName() == null || doc.getName().isBlank() ? "document" : doc.getName();
    }

    /**
     * @param name a file name
     * @return the name without its last extension ("contract.pdf" → "contract")
     */
    public static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static void requireName(DSSDocument doc) {
        if (doc.getName() == null || doc.getName().isBlank()) {
            throw new BadDocumentException("document", "a detached or container signature needs a document name", null);
        }
    }

    private static void requireXml(DSSDocument doc, String name) {
        // DSS's secure parser settings, with an error handler of our own: the JDK's default one prints
        // a stray "[Fatal Error] ..." line on stderr besides throwing
        try (InputStream in = doc.openStream()) {
            javax.xml.parsers.DocumentBuilder parser = DomUtils.getSecureDocumentBuilderFactory().newDocumentBuilder();
            parser.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            parser.parse(in);
        } catch (org.xml.sax.SAXParseException e) {
            throw new BadDocumentException(name, "not readable XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage() + "), cannot make an enveloped XAdES signature", e);
        } catch (IOException | org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException
                 | RuntimeException e) {
            throw new BadDocumentException(name, "not readable XML, cannot make an enveloped XAdES signature: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] head(DSSDocument doc, int max) {
        try (InputStream in = doc.openStream()) {
            return in.readNBytes(max);
        } catch (IOException | RuntimeException e) {
            throw new BadDocumentException(nameOf(doc), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithPdfHeader(DSSDocument doc) {
        // PDF readers accept the header anywhere in the first 1024 bytes
        return new String(head(doc, 1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
    }

    /**
     * @param doc a document
     * @return true when it is named *.xml or its first non-blank character (after a BOM) is '&lt;'
     */
    public static boolean looksLikeXml(DSSDocument doc) {
        if (doc.getName() != null && doc.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            return true;
        }
        String start = new String(head(doc, 64), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        return start.startsWith("<");
    }
}
