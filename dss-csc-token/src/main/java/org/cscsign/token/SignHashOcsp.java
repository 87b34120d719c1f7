package org.cscsign.token;

import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that reads what the OCSP responses returned by {@code signatures/signHash} (its
 * {@code validationInfo}, as {@link ValidationData#ocspResponses()} holds them) say about the signer's leaf
 * certificate. The token refuses signatures whose leaf they call revoked; the signer reports the same answer with
 * its own exception types.
 */
public final class SignHashOcsp {

    /** What a response says about a certificate. */
    public enum Status {
        /** not revoked */
        GOOD,
        /** revoked, see {@link LeafStatus#revokedAt()} */
        REVOKED,
        /** the responder does not know the certificate */
        UNKNOWN
    }

    /**
     * The answer of the latest response about the leaf.
     *
     * @param status    good, revoked or unknown
     * @param revokedAt when it was revoked (REVOKED only), else null
     * @param reason    the CRL reason code when given (REVOKED only), else null
     */
    public record LeafStatus(Status status, Instant revokedAt, Integer reason) {
    }

    private SignHashOcsp() {
    }

    /**
     * The status of {@code leaf} in the responses whose CertID names it (its serial, and — when {@code issuer} is
     * known — its issuer's name and key hash); the latest by {@code thisUpdate} wins.
     *
     * @param ocspResponses DER OCSPResponse structures (the signHash {@code validationInfo.ocsp})
     * @param leaf          the signer's certificate
     * @param issuer        its issuer, or null when unknown (then the serial alone decides)
     * @return the leaf's status, empty when no successful basic response is about it
     * @throws IllegalArgumentException when a response cannot be read at all
     * @throws NullPointerException     when {@code ocspResponses} or {@code leaf} is null
     */
    public static Optional<LeafStatus> leafStatus(List<byte[]> ocspResponses, X509Certificate leaf,
            X509Certificate issuer) {
        Objects.requireNonNull(leaf, "leaf");
        SingleResp latest = null;
        for (byte[] der : Objects.requireNonNull(ocspResponses, "ocspResponses")) {
            BasicOCSPResp basic = basic(der);
            if (basic == null) {
                continue;
            }
            for (SingleResp single : basic.getResponses()) {
                if (single.getCertID().getSerialNumber().equals(leaf.getSerialNumber()) && issuerMatches(single, issuer)
                        && (latest == null || after(single.getThisUpdate(), latest.getThisUpdate()))) {
                    latest = single;
                }
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        Object status = latest.getCertStatus();
        if (status instanceof RevokedStatus revoked) {
            return Optional.of(new LeafStatus(Status.REVOKED, revoked.getRevocationTime().toInstant(),
                    revoked.hasRevocationReason() ? revoked.getRevocationReason() : null));
        }
        return Optional.of(new LeafStatus(status instanceof UnknownStatus ? Status.UNKNOWN : Status.GOOD, null, null));
    }

    private static boolean after(Date a, Date b) {
        return a != null && (b == null || a.after(b));
    }

    /** The basic response inside, or null for a response that is not successful (it says nothing about the leaf). */
    private static BasicOCSPResp basic(byte[] der) {
        try {
            Object object = new OCSPResp(OCSPResponse.getInstance(der)).getResponseObject();
            return object instanceof BasicOCSPResp basic ? basic : null;
        } catch (OCSPException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable OCSP response from signHash: " + e.getMessage(), e);
        }
    }

    private static boolean issuerMatches(SingleResp single, X509Certificate issuer) {
        if (issuer == null) {
            return true;
        }
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            return single.getCertID().matchesIssuer(new X509CertificateHolder(issuer.getEncoded()), digests);
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException | IOException e) {
            return true; // cannot tell: the serial decides
        }
    }
}
