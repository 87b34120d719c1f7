package org.cscsign.sandbox;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.cscsign.sandbox.pki.CertificateStatus;
import org.cscsign.sandbox.pki.SandboxCredential;
import org.cscsign.sandbox.pki.TestPki;

/**
 * The CSC methods of the sandbox, for CSC v2 (STANDARD and BANKID) and v1 field names. Each method
 * takes the parsed body and the caller's access token (null for {@code info}) and returns the
 * response fields, or null for 204 No Content.
 */
final class CscApi {
    static final Set<String> STANDARD_METHODS = Set.of("info", "credentials/list", "credentials/info",
            "credentials/authorize", "credentials/extendTransaction", "credentials/sendOTP",
            "signatures/signHash", "signatures/timestamp");
    static final List<String> STANDARD_METHOD_LIST = List.of("info", "credentials/list", "credentials/info",
            "credentials/authorize", "credentials/extendTransaction", "credentials/sendOTP",
            "signatures/signHash", "signatures/timestamp");
    static final List<String> BANKID_METHOD_LIST = List.of("info", "credentials/list", "signatures/signHash");
    static final List<String> PRIMESIGN_METHOD_LIST = List.of("info", "credentials/list", "credentials/info",
            "signatures/signHash");

    private static final int MAX_PIN_FAILURES = 5;
    private static final Duration SAD_LIFETIME = Duration.ofMinutes(5);
    private static final Duration OTP_LIFETIME = Duration.ofMinutes(5);
    private static final DateTimeFormatter CSC_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private record Otp(String value, Instant expiresAt) {
    }

    /** A response sent with HTTP 202 Accepted (an asynchronous operation is pending or started). */
    static final class Accepted extends LinkedHashMap<String, Object> {
    }

    private final Profile profile;
    private final int scal;
    private final int multisign;
    private final String pin;
    private final String baseUrl;
    private final Clock clock;
    private final TestPki pki;
    private final Faults faults;
    private final ServiceQuirks quirks;
    private final BasicLogin basicLogin;
    private final Pending pending = new Pending();
    private final HashSigner signer;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Authorization> sads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Otp> otps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> pinFailures = new ConcurrentHashMap<>();
    private final String oauth2Issuer;
    private final java.util.function.Function<String, AccessToken> accessTokens;
    private final Stats stats;

    /**
     * @param oauth2Issuer the issuer {@code info} names (PRIMESIGN), null to name {@code oauth2} = the base URL
     * @param accessTokens finds a live access token, for a credential-scope token sent as {@code SAD}
     */
    CscApi(Profile profile, int scal, int multisign, String pin, String baseUrl, Clock clock, TestPki pki, Faults faults,
            ServiceQuirks quirks, BasicLogin basicLogin, String oauth2Issuer,
            java.util.function.Function<String, AccessToken> accessTokens, Stats stats) {
        this.quirks = quirks;
        this.basicLogin = basicLogin;
        this.oauth2Issuer = oauth2Issuer;
        this.accessTokens = accessTokens;
        this.stats = stats;
        this.profile = profile;
        this.scal = scal;
        this.multisign = multisign;
        this.pin = pin;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.pki = pki;
        this.faults = faults;
        this.signer = new HashSigner(pki.credentials());
    }

    /** True if the method exists for this profile and CSC version. */
    boolean serves(String method, int version) {
        return switch (profile) {
            case BANKID -> version == 2 && BANKID_METHOD_LIST.contains(method);
            case PRIMESIGN -> PRIMESIGN_METHOD_LIST.contains(method);
            case STANDARD -> STANDARD_METHODS.contains(method) || quirkMethods(version).contains(method);
        };
    }

    /** The methods that only some {@link ServiceQuirks} add. */
    private List<String> quirkMethods(int version) {
        List<String> out = new ArrayList<>();
        if (quirks.asynchronousAuthorization()) {
            out.add("credentials/authorizeCheck");
        }
        if (quirks.asynchronousSigning() && version == 2) {
            out.add("signatures/signPolling");
        }
        if (quirks.login() == ServiceQuirks.Login.BASIC) {
            out.add("auth/login");
            out.add("auth/revoke");
        }
        return out;
    }

    ServiceQuirks quirks() {
        return quirks;
    }

