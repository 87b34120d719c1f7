package org.cscsign.csc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cscsign.csc.CertificatesMode;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.csc.CredentialList;
import org.cscsign.csc.CscApiVersion;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.ServiceInfo;
import org.cscsign.csc.SignHashRequest;
import org.cscsign.csc.ValidationInfo;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The one place where CSC wire JSON (v1 or v2 field names) is built and parsed into the public types.
 * Parsing is strict: a missing or mistyped field gives a {@link org.cscsign.csc.CscResponseException}
 * naming it.
 *
 * <p>The CSC v1 (1.0.4.0) rules all live here: {@code hash}/{@code hashAlgo} instead of
 * {@code hashes}/{@code hashAlgorithmOID} (signHash, timestamp; authorize and extendTransaction take
 * {@code hash} and no algorithm), PIN and OTP as top-level fields of authorize, {@code credentials/list}
 * with {@code userID}, {@code maxResults}, {@code pageToken} and {@code clientData} only, no
 * {@code operationMode} or {@code returnValidationInfo}, and {@code authMode}/{@code PIN}/{@code OTP}
 * (with {@code presence} true, false or optional) in credential infos.
 */
public final class WireMapper {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'");

    private final CscApiVersion version;

    /** @param version the field-name dialect */
    public WireMapper(CscApiVersion version) {
        this.version = version;
    }

    private boolean v1() {
        return version == CscApiVersion.V1;
    }

    // ------------------------------------------------------------------ requests

    /**
     * @param lang the language, may be null
     * @return the {@code info} body
     */
    public ObjectNode infoRequest(String lang) {
        ObjectNode n = F.objectNode();
        if (lang != null) {
            n.put("lang", lang);
        }
        return n;
    }

    /**
     * @param r the parameters
     * @param clientData {@code clientData}, may be null
     * @return the {@code credentials/list} body
     */
    public ObjectNode listRequest(ListRequest r, String clientData) {
        ObjectNode n = F.objectNode();
        if (r.userId() != null) {
            n.put("userID", r.userId());
        }
        if (r.maxResults() != null) {
            n.put("maxResults", r.maxResults());
        }
        if (r.pageToken() != null) {
            n.put("pageToken", r.pageToken());
        }
        if (!v1()) {
            if (r.credentialInfo()) {
                n.put("credentialInfo", true);
                n.put("certificates", r.certificates().wireValue());
                n.put("certInfo", r.certInfo());
                n.put("authInfo", r.authInfo());
            }
            if (r.onlyValid()) {
                n.put("onlyValid", true);
            }
        }
        putClientData(n, clientData);
        return n;
    }

    /**
     * @return the {@code credentials/info} body
     * @param id the credential
     * @param certificates which certificates
     * @param certInfo ask for certificate details
     * @param authInfo ask for authorization details
     * @param clientData {@code clientData}, may be null
     */
    public ObjectNode infoRequest(CredentialId id, CertificatesMode certificates, boolean certInfo, boolean authInfo,
                                  String clientData) {
        ObjectNode n = F.objectNode();
        n.put("credentialID", id.value());
        n.put("certificates", certificates.wireValue());
        n.put("certInfo", certInfo);
        n.put("authInfo", authInfo);
        putClientData(n, clientData);
        return n;
    }

    /**
     * @param id the credential
     * @param clientData {@code clientData}, may be null
     * @return the {@code credentials/sendOTP} body
     */
    public ObjectNode sendOtpRequest(CredentialId id, String clientData) {
        ObjectNode n = F.objectNode();
        n.put("credentialID", id.value());
        putClientData(n, clientData);
        return n;
    }

    /**
     * @param id the credential
     * @param numSignatures the number of signatures to authorize
     * @param hashes the hashes to bind (SCAL 2), may be empty
     * @param hashAlgorithm their algorithm, null when no hashes
     * @param authData PIN/OTP values by object id ({@code PIN}, {@code OTP})
     * @param description a description for the user, may be null
     * @param clientData {@code clientData}, may be null
     * @return the {@code credentials/authorize} body (v1: {@code hash}, top-level {@code PIN}/{@code OTP})
     */
    public ObjectNode authorizeRequest(CredentialId id, int numSignatures, List<byte[]> hashes,
                                       HashAlgorithm hashAlgorithm, Map<String, String> authData,
                                       String description, String clientData) {
        ObjectNode n = F.objectNode();
        n.put("credentialID", id.value());
        n.put("numSignatures", numSignatures);
        if (!hashes.isEmpty()) {
            n.set(v1() ? "hash" : "hashes", base64Array(hashes));
            if (!v1()) {
                n.put("hashAlgorithmOID", hashAlgorithm.oid());
            }
        }
        if (v1()) {
            authData.forEach(n::put);
        } else if (!authData.isEmpty()) {
            ArrayNode arr = n.putArray("authData");
            authData.forEach((k, v) -> arr.addObject().put("id", k).put("value", v));
        }
        if (description != null) {
            n.put("description", description);
        }
        putClientData(n, clientData);
        return n;
    }

