package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.dss.DataLoaders;
import org.cscsign.dss.SelfValidator;
import org.cscsign.dss.SelfValidatorFactory;
import org.cscsign.dss.SignatureVerdict;
import org.cscsign.signer.internal.PreparedSignature;

import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

/**
 * The signer's part that validates each output before it is returned, through the {@link SelfValidator} SPI:
 * LT/LTA outputs offline (they must carry all their validation data, and the responder is not asked again about
 * the certificate signHash already answered for), B/T with the signer's data loaders.
 */
final class SelfValidation {

    private final SelfValidator online;
    private final SelfValidator offline;

    SelfValidation(SelfValidatorFactory factory, List<X509Certificate> trustAnchors, DataLoaders dataLoaders) {
        this.offline = factory.create(trustAnchors, DataLoaders.offline());
        this.online = dataLoaders.fetches() ? factory.create(trustAnchors, dataLoaders) : offline;
    }

    /**
     * @return the format DSS reports for the output's signature
     * @throws SelfValidationException when the output holds no readable signature, or the batch's signature is
     *         not TOTAL_PASSED at the expected format and level
     */
    String check(PreparedSignature p, DSSDocument output, Date signingDate) {
        String expected = p.expectedLevel().toString();
        List<DSSDocument> detached = p.detached() ? p.inputs() : List.of();
        List<SignatureVerdict> verdicts;
        try {
            SelfValidator validator = expected.endsWith("-LT") || expected.endsWith("-LTA") ? offline : online;
            verdicts = validator.validate(output, detached);
        } catch (IllegalArgumentException e) {
            throw new SelfValidationException(p.outputName(), null, expected, null, null, e.getMessage());
        }
        if (verdicts.isEmpty()) {
            throw new SelfValidationException(p.outputName(), null, expected, null, null, "no signature found");
        }
        // the signature of this batch is the one with the batch's signing time (a document may hold older ones)
        List<SignatureVerdict> ours = verdicts.stream()
                .filter(s -> signingDate.toInstant().equals(s.signingTime()))
                .toList();
        if (ours.isEmpty()) {
            ours = verdicts;
        }
        for (SignatureVerdict s : ours) {
            if (!s.passed() || !expected.equals(s.format())) {
                throw new SelfValidationException(p.outputName(), s.format(), expected, s.indication(),
                        s.subIndication(), String.join("; ", s.errors().stream().limit(3).toList()));
            }
        }
        return ours.get(0).format();
    }
}
