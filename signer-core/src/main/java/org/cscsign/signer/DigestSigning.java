package org.cscsign.signer;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.SignatureTokenConnection;
import org.cscsign.token.BatchSignatureToken;
import org.cscsign.token.CredentialUnusableException;
import org.cscsign.token.SignedBatch;
import org.cscsign.token.ValidationData;

import java.util.ArrayList;
import java.util.List;

/**
 * The signer's part that turns a batch's digests into signature values: one {@link BatchSignatureToken#signDigests}
 * (ceil(N / multisign) signHash calls, or one pooled window through a {@link SignHashPool}), or digest by digest
 * for any other DSS token; token failures become the signer's typed exceptions.
 */
final class DigestSigning {

    private DigestSigning() {
    }

    /**
     * @throws CertificateRevokedException when the service refuses a revoked credential
     * @throws CertificateStatusException when it refuses the credential for another reason
     * @throws RemoteServiceException when the token fails or returns the wrong number of values
     */
    static SignedBatch sign(SignatureTokenConnection token, DSSPrivateKeyEntry key, List<Digest> digests,
            SignatureAlgorithm algorithm) {
        SignedBatch batch;
        try {
            if (token instanceof BatchSignatureToken batchToken) {
                batch = batchToken.signDigests(digests, algorithm, key);
            } else {
                List<SignatureValue> values = new ArrayList<>(digests.size());
                for (Digest digest : digests) {
                    values.add(token.signDigest(digest, algorithm, key));
                }
                batch = new SignedBatch(values, ValidationData.EMPTY, 0);
            }
        } catch (CredentialUnusableException e) {
            String message = "the signing service refused the credential: " + e.getMessage();
            throw e.isRevoked() ? new CertificateRevokedException(message, e)
                    : new CertificateStatusException(message, e);
        } catch (SigningException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RemoteServiceException("the signing service failed to sign " + digests.size()
                    + " digest(s): " + Messages.rootMessage(e), e);
        }
        if (batch.signatureValues().size() != digests.size()) {
            throw new RemoteServiceException("the token returned " + batch.signatureValues().size()
                    + " signature value(s) for " + digests.size() + " digest(s)", null);
        }
        return batch;
    }
}
