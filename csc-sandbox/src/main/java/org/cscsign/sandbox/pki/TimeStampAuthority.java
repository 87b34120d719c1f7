package org.cscsign.sandbox.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.tsp.TSPValidationException;

/** The RFC 3161 time-stamping authority of the test PKI. */
final class TimeStampAuthority {

    /** Arbitrary test OID for the TSA policy; not registered, never use outside tests. */
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");

    static final Set<ASN1ObjectIdentifier> ACCEPTED_DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final JcaCertStore chain;
    private final Clock clock;
    private final SecureRandom random;

    TimeStampAuthority(PrivateKey key, X509Certificate certificate, X509Certificate issuingCa, X509Certificate root,
            Clock clock, SecureRandom random) {
        this.key = key;
        this.certificate = certificate;
        try {
            this.chain = new JcaCertStore(List.of(certificate, issuingCa, root));
        } catch (CertificateEncodingException e) {
            throw new PkiException("cannot encode the TSA chain", e);
        }
        this.clock = clock;
        this.random = random;
    }

    /** Answers a DER TimeStampReq; a bad request gives a rejection, never an exception. */
    byte[] respond(byte[] requestDer) {
        TimeStampRequest request;
        try {
            request = new TimeStampRequest(requestDer == null ? new byte[0] : requestDer);
        } catch (IOException | RuntimeException e) {
            return failure(PKIFailureInfo.badDataFormat, "the request is not a DER TimeStampReq");
        }
        Date genTime = Date.from(clock.instant());
        try {
            // The generator validates algorithm, policy and digest length and turns violations into rejections.
            return new TimeStampResponseGenerator(tokenGenerator(genTime), ACCEPTED_DIGESTS, Set.of(POLICY))
                    .generate(request, serialNumber(), genTime).getEncoded();
        } catch (TSPException | IOException | RuntimeException e) {
            return failure(PKIFailureInfo.systemFailure, "the time-stamp could not be produced");
        }
    }

    /** A token over digest, with the TSA chain (TSA, issuing CA, root), for CSC signatures/timestamp. */
    byte[] token(byte[] digest, String hashOid, BigInteger nonce) {
        ASN1ObjectIdentifier algorithm;
        try {
            algorithm = new ASN1ObjectIdentifier(hashOid);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("hashOid is not an OID: " + hashOid, e);
        }
        if (!ACCEPTED_DIGESTS.contains(algorithm)) {
            throw new IllegalArgumentException("hashOid " + hashOid + " is not SHA-256, SHA-384 or SHA-512");
        }
        TimeStampRequestGenerator requestGenerator = new TimeStampRequestGenerator();
        requestGenerator.setCertReq(true);
        TimeStampRequest request = requestGenerator.generate(algorithm, digest.clone(), nonce);
        try {
            request.validate(ACCEPTED_DIGESTS, Set.of(POLICY), null);
        } catch (TSPValidationException e) {
            throw new IllegalArgumentException("digest does not fit hashOid " + hashOid + ": " + e.getMessage(), e);
        } catch (TSPException e) {
            throw new IllegalArgumentException("cannot time-stamp: " + e.getMessage(), e);
        }
        Date genTime = Date.from(clock.instant());
        try {
            return tokenGenerator(genTime).generate(request, serialNumber(), genTime).getEncoded();
        } catch (TSPException | IOException e) {
            throw new PkiException("cannot produce a time-stamp token", e);
        }
    }

    private TimeStampTokenGenerator tokenGenerator(Date genTime) throws TSPException {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            // signingTime from the PKI clock, not the JVM's, so it always equals genTime.
            Hashtable<ASN1ObjectIdentifier, Attribute> attributes = new Hashtable<>();
            attributes.put(CMSAttributes.signingTime,
                    new Attribute(CMSAttributes.signingTime, new DERSet(new Time(genTime))));
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(CertificateIssuer.signer(key), certificate);
            // A SHA-256 calculator makes BouncyCastle write ESSCertIDv2 (signing-certificate-v2).
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signerInfo,
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), POLICY);
            generator.setAccuracySeconds(1);
            generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
            generator.addCertificates(chain);
            return generator;
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw new TSPException("cannot create the time-stamp signer", e);
        }
    }

    private BigInteger serialNumber() {
        // Random 127-bit serials: unique across restarts and across sandboxes sharing key material.
        return new BigInteger(127, random).setBit(120);
    }

    private static byte[] failure(int failInfo, String text) {
        try {
            return new TimeStampResponseGenerator(null, ACCEPTED_DIGESTS)
                    .generateFailResponse(PKIStatus.REJECTION, failInfo, text).getEncoded();
        } catch (TSPException | IOException e) {
            throw new PkiException("cannot encode a time-stamp rejection", e);
        }
    }
}
