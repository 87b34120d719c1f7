package org.cscsign.token;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.cscsign.csc.HashAlgorithm;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

/**
 * Verifies a signature value returned by {@code signatures/signHash} over the raw digest that was
 * sent, with the credential's public key: PKCS#1 v1.5 over the DigestInfo, RSASSA-PSS over the
 * pre-hashed digest, ECDSA (DER) over the digest.
 */
final class SignatureChecks {

    private SignatureChecks() {
    }

    static boolean verifies(PublicKey key, SignPlan plan, byte[] digest, byte[] signature) {
        try {
            if (plan.pss()) {
                RSAPublicKey rsa = (RSAPublicKey) key;
                PSSSigner pss = PSSSigner.createRawSigner(new RSABlindedEngine(), digest(plan.hash()), digest(plan.hash()),
                        plan.hash().length(), PSSSigner.TRAILER_IMPLICIT);
                pss.init(false, new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()));
                pss.update(digest, 0, digest.length);
                return pss.verifySignature(signature);
            }
            Signature s = Signature.getInstance(plan.ecdsa() ? "NONEwithECDSA" : "NONEwithRSA");
            s.initVerify(key);
            s.update(plan.ecdsa() ? digest : digestInfo(plan.hash(), digest));
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // a value that cannot even be parsed does not verify
            return false;
        }
    }

    static byte[] digestInfo(HashAlgorithm hash, byte[] digest) {
        try {
            return new DigestInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(hash.oid()), DERNull.INSTANCE), digest)
                    .getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Digest digest(HashAlgorithm hash) {
        return switch (hash) {
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
        };
    }
}
