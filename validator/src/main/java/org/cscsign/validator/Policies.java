package org.cscsign.validator;

import eu.europa.esig.dss.policy.ValidationPolicyFacade;
import eu.europa.esig.dss.policy.jaxb.ConstraintsParameters;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;

/**
 * The validation policies chosen when the caller gives none, built with DSS's policy model
 * ({@link ConstraintsParameters} through {@link ValidationPolicyFacade}), never by editing XML text.
 */
final class Policies {

    /** Where dss-policy-jaxb keeps DSS's default (EU trusted-list, "QES AdESQC TL based") policy. */
    private static final String DSS_DEFAULT = "/policy/constraint.xml";

    private Policies() {
    }

    /** @return DSS's default policy: AdES validation plus eIDAS qualification against EU trusted lists */
    static byte[] trustedLists() {
        return marshall(load());
    }

    /**
     * DSS's default policy without its eIDAS block: the AdES validation (chain to a trust anchor,
     * revocation, cryptography, timestamps) is unchanged, but DSS no longer determines the
     * signature's qualification, which only a trusted list can establish. Without this, every
     * signature under a private trust anchor shows "Unable to build a certificate chain up to a
     * trusted list!" in red although it passed.
     */
    static byte[] anchorsOnly() {
        ConstraintsParameters policy = load();
        policy.setEIDAS(null);
        policy.setName("cscsign: AdES against the given trust anchors");
        policy.setDescription("DSS's default validation policy without the eIDAS qualification block: "
                + "signatures are judged against the trust anchors given, not against EU trusted lists.");
        return marshall(policy);
    }

    private static ConstraintsParameters load() {
        try (InputStream in = ValidationPolicyFacade.class.getResourceAsStream(DSS_DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("DSS's default policy " + DSS_DEFAULT + " is not on the class path");
            }
            return ValidationPolicyFacade.newFacade().unmarshall(in);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read DSS's default validation policy: " + e.getMessage(), e);
        }
    }

    private static byte[] marshall(ConstraintsParameters policy) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ValidationPolicyFacade.newFacade().marshall(policy, out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a validation policy: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a policy file and parses it once, so that a broken policy fails when the validator is built.
     *
     * @param file a DSS constraint XML
     * @return its bytes
     * @throws IllegalArgumentException when it cannot be read or is not a DSS validation policy
     */
    static byte[] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy: cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            // parse now so a broken policy fails at build time, not at the first validation
            ValidationPolicyLoader.fromValidationPolicy(new InMemoryDocument(bytes)).create();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("policy: " + file + " is not a DSS validation policy: "
                    + DocumentValidator.oneLine(e), e);
        }
        return bytes;
    }
}