    /**
     * @param id the credential
     * @param sad the current SAD value
     * @param hashes the hashes of the next call, may be empty
     * @param hashAlgorithm their algorithm
     * @param clientData {@code clientData}, may be null
     * @return the {@code credentials/extendTransaction} body
     */
    public ObjectNode extendRequest(CredentialId id, String sad, List<byte[]> hashes, HashAlgorithm hashAlgorithm,
                                    String clientData) {
        ObjectNode n = F.objectNode();
        n.put("credentialID", id.value());
        n.put("SAD", sad);
        if (!hashes.isEmpty()) {
            n.set(v1() ? "hash" : "hashes", base64Array(hashes));
            if (!v1()) {
                n.put("hashAlgorithmOID", hashAlgorithm.oid());
            }
        }
        putClientData(n, clientData);
        return n;
    }

    /**
     * @param r the request
     * @param returnValidationInfo whether to ask for validation info (v2)
     * @param clientData {@code clientData}, may be null
     * @return the {@code signatures/signHash} body
     */
    public ObjectNode signHashRequest(SignHashRequest r, boolean returnValidationInfo, String clientData) {
        return signHashRequest(r, returnValidationInfo, false, clientData);
    }

    /**
     * @param r the request
     * @param returnValidationInfo whether to ask for validation info (v2)
     * @param asynchronous {@code operationMode} A (v2; v1 has no asynchronous mode)
     * @param clientData {@code clientData}, may be null
     * @return the {@code signatures/signHash} body
     */
    public ObjectNode signHashRequest(SignHashRequest r, boolean returnValidationInfo, boolean asynchronous,
                                      String clientData) {
        ObjectNode n = F.objectNode();
        n.put("credentialID", r.credentialId().value());
        if (r.sad() != null) {
            n.put("SAD", r.sad().value());
        }
        n.set(v1() ? "hash" : "hashes", base64Array(r.hashes()));
        n.put(v1() ? "hashAlgo" : "hashAlgorithmOID", r.hashAlgorithm().oid());
        n.put("signAlgo", r.signAlgo());
        if (r.signAlgoParams() != null) {
            n.put("signAlgoParams", Base64.getEncoder().encodeToString(r.signAlgoParams()));
        }
        if (!v1()) {
            n.put("operationMode", asynchronous ? "A" : "S");
            if (returnValidationInfo) {
                n.put("returnValidationInfo", true);
            }
        }
        putClientData(n, clientData);
        return n;
    }

    /**
     * @param hash the digest to time-stamp
     * @param hashAlgorithm its algorithm
     * @param nonce the nonce, may be null
     * @param clientData {@code clientData}, may be null
     * @return the {@code signatures/timestamp} body
     */
    public ObjectNode timestampRequest(byte[] hash, HashAlgorithm hashAlgorithm, BigInteger nonce, String clientData) {
        ObjectNode n = F.objectNode();
        n.put("hash", Base64.getEncoder().encodeToString(hash));
        n.put(v1() ? "hashAlgo" : "hashAlgorithmOID", hashAlgorithm.oid());
        if (nonce != null) {
            // the spec's "large random number ... e.g. a hexadecimal string"
            n.put("nonce", nonce.toString(16));
        }
        putClientData(n, clientData);
        return n;
    }

    /**
     * @param responseId the {@code responseID} of an asynchronous signHash
     * @param clientData {@code clientData}, may be null
     * @return the {@code signatures/signPolling} body
     */
    public ObjectNode signPollingRequest(String responseId, String clientData) {
        ObjectNode n = F.objectNode();
        n.put("responseID", responseId);
        putClientData(n, clientData);
        return n;
    }

    /**
     * @param handle the {@code handle} of a 202 {@code credentials/authorize}
     * @param clientData {@code clientData}, may be null
     * @return the {@code credentials/authorizeCheck} body
     */
    public ObjectNode authorizeCheckRequest(String handle, String clientData) {
        ObjectNode n = F.objectNode();
        n.put("handle", handle);
        putClientData(n, clientData);
        return n;
    }

