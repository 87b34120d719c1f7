package org.cscsign.signer;

import eu.europa.esig.dss.enumerations.CommitmentTypeEnum;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.JWSSerializationType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What signature to make: format, packaging, level, digest algorithm and format-specific details.
 * Immutable; build with {@link #builder(SignatureFormat)}, validated in {@link Builder#build()}.
 *
 * <p>Defaults: level {@link Level#LT}; digest SHA-256; packaging PAdES enveloped, CAdES enveloping,
 * XAdES enveloped for XML input (a name ending in {@code .xml} or content starting with {@code <})
 * and enveloping otherwise, JAdES enveloping; ASiC-E holds XAdES; JAdES uses the JSON serialization
 * (the compact one cannot carry the unsigned properties of T/LT/LTA).
 */
public final class SignatureOptions {

    private final SignatureFormat format;
    private final Packaging packaging;
    private final Level level;
    private final DigestAlgorithm digestAlgorithm;
    private final SignatureFormat asicContent;
    private final JWSSerializationType jadesSerialization;
    private final String reason;
    private final String location;
    private final String contactInfo;
    private final String signatureFieldName;
    private final VisibleSignature visibleSignature;
    private final String canonicalization;
    private final List<String> signerRoles;
    private final CommitmentTypeEnum commitmentType;

    private SignatureOptions(Builder b) {
        this.format = b.format;
        this.packaging = b.packaging;
        this.level = b.level;
        this.digestAlgorithm = b.digestAlgorithm;
        this.asicContent = b.asicContent;
        this.jadesSerialization = b.jadesSerialization;
        this.reason = b.reason;
        this.location = b.location;
        this.contactInfo = b.contactInfo;
        this.signatureFieldName = b.signatureFieldName;
        this.visibleSignature = b.visibleSignature;
        this.canonicalization = b.canonicalization;
        this.signerRoles = List.copyOf(b.signerRoles);
        this.commitmentType = b.commitmentType;
    }

    /**
     * @param format the signature format
     * @return a builder with the defaults described on this class
     */
    public static Builder builder(SignatureFormat format) {
        return new Builder(format);
    }

    /** @return the signature format */
    public SignatureFormat format() {
        return format;
    }

    /** @return the packaging asked for; empty means the format's default (see the class comment) */
    public Optional<Packaging> packaging() {
        return Optional.ofNullable(packaging);
    }

    /** @return the baseline level */
    public Level level() {
        return level;
    }

    /** @return the digest algorithm of the signed data and the signature */
    public DigestAlgorithm digestAlgorithm() {
        return digestAlgorithm;
    }

    /** @return for ASiC-E: the signature format inside the container (XADES or CADES) */
    public SignatureFormat asicContent() {
        return asicContent;
    }

    /** @return for JAdES: compact or JSON serialization */
    public JWSSerializationType jadesSerialization() {
        return jadesSerialization;
    }

    /** @return PAdES: the reason of the signature dictionary */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** @return PAdES: the location of the signature dictionary */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** @return PAdES: the contact information of the signature dictionary */
    public Optional<String> contactInfo() {
        return Optional.ofNullable(contactInfo);
    }

    /** @return PAdES: the name of the signature field (existing or new) */
    public Optional<String> signatureFieldName() {
        return Optional.ofNullable(signatureFieldName);
    }

    /** @return PAdES: the visible appearance; empty for an invisible signature */
    public Optional<VisibleSignature> visibleSignature() {
        return Optional.ofNullable(visibleSignature);
    }

    /** @return XAdES: the canonicalization algorithm URI; empty for DSS's default (exclusive C14N) */
    public Optional<String> canonicalization() {
        return Optional.ofNullable(canonicalization);
    }

    /** @return XAdES: claimed signer roles (may be empty) */
    public List<String> signerRoles() {
        return signerRoles;
    }

    /** @return XAdES: the commitment type indication, if any */
    public Optional<CommitmentTypeEnum> commitmentType() {
        return Optional.ofNullable(commitmentType);
    }

    /**
     * The packaging used for one input: the explicit one, else the format's default.
     *
     * @param inputLooksLikeXml whether the input is XML (decides XAdES' default)
     * @return the packaging, or empty for ASiC-E (a container has none)
     */
    public Optional<Packaging> packagingFor(boolean inputLooksLikeXml) {
        if (packaging != null) {
            return Optional.of(packaging);
        }
        return switch (format) {
            case PADES -> Optional.of(Packaging.ENVELOPED);
            case CADES, JADES -> Optional.of(Packaging.ENVELOPING);
            case XADES -> Optional.of(inputLooksLikeXml ? Packaging.ENVELOPED : Packaging.ENVELOPING);
            case ASIC_E -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "SignatureOptions[" + format + (format == SignatureFormat.ASIC_E ? "(" + asicContent + ")" : "")
                + ", packaging=" + (packaging == null ? "default" : packaging) + ", level=" + level
                + ", digest=" + digestAlgorithm + "]";
    }

    /** Builder of {@link SignatureOptions}; not thread-safe. */
    public static final class Builder {
        private final SignatureFormat format;
        private Packaging packaging;
        private Level level = Level.LT;
        private DigestAlgorithm digestAlgorithm = DigestAlgorithm.SHA256;
        private SignatureFormat asicContent = SignatureFormat.XADES;
        private JWSSerializationType jadesSerialization = JWSSerializationType.JSON_SERIALIZATION;
        private String reason;
        private String location;
        private String contactInfo;
        private String signatureFieldName;
        private VisibleSignature visibleSignature;
        private String canonicalization;
        private List<String> signerRoles = List.of();
        private CommitmentTypeEnum commitmentType;

        private Builder(SignatureFormat format) {
            this.format = format;
        }

        /**
         * @param packaging enveloped, enveloping or detached, where the format allows it
         * @return this
         */
        public Builder packaging(Packaging packaging) {
            this.packaging = packaging;
            return this;
        }

        /**
         * @param level B, T, LT or LTA (T and above need a TSA on the signer)
         * @return this
         */
        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        /**
         * @param digestAlgorithm SHA256 (default), SHA384 or SHA512
         * @return this
         */
        public Builder digestAlgorithm(DigestAlgorithm digestAlgorithm) {
            this.digestAlgorithm = digestAlgorithm;
            return this;
        }

        /**
         * @param asicContent XADES (default) or CADES: the signature inside an ASiC-E container
         * @return this
         */
        public Builder asicContent(SignatureFormat asicContent) {
            this.asicContent = asicContent;
            return this;
        }

        /**
         * @param serialization JAdES serialization; COMPACT only at level B
         * @return this
         */
        public Builder jadesSerialization(JWSSerializationType serialization) {
            this.jadesSerialization = serialization;
            return this;
        }

        /**
         * @param reason PAdES reason
         * @return this
         */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /**
         * @param location PAdES location
         * @return this
         */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /**
         * @param contactInfo PAdES contact information
         * @return this
         */
        public Builder contactInfo(String contactInfo) {
            this.contactInfo = contactInfo;
            return this;
        }

        /**
         * @param name PAdES signature field name (an existing empty field, or the name of a new one)
         * @return this
         */
        public Builder signatureFieldName(String name) {
            this.signatureFieldName = name;
            return this;
        }

        /**
         * @param visibleSignature PAdES appearance, null for invisible
         * @return this
         */
        public Builder visibleSignature(VisibleSignature visibleSignature) {
            this.visibleSignature = visibleSignature;
            return this;
        }

        /**
         * @param algorithmUri XAdES canonicalization algorithm URI (e.g. {@code http://www.w3.org/2001/10/xml-exc-c14n#})
         * @return this
         */
        public Builder canonicalization(String algorithmUri) {
            this.canonicalization = algorithmUri;
            return this;
        }

        /**
         * @param roles XAdES claimed signer roles
         * @return this
         */
        public Builder signerRoles(List<String> roles) {
            this.signerRoles = roles == null ? List.of() : roles;
            return this;
        }

        /**
         * @param commitmentType XAdES commitment type indication (e.g. ProofOfApproval)
         * @return this
         */
        public Builder commitmentType(CommitmentTypeEnum commitmentType) {
            this.commitmentType = commitmentType;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException naming the field when a value is missing or does not fit the format
         */
        public SignatureOptions build() {
            require(format != null, "format is required");
            require(level != null, "level is required");
            require(digestAlgorithm != null, "digestAlgorithm is required");
            require(digestAlgorithm == DigestAlgorithm.SHA256 || digestAlgorithm == DigestAlgorithm.SHA384
                    || digestAlgorithm == DigestAlgorithm.SHA512,
                    "digestAlgorithm must be SHA256, SHA384 or SHA512, was " + digestAlgorithm);
            if (packaging != null) {
                boolean allowed = switch (format) {
                    case PADES -> packaging == Packaging.ENVELOPED;
                    case CADES, JADES -> packaging != Packaging.ENVELOPED;
                    case XADES -> true;
                    case ASIC_E -> packaging == Packaging.DETACHED;
                };
                require(allowed, "packaging " + packaging + " is not possible with format " + format);
            }
            require(asicContent == SignatureFormat.XADES || asicContent == SignatureFormat.CADES,
                    "asicContent must be XADES or CADES, was " + asicContent);
            require(jadesSerialization != null, "jadesSerialization is required");
            require(format != SignatureFormat.JADES || level == Level.B
                    || jadesSerialization != JWSSerializationType.COMPACT_SERIALIZATION,
                    "jadesSerialization COMPACT_SERIALIZATION only allows level B (unsigned properties need JSON)");
            boolean pades = format == SignatureFormat.PADES;
            require(pades || reason == null, "reason is only for format PADES");
            require(pades || location == null, "location is only for format PADES");
            require(pades || contactInfo == null, "contactInfo is only for format PADES");
            require(pades || signatureFieldName == null, "signatureFieldName is only for format PADES");
            require(pades || visibleSignature == null, "visibleSignature is only for format PADES");
            boolean xml = format == SignatureFormat.XADES
                    || (format == SignatureFormat.ASIC_E && asicContent == SignatureFormat.XADES);
            require(xml || canonicalization == null, "canonicalization is only for XAdES");
            require(xml || commitmentType == null, "commitmentType is only for XAdES");
            require(xml || signerRoles.isEmpty(), "signerRoles is only for XAdES");
            require(signatureFieldName == null || !signatureFieldName.isBlank(), "signatureFieldName must not be blank");
            for (String role : signerRoles) {
                require(role != null && !role.isBlank(), "signerRoles must not contain blank roles");
            }
            return new SignatureOptions(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** @return whether two option sets are equal in every field */
    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureOptions s && format == s.format && packaging == s.packaging
                && level == s.level && digestAlgorithm == s.digestAlgorithm && asicContent == s.asicContent
                && jadesSerialization == s.jadesSerialization && Objects.equals(reason, s.reason)
                && Objects.equals(location, s.location) && Objects.equals(contactInfo, s.contactInfo)
                && Objects.equals(signatureFieldName, s.signatureFieldName)
                && Objects.equals(visibleSignature, s.visibleSignature)
                && Objects.equals(canonicalization, s.canonicalization) && signerRoles.equals(s.signerRoles)
                && commitmentType == s.commitmentType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, packaging, level, digestAlgorithm, asicContent, jadesSerialization, reason,
                location, contactInfo, signatureFieldName, visibleSignature, canonicalization, signerRoles,
                commitmentType);
    }
}
