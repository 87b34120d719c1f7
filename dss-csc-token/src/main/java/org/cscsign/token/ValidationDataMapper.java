package org.cscsign.token;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.ValidationInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@code validationInfo} of signHash into {@link ValidationData} for DSS: every OCSP entry
 * becomes a full DER OCSPResponse (a bare BasicOCSPResponse, as BankID B2B sends it, is wrapped with
 * status successful and type id-pkix-ocsp-basic); CRLs and certificates are checked to parse.
 */
final class ValidationDataMapper {

    private static final String METHOD = "signatures/signHash";

    private ValidationDataMapper() {
    }

    static ValidationData map(ValidationInfo info) {
        List<byte[]> ocsp = new ArrayList<>();
        for (int i = 0; i < info.ocsp().size(); i++) {
            ocsp.add(toOcspResponse(info.ocsp().get(i), "validationInfo.ocsp[" + i + "]"));
        }
        CertificateFactory cf;
        try {
            cf = CertificateFactory.getInstance("X.509");
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < info.crl().size(); i++) {
            try {
                cf.generateCRL(new ByteArrayInputStream(info.crl().get(i)));
            } catch (Exception e) {
                throw malformed("validationInfo.crl[" + i + "]", "is not a DER X.509 CRL", e);
            }
        }
        for (int i = 0; i < info.certificates().size(); i++) {
            try {
                cf.generateCertificate(new ByteArrayInputStream(info.certificates().get(i)));
            } catch (Exception e) {
                throw malformed("validationInfo.certificates[" + i + "]", "is not a DER X.509 certificate", e);
            }
        }
        return new ValidationData(ocsp, info.crl(), info.certificates());
    }

    /**
     * @param der an OCSPResponse or a BasicOCSPResponse
     * @param field the field name for errors
     * @return the DER OCSPResponse
     */
    static byte[] toOcspResponse(byte[] der, String field) {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw malformed(field, "is not DER", e);
        }
        if (seq.size() == 0) {
            throw malformed(field, "is an empty sequence", null);
        }
        ASN1Encodable first = seq.getObjectAt(0);
        try {
            if (first instanceof ASN1Enumerated) {
                OCSPResponse response = OCSPResponse.getInstance(seq);
                if (response.getResponseStatus().getIntValue() != OCSPResponseStatus.SUCCESSFUL) {
                    throw malformed(field, "is an OCSPResponse with status " + response.getResponseStatus().getIntValue(), null);
                }
                return response.getEncoded("DER");
            }
            if (first instanceof ASN1Sequence) {
                BasicOCSPResponse basic = BasicOCSPResponse.getInstance(seq);
                ResponseBytes bytes = new ResponseBytes(OCSPObjectIdentifiers.id_pkix_ocsp_basic,
                        new DEROctetString(basic.getEncoded("DER")));
                return new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL), bytes).getEncoded("DER");
            }
        } catch (CscResponseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw malformed(field, "is neither an OCSPResponse nor a BasicOCSPResponse", e);
        }
        throw malformed(field, "is neither an OCSPResponse nor a BasicOCSPResponse", null);
    }

    private static CscResponseException malformed(String field, String problem, Throwable cause) {
        return new CscResponseException(METHOD, 200, null, null,
                "malformed " + METHOD + " response: field '" + field + "' " + problem, cause);
    }
}
