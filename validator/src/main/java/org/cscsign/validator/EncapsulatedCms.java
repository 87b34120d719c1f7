package org.cscsign.validator;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetStringParser;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1SetParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.ContentInfoParser;
import org.bouncycastle.asn1.cms.SignedDataParser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An enveloping CMS SignedData split by streaming into its content (a temporary file) and the same SignedData
 * without the content (small, in memory). DSS reads a CMS whole into memory; validating the detached form with
 * the content file as detached content gives the same verdict for the same signatures (the signed attributes,
 * the signature value, the timestamps over it and the archive timestamp v3 imprint do not depend on where the
 * content is carried) while memory stays independent of the content's size. {@link #close()} deletes the file.
 *
 * @param detachedCms the ContentInfo with the SignedData as it was, without {@code eContent}
 * @param content the temporary file holding the {@code eContent} octets
 */
record EncapsulatedCms(byte[] detachedCms, Path content) implements AutoCloseable {

    /**
     * @param file a file that may be an enveloping CMS SignedData
     * @return true when it starts as a ContentInfo holding a SignedData that carries its content (only the
     *         beginning is read)
     */
    static boolean isEnveloping(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            return encapsulated(in, Files.size(file)) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @param file a file that may be an enveloping CMS SignedData
     * @param tmpDir where the content file goes
     * @return the split form, or empty when the file is not an enveloping SignedData (DSS then judges it as it is)
     * @throws IOException when the content cannot be copied to the temporary file
     */
    static Optional<EncapsulatedCms> split(Path file, Path tmpDir) throws IOException {
        Path content = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            Parts parts = encapsulated(in, Files.size(file));
            if (parts == null) {
                return Optional.empty();
            }
            try {
                content = Files.createTempFile(tmpDir, "cscsign-content-", ".tmp");
            } catch (IOException e) {
                throw new TempFileException(e);
            }
            try (OutputStream out = Files.newOutputStream(content)) {
                copy(parts.octets().getOctetStream(), out);
            }
            // the parser reads on only once the content has been consumed
            SignedDataParser signedData = parts.signedData();
            ASN1EncodableVector fields = new ASN1EncodableVector();
            fields.add(parts.version());
            fields.add(parts.digestAlgorithms());
            fields.add(new DLSequence(parts.contentType()));
            ASN1SetParser certificates = signedData.getCertificates();
            if (certificates != null) {
                fields.add(new DLTaggedObject(false, 0, certificates.toASN1Primitive()));
            }
            ASN1SetParser crls = signedData.getCrls();
            if (crls != null) {
                fields.add(new DLTaggedObject(false, 1, crls.toASN1Primitive()));
            }
            fields.add(signedData.getSignerInfos().toASN1Primitive());
            byte[] detached = new ContentInfo(CMSObjectIdentifiers.signedData, new DLSequence(fields))
                    .getEncoded(ASN1Encoding.DL);
            Path done = content;
            content = null;
            return Optional.of(new EncapsulatedCms(detached, done));
        } catch (IOException | RuntimeException e) {
            if (e instanceof TempFileException t) {
                throw t.getCause();
            }
            // not (or not entirely) a readable SignedData: DSS says what it is
            return Optional.empty();
        } finally {
            if (content != null) {
                Files.deleteIfExists(content);
            }
        }
    }

    /** A write to the temporary file failed (disk full...): unlike a parse failure, worth reporting. */
    private static final class TempFileException extends IOException {
        TempFileException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw new TempFileException(e);
            }
        }
    }

    private record Parts(SignedDataParser signedData, ASN1Integer version, ASN1Set digestAlgorithms,
            ASN1ObjectIdentifier contentType, ASN1OctetStringParser octets) {
    }

    /** @return the SignedData read up to its content, or null when it is not an enveloping SignedData */
    private static Parts encapsulated(InputStream in, long fileSize) throws IOException {
        // the limit: lengths up to the file's size are plausible (by default BouncyCastle allows the heap's size)
        ASN1Encodable first = new ASN1StreamParser(in, (int) Math.min(fileSize, Integer.MAX_VALUE)).readObject();
        if (!(first instanceof ASN1SequenceParser sequence)) {
            return null;
        }
        ContentInfoParser info = new ContentInfoParser(sequence);
        if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
            return null;
        }
        SignedDataParser signedData = SignedDataParser.getInstance(info.getContent(BERTags.SEQUENCE));
        ASN1Integer version = signedData.getVersion();
        ASN1Set digestAlgorithms = ASN1Set.getInstance(signedData.getDigestAlgorithms().toASN1Primitive());
        ContentInfoParser encapsulated = signedData.getEncapContentInfo();
        ASN1ObjectIdentifier contentType = encapsulated.getContentType();
        ASN1Encodable content = encapsulated.getContent(BERTags.OCTET_STRING);
        if (!(content instanceof ASN1OctetStringParser octets)) {
            return null;
        }
        return new Parts(signedData, version, digestAlgorithms, contentType, octets);
    }

    /** Deletes the content file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(content);
        } catch (IOException e) {
            content.toFile().deleteOnExit();
        }
    }
}
