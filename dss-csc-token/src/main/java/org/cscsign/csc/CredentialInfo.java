package org.cscsign.csc;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code credentials/info} (or an entry of {@code credentials/list} with {@code credentialInfo=true})
 * says about a credential. v1 answers ({@code authMode}, {@code PIN}, {@code OTP}) are mapped to the same shape.
 *
 * @param id the credential identifier
 * @param description the description, may be null
 * @param signatureQualifier the signature qualifier (v2), may be null
 * @param key the key
 * @param cert the certificate part (certificates may be empty with {@code certificates=none})
 * @param auth the authorization part (null when not requested)
 * @param scal the sole control assurance level, 1 or 2
 * @param multisign the maximum number of hashes per SAD and per {@code signHash} call
 * @param lang the language, may be null
 */
public record CredentialInfo(CredentialId id, String description, String signatureQualifier, Key key, Cert cert,
                             Auth auth, int scal, int multisign, String lang) {

    /**
     * Checks the parts.
     *
     * @param id the credential identifier
     * @param description the description, may be null
     * @param signatureQualifier the signature qualifier (v2), may be null
     * @param key the key
     * @param cert the certificate part (certificates may be empty with {@code certificates=none})
     * @param auth the authorization part (null when not requested)
     * @param scal the sole control assurance level, 1 or 2
     * @param multisign the maximum number of hashes per SAD and per {@code signHash} call
     * @param lang the language, may be null
     */
    public CredentialInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cert, "cert");
        if (scal != 1 && scal != 2) {
            throw new IllegalArgumentException("SCAL must be 1 or 2, was " + scal);
        }
        if (multisign < 1) {
            throw new IllegalArgumentException("multisign must be at least 1, was " + multisign);
        }
    }

    /** @return the leaf certificate, if the service returned certificates */
    public Optional<X509Certificate> certificate() {
        return cert.certificates().isEmpty() ? Optional.empty() : Optional.of(cert.certificates().get(0));
    }

    /** @return the public key of the leaf certificate, if any */
    public Optional<PublicKey> publicKey() {
        return certificate().map(X509Certificate::getPublicKey);
    }

    /** @return the authorization part, if the service returned it */
    public Optional<Auth> authInfo() {
        return Optional.ofNullable(auth);
    }

    /**
     * The one rule for "can this credential make a signature that will validate?", as far as the
     * service's own answer tells: the key is enabled, {@code cert.status} (when reported) is
     * {@code valid}, and the leaf certificate (when returned) is within its validity at {@code now}.
     * Whether the leaf is revoked when the service does not report {@code cert.status} is for the
     * caller to find out (OCSP/CRL).
     *
     * @param now the current time
     * @return why the credential cannot sign, or empty when nothing known forbids it
     */
    public Optional<Unusable> unusable(Instant now) {
        if (key.status() != null && !key.enabled()) {
            return Optional.of(new Unusable("credential " + id + " cannot sign: its key is "
                    + key.status().toLowerCase(Locale.ROOT), false));
        }
        String status = cert.status();
        if (status != null && !"valid".equalsIgnoreCase(status)) {
            return Optional.of(new Unusable("credential " + id + " cannot sign: the service reports its certificate as "
                    + status.toLowerCase(Locale.ROOT), "revoked".equalsIgnoreCase(status)));
        }
        Optional<X509Certificate> leaf = certificate();
        if (leaf.isPresent() && (now.isBefore(leaf.get().getNotBefore().toInstant())
                || now.isAfter(leaf.get().getNotAfter().toInstant()))) {
            return Optional.of(new Unusable("credential " + id + " cannot sign: its certificate is valid from "
                    + leaf.get().getNotBefore().toInstant() + " to " + leaf.get().getNotAfter().toInstant(), false));
        }
        return Optional.empty();
    }

    /**
     * Why a credential cannot sign.
     *
     * @param reason one line for the user
     * @param revoked whether the certificate is revoked (rather than expired, suspended or disabled)
     */
    public record Unusable(String reason, boolean revoked) {
    }

    /**
     * The {@code key} object.
     *
     * @param status {@code enabled} or {@code disabled}
     * @param algorithms the {@code algo} OIDs the key can be used with
     * @param length the key length in bits ({@code len})
     * @param curve the curve OID for EC keys, may be null
     */
    public record Key(String status, List<String> algorithms, int length, String curve) {
        /**
         * Copies the list.
         *
         * @param status {@code enabled} or {@code disabled}
         * @param algorithms the {@code algo} OIDs the key can be used with
         * @param length the key length in bits ({@code len})
         * @param curve the curve OID for EC keys, may be null
         */
        public Key {
            algorithms = List.copyOf(algorithms);
        }

        /** @return whether the key is enabled */
        public boolean enabled() {
            return "enabled".equalsIgnoreCase(status);
        }
    }

    /**
     * The {@code cert} object.
     *
     * @param status {@code valid}, {@code expired}, {@code revoked} or {@code suspended}, may be null
     * @param certificates leaf first
     * @param issuerDN with {@code certInfo}, may be null
     * @param serialNumber hex, with {@code certInfo}, may be null
     * @param subjectDN with {@code certInfo}, may be null
     * @param validFrom with {@code certInfo}, may be null
     * @param validTo with {@code certInfo}, may be null
     */
    public record Cert(String status, List<X509Certificate> certificates, String issuerDN, String serialNumber,
                       String subjectDN, Instant validFrom, Instant validTo) {
        /**
         * Copies the list.
         *
         * @param status {@code valid}, {@code expired}, {@code revoked} or {@code suspended}, may be null
         * @param certificates leaf first
         * @param issuerDN with {@code certInfo}, may be null
         * @param serialNumber hex, with {@code certInfo}, may be null
         * @param subjectDN with {@code certInfo}, may be null
         * @param validFrom with {@code certInfo}, may be null
         * @param validTo with {@code certInfo}, may be null
         */
        public Cert {
            certificates = List.copyOf(certificates);
        }
    }

    /**
     * The {@code auth} object (v2), or its v1 equivalent.
     *
     * @param mode {@code explicit}, {@code oauth2code} or (v1) {@code implicit}
     * @param expression e.g. {@code PIN AND OTP}, may be null
     * @param objects the authentication objects (PIN, OTP)
     */
    public record Auth(String mode, String expression, List<AuthObject> objects) {
        /**
         * Copies the list.
         *
         * @param mode {@code explicit}, {@code oauth2code} or (v1) {@code implicit}
         * @param expression e.g. {@code PIN AND OTP}, may be null
         * @param objects the authentication objects (PIN, OTP)
         */
        public Auth {
            objects = List.copyOf(objects);
        }

        /** @return whether the mode is {@code explicit} (PIN/OTP through {@code credentials/authorize}) */
        public boolean explicit() {
            return "explicit".equalsIgnoreCase(mode);
        }

        /**
         * @return the mode as a type
         * @throws CscResponseException when the service named a mode that is not explicit, implicit or oauth2code
         */
        public AuthMode authMode() {
            return AuthMode.parse(mode);
        }

        /**
         * @param objectId e.g. {@code PIN} or {@code OTP}
         * @return the object with that id
         */
        public Optional<AuthObject> object(String objectId) {
            return objects.stream().filter(o -> objectId.equalsIgnoreCase(o.id())).findFirst();
        }

        /** @return whether an OTP is required */
        public boolean requiresOtp() {
            if (expression != null) {
                return expression.toUpperCase(Locale.ROOT).contains("OTP");
            }
            return object("OTP").isPresent();
        }
    }

    /**
     * One authentication object of {@code auth.objects}.
     *
     * @param type e.g. {@code Password}
     * @param id e.g. {@code PIN} or {@code OTP}
     * @param format {@code N} (numeric) or {@code A} (alphanumeric), may be null
     * @param label a label to show, may be null
     * @param description a description, may be null
     * @param generator for an OTP, {@code online} (sent by {@code credentials/sendOTP}) or {@code totp}, may be null
     * @param optional whether the service accepts authorization without it (v1 {@code presence: optional})
     */
    public record AuthObject(String type, String id, String format, String label, String description,
                             String generator, boolean optional) {

        /**
         * A required object.
         *
         * @param type e.g. {@code Password}
         * @param id e.g. {@code PIN} or {@code OTP}
         * @param format {@code N} or {@code A}, may be null
         * @param label a label, may be null
         * @param description a description, may be null
         * @param generator for an OTP, {@code online} or {@code totp}, may be null
         */
        public AuthObject(String type, String id, String format, String label, String description, String generator) {
            this(type, id, format, label, description, generator, false);
        }

        /** @return whether this is an OTP the service sends after {@code credentials/sendOTP} */
        public boolean online() {
            return "online".equalsIgnoreCase(generator);
        }
    }
}