    /**
     * @param n a {@code credentials/authorize} response
     * @return the {@code handle} of an asynchronous authorization (no SAD yet), or empty
     */
    public java.util.Optional<String> authorizeHandle(JsonNode n) {
        if (n.hasNonNull("SAD")) {
            return java.util.Optional.empty();
        }
        return new Json("credentials/authorize").optText(n, "handle", "handle");
    }

    /**
     * @param n a {@code signatures/signHash} response
     * @return the {@code responseID} of an asynchronous signHash (no signatures yet), or empty
     */
    public java.util.Optional<String> signHashResponseId(JsonNode n) {
        if (n.hasNonNull("signatures")) {
            return java.util.Optional.empty();
        }
        return new Json("signatures/signHash").optText(n, "responseID", "responseID");
    }

    private static void putClientData(ObjectNode n, String clientData) {
        if (clientData != null) {
            n.put("clientData", clientData);
        }
    }

    private static ArrayNode base64Array(List<byte[]> values) {
        ArrayNode arr = F.arrayNode(values.size());
        for (byte[] v : values) {
            arr.add(Base64.getEncoder().encodeToString(v));
        }
        return arr;
    }

    // ------------------------------------------------------------------ responses

    /**
     * @param n the {@code info} response
     * @return the service info
     */
    public ServiceInfo serviceInfo(JsonNode n) {
        Json j = new Json("info");
        List<String> algos = List.of();
        List<String> params = List.of();
        var sa = j.optObject(n, "signAlgorithms", "signAlgorithms");
        if (sa.isPresent()) {
            algos = j.textArray(sa.get(), "algos", "signAlgorithms.algos");
            params = j.optTextArray(sa.get(), "algoParams", "signAlgorithms.algoParams");
        }
        return new ServiceInfo(j.text(n, "specs", "specs"), j.text(n, "name", "name"),
                j.optText(n, "logo", "logo").orElse(null), j.optText(n, "region", "region").orElse(null),
                j.optText(n, "lang", "lang").orElse(null), j.optText(n, "description", "description").orElse(null),
                j.optTextArray(n, "authType", "authType"), j.optText(n, "oauth2", "oauth2").orElse(null),
                j.optText(n, "oauth2Issuer", "oauth2Issuer").orElse(null),
                j.optBoolean(n, "asynchronousOperationMode", "asynchronousOperationMode", false),
                j.textArray(n, "methods", "methods"), j.optBoolean(n, "validationInfo", "validationInfo", false),
                algos, params);
    }

