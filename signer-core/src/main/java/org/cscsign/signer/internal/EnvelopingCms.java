package org.cscsign.signer.internal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Turns a detached CMS SignedData and the file it signs into the enveloping SignedData, streaming the file.
 *
 * <p>Why this is enough: an encapsulated SignedData differs from the detached one only by the {@code eContent}.
 * The signed attributes (content type id-data, message digest over the content) and therefore the signature
 * value, the signature timestamp over that value, the certificates and revocation values of LT, and the
 * archive timestamp v3 of LTA (whose imprint covers the content, not how it is carried) are the same. So DSS
 * signs and extends in detached mode, reading the input file by streaming, and this class writes the
 * enveloping form: every part of the detached SignedData as it is, with the file copied in as the
 * {@code eContent}. All lengths are known beforehand, so the output is definite-length (DER when the detached
 * CMS is DER) and nothing of the content is held in memory.
 */
public final class EnvelopingCms {

    private static final int TAG_SEQUENCE = 0x30;
    private static final int TAG_OCTET_STRING = 0x04;
    private static final int TAG_EXPLICIT_0 = 0xA0;

    private EnvelopingCms() {
    }

    /**
     * Writes the enveloping SignedData.
     *
     * @param detachedCms a DER/DL encoded ContentInfo holding a SignedData without {@code eContent}
     * @param content the signed content: the file the detached signature covers
     * @param out where the enveloping ContentInfo goes (not closed)
     * @throws IOException when the content cannot be read or the output not written
     * @throws IllegalArgumentException when {@code detachedCms} is not a detached SignedData, or the content is not
     *         what its signers' message-digest attribute says (the file changed after it was signed)
     */
    public static void write(byte[] detachedCms, Path content, OutputStream out) throws IOException {
        ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(detachedCms));
        if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
            throw new IllegalArgumentException("not a CMS SignedData");
        }
        SignedData signedData = SignedData.getInstance(info.getContent());
        if (signedData.getEncapContentInfo().getContent() != null) {
            throw new IllegalArgumentException("the SignedData already holds its content");
        }
        // DL: definite lengths, SET elements kept in the order DSS wrote them (DER for a DER input)
        byte[] version = dl(signedData.getVersion());
        byte[] digestAlgorithms = dl(signedData.getDigestAlgorithms());
        byte[] contentType = dl(signedData.getEncapContentInfo().getContentType());
        byte[] certificates = signedData.getCertificates() == null ? new byte[0]
                : dl(new DLTaggedObject(false, 0, signedData.getCertificates()));
        byte[] crls = signedData.getCRLs() == null ? new byte[0] : dl(new DLTaggedObject(false, 1, signedData.getCRLs()));
        byte[] signerInfos = dl(signedData.getSignerInfos());

        long contentLength = Files.size(content);
        byte[] octetHeader = header(TAG_OCTET_STRING, contentLength);
        byte[] explicitHeader = header(TAG_EXPLICIT_0, octetHeader.length + contentLength);
        long encapLength = contentType.length + explicitHeader.length + octetHeader.length + contentLength;
        byte[] encapHeader = header(TAG_SEQUENCE, encapLength);
        long signedDataLength = version.length + digestAlgorithms.length + encapHeader.length + encapLength
                + certificates.length + crls.length + signerInfos.length;
        byte[] signedDataHeader = header(TAG_SEQUENCE, signedDataLength);
        byte[] contentExplicitHeader = header(TAG_EXPLICIT_0, signedDataHeader.length + signedDataLength);
        byte[] signedDataOid = dl(CMSObjectIdentifiers.signedData);
        byte[] contentInfoHeader = header(TAG_SEQUENCE,
                signedDataOid.length + contentExplicitHeader.length + signedDataHeader.length + signedDataLength);

        for (byte[] part : new byte[][] {contentInfoHeader, signedDataOid, contentExplicitHeader, signedDataHeader,
                version, digestAlgorithms, encapHeader, contentType, explicitHeader, octetHeader}) {
            out.write(part);
        }
        copyAndCheck(content, contentLength, signedData.getSignerInfos(), out);
        out.write(certificates);
        out.write(crls);
        out.write(signerInfos);
    }

    /**
     * Copies the content and checks it against each signer's message-digest attribute: what is embedded is
     * exactly what was signed, even if the file changed in between.
     */
    private static void copyAndCheck(Path content, long length, ASN1Set signerInfos, OutputStream out) throws IOException {
        SignerInfo[] signers = new SignerInfo[signerInfos.size()];
        MessageDigest[] digests = new MessageDigest[signers.length];
        for (int i = 0; i < signers.length; i++) {
            signers[i] = SignerInfo.getInstance(signerInfos.getObjectAt(i));
            digests[i] = digestOf(signers[i]);
        }
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(content)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                for (MessageDigest d : digests) {
                    d.update(buffer, 0, n);
                }
                copied += n;
            }
        }
        if (copied != length) {
            throw new IllegalArgumentException("the content changed size while it was copied");
        }
        for (int i = 0; i < signers.length; i++) {
            byte[] expected = messageDigest(signers[i]);
            if (!Arrays.equals(expected, digests[i].digest())) {
                throw new IllegalArgumentException("the content is not what was signed (its digest differs from the"
                        + " signed message-digest; did the file change while it was signed?)");
            }
        }
    }

    private static MessageDigest digestOf(SignerInfo signer) {
        ASN1ObjectIdentifier oid = signer.getDigestAlgorithm().getAlgorithm();
        try {
            return eu.europa.esig.dss.enumerations.DigestAlgorithm.forOID(oid.getId()).getMessageDigest();
        } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + oid, e);
        }
    }

    private static byte[] messageDigest(SignerInfo signer) {
        if (signer.getAuthenticatedAttributes() == null) {
            throw new IllegalArgumentException("a signer without signed attributes: not a CAdES signature");
        }
        Attribute attribute = new AttributeTable(signer.getAuthenticatedAttributes()).get(CMSAttributes.messageDigest);
        if (attribute == null) {
            throw new IllegalArgumentException("a signer without message-digest attribute");
        }
        return ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
    }

    private static byte[] dl(ASN1Encodable value) throws IOException {
        return value.toASN1Primitive().getEncoded(ASN1Encoding.DL);
    }

    /**
     * @param file a file to be signed
     * @return true when it starts as a CMS ContentInfo of type SignedData (DSS then adds a parallel signature to
     *         it instead of enveloping it, which this class does not do)
     */
    public static boolean isSignedData(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 512)) {
            org.bouncycastle.asn1.ASN1Encodable first = new org.bouncycastle.asn1.ASN1StreamParser(in,
                    (int) Math.min(Files.size(file), Integer.MAX_VALUE)).readObject();
            return first instanceof org.bouncycastle.asn1.ASN1SequenceParser sequence
                    && CMSObjectIdentifiers.signedData.equals(
                            new org.bouncycastle.asn1.cms.ContentInfoParser(sequence).getContentType());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return the identifier and definite length octets of a TLV with this tag and content length */
    static byte[] header(int tag, long length) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(10);
        b.write(tag);
        if (length < 0x80) {
            b.write((int) length);
        } else {
            int bytes = (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
            b.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                b.write((int) (length >>> (8 * i)));
            }
        }
        return b.toByteArray();
    }
}