    /** {@code auth/login} (only with {@link ServiceQuirks.Login#BASIC}): needs the raw Authorization header. */
    Map<String, Object> login(String authorization, JsonBody body) {
        return basicLogin.login(authorization, body);
    }

    /** A token of {@code auth/login}, or null. */
    AccessToken basicToken(String value) {
        return basicLogin == null ? null : basicLogin.lookup(value);
    }

    Map<String, Object> call(String method, int version, JsonBody body, AccessToken token) {
        return switch (method) {
            case "info" -> info(version);
            case "credentials/list" -> list(version, body);
            case "credentials/info" -> credentialInfo(version, body, credential(body));
            case "credentials/authorize" -> authorize(version, body, token);
            case "credentials/extendTransaction" -> extend(version, body, token);
            case "credentials/sendOTP" -> sendOtp(body);
            case "signatures/signHash" -> signHash(version, body, token);
            case "signatures/timestamp" -> timestamp(version, body);
            case "credentials/authorizeCheck" -> pending.poll(body.requiredString("handle"), "handle", token.clientId(),
                    faults.endlessPolling());
            case "signatures/signPolling" -> pending.poll(body.requiredString("responseID"), "responseID",
                    token.clientId(), faults.endlessPolling());
            case "auth/revoke" -> basicLogin.revoke(body, null);
            default -> throw new HttpError(404, "invalid_request", "Unknown method " + method);
        };
    }

    Optional<String> lastOtp(String credentialId) {
        Otp otp = otps.get(credentialId);
        return otp == null || !clock.instant().isBefore(otp.expiresAt()) ? Optional.empty() : Optional.of(otp.value());
    }

    // ---- info

    private Map<String, Object> info(int version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("specs", version == 1 ? "1.0.4.0" : "2.0.0.2");
        out.put("name", switch (profile) {
            case BANKID -> "cscsign sandbox (BankID B2B profile)";
            case PRIMESIGN -> "cscsign sandbox (primesign profile)";
            case STANDARD -> "cscsign sandbox";
        });
        out.put("logo", baseUrl + "/sandbox/logo.png");
        out.put("region", "EU");
        out.put("lang", "en-US");
        out.put("description", "A local CSC signing service with a test PKI. Not for production use.");
        if (profile == Profile.PRIMESIGN) {
            // the authorization server is found only through its metadata, as at primesign (a Keycloak realm)
            out.put("authType", List.of("oauth2code"));
            out.put("oauth2Issuer", oauth2Issuer);
        } else {
            switch (quirks.login()) {
                case NONE -> out.put("authType", List.of("external"));
                case BASIC -> out.put("authType", List.of("basic"));
                default -> {
                    out.put("authType", List.of("oauth2client"));
                    out.put("oauth2", baseUrl);
                }
            }
        }
        if (faults.unknownAuthNames()) {
            out.put("authType", List.of("kerberos-ticket"));
            out.remove("oauth2");
        }
        if (version == 2) {
            out.put("asynchronousOperationMode", quirks.asynchronousSigning());
        }
        List<String> methods = new ArrayList<>(switch (profile) {
            case BANKID -> BANKID_METHOD_LIST;
            case PRIMESIGN -> PRIMESIGN_METHOD_LIST;
            case STANDARD -> STANDARD_METHOD_LIST;
        });
        if (profile == Profile.STANDARD) {
            methods.addAll(quirkMethods(version));
        }
        out.put("methods", methods);
        if (version == 2) {
            out.put("validationInfo", true);
            Map<String, Object> algos = new LinkedHashMap<>();
            algos.put("algos", SignAlgorithms.ALL_SIGN_ALGOS);
            algos.put("algoParams", List.of());
            out.put("signAlgorithms", algos);
        }
        return out;
    }

    // ---- credentials/list and credentials/info

