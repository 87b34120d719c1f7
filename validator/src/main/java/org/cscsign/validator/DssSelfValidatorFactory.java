package org.cscsign.validator;

import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.dss.DataLoaders;
import org.cscsign.dss.SelfValidator;
import org.cscsign.dss.SelfValidatorFactory;
import org.cscsign.dss.SignatureVerdict;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The validator module's {@link SelfValidatorFactory} (registered in {@code META-INF/services}): a signer
 * validates its outputs with a {@link DocumentValidator} that trusts the signer's anchors, under DSS's
 * default policy, at the moment of validation.
 */
public final class DssSelfValidatorFactory implements SelfValidatorFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public DssSelfValidatorFactory() {
    }

    /**
     * @throws IllegalArgumentException when {@code trustAnchors} is empty
     * @throws NullPointerException     when an argument is null
     */
    @Override
    public SelfValidator create(Collection<X509Certificate> trustAnchors, DataLoaders dataLoaders) {
        Objects.requireNonNull(dataLoaders, "dataLoaders");
        if (Objects.requireNonNull(trustAnchors, "trustAnchors").isEmpty()) {
            throw new IllegalArgumentException("trustAnchors: self-validation needs at least one trust anchor");
        }
        DocumentValidator validator = DocumentValidator.builder().trustAnchors(trustAnchors)
                .dataLoaders(dataLoaders).build();
        return (signed, detached) -> verdicts(validator, signed, detached);
    }

    private static List<SignatureVerdict> verdicts(DocumentValidator validator, DSSDocument signed,
            List<DSSDocument> detached) {
        Objects.requireNonNull(signed, "signedDocument");
        Objects.requireNonNull(detached, "detachedContents");
        ValidationResult result;
        try {
            result = validator.validate(signed, detached);
        } catch (NotASignedDocumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return result.signatures().stream()
                .map(s -> new SignatureVerdict(s.id(), s.format(), String.valueOf(s.indication()),
                        s.subIndication() == null ? null : s.subIndication().name(), s.signingTime(), s.errors()))
                .toList();
    }
}
