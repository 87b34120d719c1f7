package org.cscsign.token;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.SignatureTokenConnection;

import java.util.List;

/**
 * A {@link SignatureTokenConnection} that can sign many digests at once, as a CSC service does with
 * several {@code hashes} in one {@code signatures/signHash} call, and that hands back the validation
 * data (OCSP, CRL, certificates) the service returned with the signatures.
 *
 * <p>signer-core uses this to sign a batch of documents with as few remote calls as the service
 * allows, and to inject the returned OCSP response as the signing certificate's revocation data.
 */
public interface BatchSignatureToken extends SignatureTokenConnection {

    /**
     * Signs every digest with the given key, in order.
     *
     * @param digests the digests to sign, each computed with the digest algorithm of {@code algorithm};
     *                a DigestInfo-encoded RSA digest is accepted too and unwrapped
     * @param algorithm the signature algorithm (its digest algorithm must match every digest)
     * @param key a key entry obtained from {@link #getKeys()} of this token
     * @return one signature value per digest, in the same order, each already verified against the
     *         key's public key, plus the validation data the service returned
     * @throws eu.europa.esig.dss.model.DSSException if the service refuses, fails, or returns a
     *         signature that does not verify, with the cause chained
     */
    SignedBatch signDigests(List<Digest> digests, SignatureAlgorithm algorithm, DSSPrivateKeyEntry key);
}