    private Map<String, Object> list(int version, JsonBody body) {
        body.string("userID");
        if (version == 1) {
            // credentials/list of CSC 1.0.4.0 knows userID, maxResults, pageToken and clientData only
            for (String v2Only : List.of("credentialInfo", "certificates", "certInfo", "authInfo", "onlyValid")) {
                if (body.has(v2Only)) {
                    throw HttpError.badRequest("Invalid parameter " + v2Only + ": not a CSC v1 credentials/list parameter");
                }
            }
        }
        refuseOptional(body);
        boolean withInfo = body.bool("credentialInfo", false);
        boolean onlyValid = body.bool("onlyValid", false);
        String certificates = certificatesOption(body);
        boolean certInfo = body.bool("certInfo", false);
        boolean authInfo = body.bool("authInfo", false);
        List<SandboxCredential> all = new ArrayList<>();
        for (SandboxCredential c : pki.credentials()) {
            if (!onlyValid || pki.status(c.id()) == CertificateStatus.VALID) {
                all.add(c);
            }
        }
        int from = 0;
        int to = all.size();
        String next = null;
        Optional<Integer> max = body.integer("maxResults");
        if (max.isPresent() && max.get() < 1) {
            throw HttpError.badRequest("Invalid parameter maxResults: must be at least 1");
        }
        if (quirks.maxPageSize() > 0) {
            max = Optional.of(Math.min(max.orElse(Integer.MAX_VALUE), quirks.maxPageSize()));
        }
        Optional<String> pageToken = body.string("pageToken");
        if (pageToken.isPresent()) {
            from = parsePageToken(pageToken.get(), all.size());
        }
        to = max.map(m -> (int) Math.min(all.size(), (long) from0(pageToken, all.size()) + m)).orElse(all.size());
        if (to < all.size()) {
            next = pageToken(to);
        } else if (faults.endlessList()) {
            next = pageToken(from);
        }
        List<String> ids = new ArrayList<>();
        List<Object> infos = new ArrayList<>();
        for (SandboxCredential c : all.subList(from, to)) {
            ids.add(c.id());
            if (withInfo) {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("credentialID", c.id());
                info.putAll(credentialInfo(version, c, certificates, certInfo, authInfo));
                infos.add(info);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("credentialIDs", ids);
        if (withInfo) {
            out.put("credentialInfos", infos);
        }
        if (next != null) {
            out.put("nextPageToken", next);
        }
        if (onlyValid) {
            out.put("onlyValid", true);
        }
        return out;
    }

    private static String pageToken(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("page:" + index).getBytes(StandardCharsets.US_ASCII));
    }

    /** The quirk of a service that does not implement {@code certInfo}. */
    private void refuseOptional(JsonBody body) {
        if (quirks.optionalParameterRefusal() != 0 && body.bool("certInfo", false)) {
            if (quirks.optionalParameterRefusal() == 501) {
                throw new HttpError(501, "not_implemented", "certInfo is not implemented by this service");
            }
            throw HttpError.badRequest("Invalid parameter certInfo: not supported");
        }
    }

    private int from0(Optional<String> pageToken, int size) {
        return pageToken.map(p -> parsePageToken(p, size)).orElse(0);
    }

    private static int parsePageToken(String token, int size) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (s.startsWith("page:")) {
                int n = Integer.parseInt(s.substring(5));
                if (n >= 0 && n <= size) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw HttpError.badRequest("Invalid parameter pageToken");
    }

    private static String certificatesOption(JsonBody body) {
        String certificates = body.string("certificates").orElse("single");
        if (!Set.of("none", "single", "chain").contains(certificates)) {
            throw HttpError.badRequest("Invalid parameter certificates: must be none, single or chain");
        }
        return certificates;
    }

    private Map<String, Object> credentialInfo(int version, JsonBody body, SandboxCredential c) {
        refuseOptional(body);
        return credentialInfo(version, c, certificatesOption(body), body.bool("certInfo", false), body.bool("authInfo", false));
    }

    private Map<String, Object> credentialInfo(int version, SandboxCredential c, String certificates, boolean certInfo, boolean authInfo) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", c.description());
        if (version == 2) {
            out.put("signatureQualifier", "eu_eidas_aes");
        }
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("status", locked(c.id()) ? "disabled" : "enabled");
        boolean rsa = "RSA".equals(c.keyAlgorithm());
        key.put("algo", rsa ? SignAlgorithms.RSA_KEY_ALGOS : SignAlgorithms.EC_KEY_ALGOS);
        key.put("len", c.keyLength());
        if (!rsa && c.curve() != null) {
            key.put("curve", SignAlgorithms.curveOid(c.curve()));
        }
        out.put("key", key);
        Map<String, Object> cert = new LinkedHashMap<>();
        if (quirks.reportCertStatus()) {
            cert.put("status", switch (pki.status(c.id())) {
                case VALID -> "valid";
                case REVOKED -> "revoked";
                case EXPIRED -> "expired";
            });
        }
        List<X509Certificate> chain = switch (certificates) {
            case "none" -> List.of();
            case "single" -> List.of(c.certificate());
            default -> c.chain();
        };
        if (!"none".equals(certificates)) {
            List<String> encoded = new ArrayList<>();
            for (X509Certificate x : chain) {
                encoded.add(base64(der(x)));
            }
            cert.put("certificates", encoded);
        }
        if (certInfo) {
            X509Certificate leaf = c.certificate();
            cert.put("issuerDN", leaf.getIssuerX500Principal().getName(X500Principal.RFC2253));
            cert.put("serialNumber", leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
            cert.put("subjectDN", leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
            cert.put("validFrom", CSC_TIME.format(leaf.getNotBefore().toInstant()));
            cert.put("validTo", CSC_TIME.format(leaf.getNotAfter().toInstant()));
        }
        out.put("cert", cert);
        if (profile == Profile.PRIMESIGN) {
            // every signature is authorized by the OAuth2 authorization-code flow: no PIN or OTP objects here
            if (version == 2) {
                out.put("auth", Map.of("mode", "oauth2code"));
            } else {
                out.put("authMode", "oauth2code");
            }
        } else if (quirks.implicitAuthorization()) {
            if (version == 1) {
                out.put("authMode", "implicit");
                out.put("PIN", ordered("presence", "false"));
                out.put("OTP", ordered("presence", "false"));
            } else if (authInfo) {
                out.put("auth", ordered("mode", "implicit"));
            }
        } else if (version == 2) {
            if (authInfo) {
                Map<String, Object> auth = new LinkedHashMap<>();
                auth.put("mode", "explicit");
                auth.put("expression", scal == 2 ? "PIN AND OTP" : "PIN");
                List<Object> objects = new ArrayList<>();
                objects.add(ordered("type", "Password", "id", "PIN", "format", "N", "label", "PIN",
                        "description", "The PIN of the sandbox credentials"));
                if (scal == 2) {
                    objects.add(ordered("type", "Password", "id", "OTP", "format", "N", "generator", "online",
                            "label", "OTP", "description", "A one-time password sent by credentials/sendOTP"));
                }
                auth.put("objects", objects);
                out.put("auth", auth);
            }
        } else {
            out.put("authMode", "explicit");
            out.put("PIN", ordered("presence", "true", "format", "N", "label", "PIN",
                    "description", "The PIN of the sandbox credentials"));
            out.put("OTP", ordered("presence", scal == 2 ? "true" : "false", "type", "online", "ID", "sandbox-otp",
                    "provider", "cscsign sandbox", "format", "N", "label", "OTP",
                    "description", "A one-time password sent by credentials/sendOTP"));
        }
        if (faults.unknownAuthNames()) {
            if (out.containsKey("authMode")) {
                out.put("authMode", "biometric");
            }
            if (out.get("auth") instanceof Map<?, ?>) {
                out.put("auth", ordered("mode", "biometric"));
            }
        }
        out.put("SCAL", Integer.toString(scal));
        out.put("multisign", multisign);
        out.put("lang", "en-US");
        return out;
    }

    // ---- authorization: authorize, extendTransaction, sendOTP

    private Map<String, Object> authorize(int version, JsonBody body, AccessToken token) {
        SandboxCredential c = credential(body);
        int num = body.integer("numSignatures").orElseThrow(() -> HttpError.badRequest("Missing parameter numSignatures"));
        if (num < 1 || num > multisign) {
            throw HttpError.badRequest("Invalid parameter numSignatures: must be between 1 and " + multisign);
        }
        String hashesField = version == 1 ? "hash" : "hashes";
        Optional<List<String>> hashes = body.strings(hashesField);
        Optional<String> hashOid = version == 1 ? body.string("hashAlgo") : body.string("hashAlgorithmOID");
        List<byte[]> decoded = null;
        if (hashes.isPresent()) {
            if (hashes.get().size() != num) {
                throw HttpError.badRequest("Invalid parameter " + hashesField + ": must hold numSignatures hashes");
            }
            if (version == 2 && hashOid.isEmpty()) {
                throw HttpError.badRequest("Missing parameter hashAlgorithmOID: required with hashes");
            }
            decoded = decodeHashes(hashes.get(), hashesField, hashOid.orElse(null));
        } else if (scal == 2) {
            throw HttpError.badRequest("Missing parameter " + hashesField + ": required at SCAL 2");
        }
        String givenPin;
        String givenOtp;
        if (quirks.implicitAuthorization()) {
            if (body.has("PIN") || body.has("OTP") || body.has("authData")) {
                throw HttpError.badRequest("Invalid parameter authData: credential " + c.id() + " is authorized implicitly");
            }
            return sadFor(c, token, num, decoded, hashOid.orElse(null));
        }
        if (version == 1) {
            givenPin = body.string("PIN").orElse(null);
            givenOtp = body.string("OTP").orElse(null);
        } else {
            givenPin = null;
            givenOtp = null;
            String[] values = authData(body);
            givenPin = values[0];
            givenOtp = values[1];
        }
        checkPinAndOtp(c.id(), givenPin, givenOtp);
        return sadFor(c, token, num, decoded, hashOid.orElse(null));
    }

    /** Issues the SAD, or (asynchronous authorization) a handle to collect it with authorizeCheck. */
    private Map<String, Object> sadFor(SandboxCredential c, AccessToken token, int num, List<byte[]> hashes, String hashOid) {
        Instant expiresAt = clock.instant().plus(SAD_LIFETIME);
        String sad = newSad();
        pruneSads();
        sads.put(sad, new Authorization(c.id(), token.clientId(), num, scal == 2 ? hashes : null, hashOid, expiresAt));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("SAD", sad);
        out.put("expiresIn", SAD_LIFETIME.toSeconds());
        if (quirks.asynchronousAuthorization()) {
            Accepted started = new Accepted();
            started.put("handle", pending.put(token.clientId(), out, quirks.pendingPolls()));
            return started;
        }
        return out;
    }

    private static String[] authData(JsonBody body) {
        String[] out = new String[2];
        Optional<com.fasterxml.jackson.databind.JsonNode> raw = body.raw("authData");
        if (raw.isEmpty()) {
            return out;
        }
        if (!raw.get().isArray()) {
            throw HttpError.badRequest("Invalid parameter authData: must be an array");
        }
        for (int i = 0; i < raw.get().size(); i++) {
            com.fasterxml.jackson.databind.JsonNode item = raw.get().get(i);
            com.fasterxml.jackson.databind.JsonNode id = item.get("id");
            com.fasterxml.jackson.databind.JsonNode value = item.get("value");
            if (!item.isObject() || id == null || !id.isTextual() || value == null || !value.isTextual()) {
                throw HttpError.badRequest("Invalid parameter authData[" + i + "]: must be {id, value} strings");
            }
            switch (id.textValue()) {
                case "PIN" -> out[0] = value.textValue();
                case "OTP" -> out[1] = value.textValue();
                default -> throw HttpError.badRequest("Invalid parameter authData[" + i + "].id: unknown");
            }
        }
        return out;
    }

    private boolean locked(String credentialId) {
        return pinFailures.getOrDefault(credentialId, 0) >= MAX_PIN_FAILURES;
    }

    private void checkPinAndOtp(String credentialId, String givenPin, String givenOtp) {
        if (locked(credentialId)) {
            throw new HttpError(400, "access_denied", "The credential is locked after too many wrong PINs");
        }
        if (givenPin == null || !java.security.MessageDigest.isEqual(pin.getBytes(StandardCharsets.UTF_8),
                givenPin.getBytes(StandardCharsets.UTF_8))) {
            int failures = pinFailures.merge(credentialId, 1, Integer::sum);
            if (failures >= MAX_PIN_FAILURES) {
                throw new HttpError(400, "access_denied", "The credential is locked after too many wrong PINs");
            }
            throw new HttpError(400, "invalid_pin", givenPin == null ? "The PIN is missing" : "The PIN is wrong");
        }
        pinFailures.remove(credentialId);
        if (scal == 2) {
            Otp otp = otps.get(credentialId);
            if (givenOtp == null) {
                throw new HttpError(400, "invalid_otp", "The OTP is missing");
            }
            if (otp == null || !clock.instant().isBefore(otp.expiresAt()) || !otp.value().equals(givenOtp)) {
                throw new HttpError(400, "invalid_otp", "The OTP is wrong or expired");
            }
            otps.remove(credentialId, otp);
        }
    }

    private Map<String, Object> extend(int version, JsonBody body, AccessToken token) {
        SandboxCredential c = credential(body);
        String sad = body.requiredString("SAD");
        String hashesField = version == 1 ? "hash" : "hashes";
        Optional<List<String>> hashes = body.strings(hashesField);
        Optional<String> hashOid = version == 1 ? body.string("hashAlgo") : body.string("hashAlgorithmOID");
        List<byte[]> decoded = hashes.map(h -> decodeHashes(h, hashesField, hashOid.orElse(null))).orElse(null);
        Authorization current = sads.get(sad);
        if (current == null) {
            throw HttpError.badRequest("Invalid parameter SAD: unknown or already used");
        }
        Instant expiresAt = clock.instant().plus(SAD_LIFETIME);
        Authorization next = current.extend(c.id(), token.clientId(), decoded, clock.instant(), expiresAt);
        sads.remove(sad);
        String newSad = newSad();
        sads.put(newSad, next);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("SAD", newSad);
        out.put("expiresIn", SAD_LIFETIME.toSeconds());
        return out;
    }

    private Map<String, Object> sendOtp(JsonBody body) {
        SandboxCredential c = credential(body);
        String value = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        otps.put(c.id(), new Otp(value, clock.instant().plus(OTP_LIFETIME)));
        return null;
    }

    // ---- signatures

    private Map<String, Object> signHash(int version, JsonBody body, AccessToken token) {
        SandboxCredential c = credential(body);
        Optional<String> mode = body.string("operationMode");
        boolean asynchronous = mode.isPresent() && "A".equals(mode.get()) && quirks.asynchronousSigning() && version == 2;
        if (mode.isPresent() && !"S".equals(mode.get()) && !asynchronous) {
            throw HttpError.badRequest("Invalid parameter operationMode: only S (synchronous) is supported");
        }
        body.integer("validity_period");
        body.string("response_uri");
        String hashesField = version == 1 ? "hash" : "hashes";
        List<String> hashes = body.strings(hashesField).orElseThrow(() -> HttpError.badRequest("Missing parameter " + hashesField));
        if (hashes.isEmpty() || hashes.size() > multisign) {
            throw HttpError.badRequest("Invalid parameter " + hashesField + ": must hold 1 to " + multisign + " hashes");
        }
        String signAlgo = body.requiredString("signAlgo");
        Optional<String> hashOid = version == 1 ? body.string("hashAlgo") : body.string("hashAlgorithmOID");
        HashSigner.Spec spec = HashSigner.resolve(signAlgo, hashOid, body.string("signAlgoParams"), c);
        List<byte[]> digests = decodeHashes(hashes, hashesField, spec.hashOid());
        boolean validationInfo = version == 2 && body.bool("returnValidationInfo", false);
        body.raw("clientData");
        Optional<String> sad = body.string("SAD");
        if (profile == Profile.BANKID && sad.isPresent()) {
            throw HttpError.badRequest("Invalid parameter SAD: this service authorizes by the access token, send no SAD");
        }
        int retryAfter = faults.retryAfterIfFailing();
        if (retryAfter >= 0) {
            throw new HttpError(503, "temporarily_unavailable", "The service is temporarily unavailable (sandbox fault)")
                    .header("Retry-After", Integer.toString(retryAfter));
        }
        if (profile != Profile.BANKID) {
            Instant now = clock.instant();
            if (sad.isPresent()) {
                Authorization a = sads.get(sad.get());
                String source = "explicit";
                if (a == null) {
                    // a credential-scope access token (authorization code flow) is a SAD too
                    AccessToken t = accessTokens.apply(sad.get());
                    a = t == null ? null : t.credentialAuthorization();
                    source = "token-as-sad";
                }
                if (a == null) {
                    throw HttpError.badRequest("Invalid parameter SAD: unknown, expired or revoked");
                }
                a.consume(c.id(), token.clientId(), digests, spec.hashOid(), now, "SAD");
                stats.signHashWith(a, source);
            } else if (token.credentialAuthorization() != null) {
                token.credentialAuthorization().consume(c.id(), token.clientId(), digests, spec.hashOid(), now,
                        "SAD (the credential authorization of the access token)");
                stats.signHashWith(token.credentialAuthorization(), "bearer");
            } else {
                throw HttpError.badRequest("Missing parameter SAD");
            }
        }
        List<byte[]> signatures = signer.sign(c, spec, digests, faults.wrongKey());
        List<String> encoded = new ArrayList<>(signatures.size());
        signatures.forEach(s -> encoded.add(base64(s)));
        if (faults.dropLast()) {
            encoded.remove(encoded.size() - 1);
        }
        if (faults.corruptBase64() && !encoded.isEmpty()) {
            encoded.set(0, "%%" + encoded.get(0).substring(2) + "!");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signatures", encoded);
        if (profile == Profile.BANKID) {
            out.put("validationInfo", Map.of("ocsp", List.of(base64(pki.ocspFor(c.certificate(), true)))));
        } else if (validationInfo) {
            out.put("validationInfo", Map.of("ocsp", List.of(base64(pki.ocspFor(c.certificate(), false)))));
        }
        if (asynchronous) {
            Accepted started = new Accepted();
            started.put("responseID", pending.put(token.clientId(), out, quirks.pendingPolls()));
            return started;
        }
        return out;
    }

    private Map<String, Object> timestamp(int version, JsonBody body) {
        String hash = body.requiredString("hash");
        String hashOid = version == 1 ? body.requiredString("hashAlgo") : body.requiredString("hashAlgorithmOID");
        int len = SignAlgorithms.hashLength(hashOid).orElseThrow(() -> HttpError.badRequest(
                "Invalid parameter " + (version == 1 ? "hashAlgo" : "hashAlgorithmOID") + ": not supported"));
        byte[] digest = JsonBody.base64(hash, "hash");
        if (digest.length != len) {
            throw HttpError.badRequest("Invalid parameter hash: must be " + len + " bytes for " + hashOid);
        }
        BigInteger nonce = body.string("nonce").map(CscApi::parseNonce).orElse(null);
        return Map.of("timestamp", base64(pki.timeStampToken(digest, hashOid, nonce)));
    }

    /** The nonce is a hexadecimal string (CSC: "a large random number ... e.g. a hexadecimal string"), 0x allowed. */
    static BigInteger parseNonce(String nonce) {
        try {
            String hex = nonce.startsWith("0x") || nonce.startsWith("0X") ? nonce.substring(2) : nonce;
            if (hex.matches("[0-9a-fA-F]{1,100}")) {
                return new BigInteger(hex, 16);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw HttpError.badRequest("Invalid parameter nonce: must be a hexadecimal number");
    }

    // ---- helpers

    private SandboxCredential credential(JsonBody body) {
        String id = body.requiredString("credentialID");
        return pki.credential(id).orElseThrow(() -> HttpError.badRequest("Invalid parameter credentialID: unknown credential"));
    }

    /** Decodes hashes; with a hash OID each must have its length, else any of 32, 48, 64 bytes (v1). */
    private static List<byte[]> decodeHashes(List<String> hashes, String field, String hashOid) {
        Integer len = null;
        if (hashOid != null) {
            len = SignAlgorithms.hashLength(hashOid).orElseThrow(
                    () -> HttpError.badRequest("Invalid parameter hashAlgorithmOID: " + hashOid + " is not supported"));
        }
        List<byte[]> out = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            String name = field + "[" + i + "]";
            byte[] d = JsonBody.base64(hashes.get(i), name);
            if (len != null ? d.length != len : !(d.length == 32 || d.length == 48 || d.length == 64)) {
                throw HttpError.badRequest("Invalid parameter " + name + ": a " + (len != null ? len : "32, 48 or 64")
                        + "-byte hash is expected, got " + d.length + " bytes");
            }
            out.add(d);
        }
        return out;
    }

    private void pruneSads() {
        if (sads.size() > 1000) {
            Instant now = clock.instant();
            sads.values().removeIf(a -> a.spent(now));
        }
    }

    private String newSad() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static Map<String, Object> ordered(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode a certificate", e);
        }
    }
}