    /**
     * @param n the {@code credentials/list} response
     * @return the list
     */
    public CredentialList credentialList(JsonNode n) {
        Json j = new Json("credentials/list");
        List<CredentialId> ids = new ArrayList<>();
        List<String> texts = j.textArray(n, "credentialIDs", "credentialIDs");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                throw j.malformed("credentialIDs[" + i + "]", "is blank");
            }
            ids.add(CredentialId.of(texts.get(i)));
        }
        List<CredentialInfo> infos = new ArrayList<>();
        JsonNode arr = n.get("credentialInfos");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) {
                throw j.malformed("credentialInfos", "must be an array");
            }
            for (int i = 0; i < arr.size(); i++) {
                String path = "credentialInfos[" + i + "]";
                if (!arr.get(i).isObject()) {
                    throw j.malformed(path, "must be an object");
                }
                String id = j.text(arr.get(i), "credentialID", path + ".credentialID");
                infos.add(credentialInfo(j, CredentialId.of(id), arr.get(i), path + "."));
            }
        }
        return new CredentialList(ids, infos, j.optText(n, "nextPageToken", "nextPageToken").orElse(null),
                j.optBoolean(n, "onlyValid", "onlyValid", false));
    }

    /**
     * @param id the credential asked for
     * @param n the {@code credentials/info} response
     * @return the credential info
     */
    public CredentialInfo credentialInfo(CredentialId id, JsonNode n) {
        return credentialInfo(new Json("credentials/info"), id, n, "");
    }

    private CredentialInfo credentialInfo(Json j, CredentialId id, JsonNode n, String p) {
        JsonNode k = j.object(n, "key", p + "key");
        int len = j.optInt(k, "len", p + "key.len").orElse(0);
        CredentialInfo.Key key = new CredentialInfo.Key(j.optText(k, "status", p + "key.status").orElse(null),
                j.textArray(k, "algo", p + "key.algo"), len, j.optText(k, "curve", p + "key.curve").orElse(null));
        CredentialInfo.Cert cert = new CredentialInfo.Cert(null, List.of(), null, null, null, null, null);
        var c = j.optObject(n, "cert", p + "cert");
        if (c.isPresent()) {
            cert = cert(j, c.get(), p + "cert.");
        }
        CredentialInfo.Auth auth = v1() || n.has("authMode") ? v1Auth(j, n, p) : v2Auth(j, n, p);
        int scal = j.optInt(n, "SCAL", p + "SCAL").orElse(1);
        if (scal != 1 && scal != 2) {
            throw j.malformed(p + "SCAL", "must be 1 or 2");
        }
        int multisign = j.optInt(n, "multisign", p + "multisign").orElse(1);
        if (multisign < 1) {
            throw j.malformed(p + "multisign", "must be at least 1");
        }
        return new CredentialInfo(id, j.optText(n, "description", p + "description").orElse(null),
                j.optText(n, "signatureQualifier", p + "signatureQualifier").orElse(null), key, cert, auth, scal,
                multisign, j.optText(n, "lang", p + "lang").orElse(null));
    }

    private static CredentialInfo.Cert cert(Json j, JsonNode c, String p) {
        List<byte[]> ders = j.base64Array(c, "certificates", p + "certificates", false);
        List<X509Certificate> certs = new ArrayList<>(ders.size());
        for (int i = 0; i < ders.size(); i++) {
            certs.add(x509(j, ders.get(i), p + "certificates[" + i + "]"));
        }
        return new CredentialInfo.Cert(j.optText(c, "status", p + "status").orElse(null), certs,
                j.optText(c, "issuerDN", p + "issuerDN").orElse(null),
                j.optText(c, "serialNumber", p + "serialNumber").orElse(null),
                j.optText(c, "subjectDN", p + "subjectDN").orElse(null),
                time(j, c, "validFrom", p + "validFrom"), time(j, c, "validTo", p + "validTo"));
    }

    private static Instant time(Json j, JsonNode c, String name, String path) {
        var t = j.optText(c, name, path);
        if (t.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(t.get(), GENERALIZED_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw j.malformed(path, "is not a time of the form YYYYMMDDHHMMSSZ");
        }
    }

    /**
     * @param der a DER certificate
     * @param method the method for errors
     * @param path the field for errors
     * @return the parsed certificate
     */
    public static X509Certificate x509(byte[] der, String method, String path) {
        return x509(new Json(method), der, path);
    }

    private static X509Certificate x509(Json j, byte[] der, String path) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw j.malformed(path, "is not a DER X.509 certificate");
        }
    }

    private static CredentialInfo.Auth v2Auth(Json j, JsonNode n, String p) {
        var a = j.optObject(n, "auth", p + "auth");
        if (a.isEmpty()) {
            return null;
        }
        JsonNode auth = a.get();
        List<CredentialInfo.AuthObject> objects = new ArrayList<>();
        JsonNode arr = auth.get("objects");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) {
                throw j.malformed(p + "auth.objects", "must be an array");
            }
            for (int i = 0; i < arr.size(); i++) {
                String op = p + "auth.objects[" + i + "]";
                JsonNode o = arr.get(i);
                if (!o.isObject()) {
                    throw j.malformed(op, "must be an object");
                }
                objects.add(new CredentialInfo.AuthObject(j.optText(o, "type", op + ".type").orElse(null),
                        j.text(o, "id", op + ".id"), j.optText(o, "format", op + ".format").orElse(null),
                        j.optText(o, "label", op + ".label").orElse(null),
                        j.optText(o, "description", op + ".description").orElse(null),
                        j.optText(o, "generator", op + ".generator").orElse(null)));
            }
        }
        return new CredentialInfo.Auth(j.text(auth, "mode", p + "auth.mode"),
                j.optText(auth, "expression", p + "auth.expression").orElse(null), objects);
    }

    private static CredentialInfo.Auth v1Auth(Json j, JsonNode n, String p) {
        var mode = j.optText(n, "authMode", p + "authMode");
        if (mode.isEmpty()) {
            return null;
        }
        List<CredentialInfo.AuthObject> objects = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        var pin = j.optObject(n, "PIN", p + "PIN");
        Presence pinPresence = pin.isPresent() ? presence(j, pin.get(), p + "PIN.presence") : Presence.FALSE;
        if (pinPresence != Presence.FALSE) {
            objects.add(new CredentialInfo.AuthObject("Password", "PIN",
                    j.optText(pin.get(), "format", p + "PIN.format").orElse(null),
                    j.optText(pin.get(), "label", p + "PIN.label").orElse(null),
                    j.optText(pin.get(), "description", p + "PIN.description").orElse(null), null,
                    pinPresence == Presence.OPTIONAL));
            if (pinPresence == Presence.TRUE) {
                parts.add("PIN");
            }
        }
        var otp = j.optObject(n, "OTP", p + "OTP");
        Presence otpPresence = otp.isPresent() ? presence(j, otp.get(), p + "OTP.presence") : Presence.FALSE;
        if (otpPresence != Presence.FALSE) {
            objects.add(new CredentialInfo.AuthObject("Password", "OTP",
                    j.optText(otp.get(), "format", p + "OTP.format").orElse(null),
                    j.optText(otp.get(), "label", p + "OTP.label").orElse(null),
                    j.optText(otp.get(), "description", p + "OTP.description").orElse(null),
                    j.optText(otp.get(), "type", p + "OTP.type").orElse(null), otpPresence == Presence.OPTIONAL));
            if (otpPresence == Presence.TRUE) {
                parts.add("OTP");
            }
        }
        // an empty expression (only optional objects) says: nothing is required
        return new CredentialInfo.Auth(mode.get(), objects.isEmpty() ? null : String.join(" AND ", parts), objects);
    }

    private enum Presence { TRUE, FALSE, OPTIONAL }

    /** v1 {@code PIN.presence} / {@code OTP.presence}: "true", "false" or "optional" (or a JSON boolean); absent = true. */
    private static Presence presence(Json j, JsonNode parent, String path) {
        JsonNode v = parent.get("presence");
        if (v == null || v.isNull()) {
            return Presence.TRUE;
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? Presence.TRUE : Presence.FALSE;
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "true":
                    return Presence.TRUE;
                case "false":
                    return Presence.FALSE;
                case "optional":
                    return Presence.OPTIONAL;
                default:
                    break;
            }
        }
        throw j.malformed(path, "must be true, false or optional");
    }

    /**
     * @param n the {@code credentials/authorize} or {@code extendTransaction} response
     * @param method which of the two
     * @return the SAD value and its lifetime in seconds
     */
    public SadWire sad(JsonNode n, String method) {
        Json j = new Json(method);
        String sad = j.text(n, "SAD", "SAD");
        if (sad.isBlank()) {
            throw j.malformed("SAD", "is blank");
        }
        int expiresIn = j.optInt(n, "expiresIn", "expiresIn").orElse(3600);
        return new SadWire(sad, expiresIn);
    }

    /**
     * A SAD as returned on the wire. {@link #toString()} hides the value.
     *
     * @param value the SAD
     * @param expiresIn seconds
     */
    public record SadWire(String value, int expiresIn) {
        @Override
        public String toString() {
            return "SadWire[expiresIn=" + expiresIn + ", value=***]";
        }
    }

    /**
     * @param n the {@code signatures/signHash} response
     * @return the signatures (decoded) and the validation info
     */
    public SignHashWire signHash(JsonNode n) {
        Json j = new Json("signatures/signHash");
        List<byte[]> signatures = j.base64Array(n, "signatures", "signatures", true);
        for (int i = 0; i < signatures.size(); i++) {
            if (signatures.get(i).length == 0) {
                throw j.malformed("signatures[" + i + "]", "is empty");
            }
        }
        ValidationInfo vi = ValidationInfo.EMPTY;
        var v = j.optObject(n, "validationInfo", "validationInfo");
        if (v.isPresent()) {
            vi = new ValidationInfo(j.base64Array(v.get(), "ocsp", "validationInfo.ocsp", false),
                    j.base64Array(v.get(), "crl", "validationInfo.crl", false),
                    j.base64Array(v.get(), "certificates", "validationInfo.certificates", false));
        }
        return new SignHashWire(signatures, vi);
    }

    /**
     * The decoded signHash response.
     *
     * @param signatures the signature values
     * @param validationInfo the validation info
     */
    public record SignHashWire(List<byte[]> signatures, ValidationInfo validationInfo) {
    }

    /**
     * @param n the {@code signatures/timestamp} response
     * @return the DER time-stamp token
     */
    public byte[] timestamp(JsonNode n) {
        Json j = new Json("signatures/timestamp");
        return j.base64(j.text(n, "timestamp", "timestamp"), "timestamp");
    }
}
