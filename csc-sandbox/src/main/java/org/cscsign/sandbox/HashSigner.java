package org.cscsign.sandbox;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.cscsign.sandbox.pki.SandboxCredential;

/**
 * Signs pre-computed digests the way a CSC service does: the server builds the PKCS#1 DigestInfo,
 * PSS encodes the given digest (no second hash), ECDSA signs the digest and returns DER (r,s).
 * Keys are parsed once per credential; Signature objects are cheap to create per call.
 */
final class HashSigner {

    /** How one signHash call signs: the scheme, the hash the digests come from, PSS details. */
    record Spec(Kind kind, String hashOid, String mgfHashOid, int saltLength) {
    }

    enum Kind { PKCS1, PSS, ECDSA }

    private final List<SandboxCredential> credentials;
    private final Map<String, CipherParameters> bcKeys = new ConcurrentHashMap<>();
    private final Map<String, PrivateKey> wrongKeys = new ConcurrentHashMap<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    HashSigner(List<SandboxCredential> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    /**
     * Checks signAlgo, hashAlgorithmOID and signAlgoParams against each other and the key, as
     * {@code signatures/signHash} requires.
     */
    static Spec resolve(String signAlgo, Optional<String> hashOid, Optional<String> signAlgoParams, SandboxCredential credential) {
        boolean rsaKey = "RSA".equals(credential.keyAlgorithm());
        if (!SignAlgorithms.ALL_SIGN_ALGOS.contains(signAlgo)) {
            throw HttpError.badRequest("Invalid parameter signAlgo: " + signAlgo + " is not supported");
        }
        if (SignAlgorithms.isRsa(signAlgo) != rsaKey) {
            throw HttpError.badRequest("Invalid parameter signAlgo: " + signAlgo + " does not fit the "
                    + credential.keyAlgorithm() + " key of credential " + credential.id());
        }
        hashOid.ifPresent(h -> SignAlgorithms.hashLength(h).orElseThrow(
                () -> HttpError.badRequest("Invalid parameter hashAlgorithmOID: " + h + " is not supported")));
        if (!SignAlgorithms.RSA_PSS.equals(signAlgo) && signAlgoParams.filter(p -> !p.isEmpty()).isPresent()) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: only allowed with RSASSA-PSS");
        }
        if (SignAlgorithms.RSA.equals(signAlgo)) {
            String h = hashOid.orElseThrow(() -> HttpError.badRequest(
                    "Missing parameter hashAlgorithmOID: required with signAlgo rsaEncryption"));
            return new Spec(Kind.PKCS1, h, null, 0);
        }
        if (SignAlgorithms.RSA_PSS.equals(signAlgo)) {
            return resolvePss(hashOid, signAlgoParams);
        }
        String implied = SignAlgorithms.impliedHash(signAlgo).orElseThrow();
        if (hashOid.isPresent() && !hashOid.get().equals(implied)) {
            throw HttpError.badRequest("Invalid parameter hashAlgorithmOID: " + hashOid.get()
                    + " conflicts with signAlgo " + signAlgo);
        }
        return new Spec(SignAlgorithms.isEcdsa(signAlgo) ? Kind.ECDSA : Kind.PKCS1, implied, null, 0);
    }

    private static Spec resolvePss(Optional<String> hashOid, Optional<String> signAlgoParams) {
        String b64 = signAlgoParams.filter(p -> !p.isEmpty()).orElseThrow(() -> HttpError.badRequest(
                "Missing parameter signAlgoParams: required with RSASSA-PSS"));
        String h = hashOid.orElseThrow(() -> HttpError.badRequest(
                "Missing parameter hashAlgorithmOID: required with RSASSA-PSS"));
        RSASSAPSSparams params;
        try {
            params = RSASSAPSSparams.getInstance(ASN1Primitive.fromByteArray(JsonBody.base64(b64, "signAlgoParams")));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: not a DER RSASSA-PSS-params");
        }
        if (params == null) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: not a DER RSASSA-PSS-params");
        }
        String pssHash = params.getHashAlgorithm().getAlgorithm().getId();
        if (!pssHash.equals(h)) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: hash " + pssHash
                    + " does not agree with hashAlgorithmOID " + h);
        }
        AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
        if (!PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm()) || mgf.getParameters() == null) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: only MGF1 is supported");
        }
        String mgfHash;
        try {
            mgfHash = AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm().getId();
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: bad MGF1 parameters");
        }
        if (SignAlgorithms.hashLength(mgfHash).isEmpty()) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: MGF1 hash " + mgfHash + " is not supported");
        }
        if (params.getTrailerField().intValue() != 1) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: trailerField must be 1");
        }
        int salt = params.getSaltLength().intValueExact();
        if (salt < 0 || salt > 512) {
            throw HttpError.badRequest("Invalid parameter signAlgoParams: saltLength out of range");
        }
        return new Spec(Kind.PSS, h, mgfHash, salt);
    }

    /** Signs each digest in order. */
    List<byte[]> sign(SandboxCredential credential, Spec spec, List<byte[]> digests, boolean wrongKey) {
        PrivateKey key = wrongKey ? wrongKey(credential) : credential.privateKey();
        String cacheId = wrongKey ? credential.id() + "#wrong" : credential.id();
        List<byte[]> out = new ArrayList<>(digests.size());
        try {
            switch (spec.kind()) {
                case PKCS1 -> {
                    Signature s = Signature.getInstance("NONEwithRSA");
                    s.initSign(key);
                    AlgorithmIdentifier alg = new AlgorithmIdentifier(new ASN1ObjectIdentifier(spec.hashOid()), DERNull.INSTANCE);
                    for (byte[] d : digests) {
                        s.update(new DigestInfo(alg, d).getEncoded(ASN1Encoding.DER));
                        out.add(s.sign());
                    }
                }
                case ECDSA -> {
                    Signature s = Signature.getInstance("NONEwithECDSA");
                    s.initSign(key);
                    for (byte[] d : digests) {
                        s.update(d);
                        out.add(s.sign());
                    }
                }
                case PSS -> {
                    CipherParameters bcKey = bcKeys.computeIfAbsent(cacheId, k -> toBc(key));
                    for (byte[] d : digests) {
                        PSSSigner signer = PSSSigner.createRawSigner(new RSABlindedEngine(), digest(spec.hashOid()),
                                digest(spec.mgfHashOid()), spec.saltLength(), PSSSigner.TRAILER_IMPLICIT);
                        signer.init(true, new ParametersWithRandom(bcKey, random));
                        signer.update(d, 0, d.length);
                        out.add(signer.generateSignature());
                    }
                }
                default -> throw new IllegalStateException("unknown kind " + spec.kind());
            }
        } catch (GeneralSecurityException | IOException | CryptoException e) {
            throw new IllegalStateException("Signing failed for credential " + credential.id(), e);
        } catch (org.bouncycastle.crypto.DataLengthException e) {
            throw HttpError.badRequest("The key of credential " + credential.id() + " is too short for these PSS parameters");
        }
        return out;
    }

    private static CipherParameters toBc(PrivateKey key) {
        try {
            return PrivateKeyFactory.createKey(key.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read an RSA key", e);
        }
    }

    private static Digest digest(String oid) {
        return switch (oid) {
            case SignAlgorithms.SHA256 -> new SHA256Digest();
            case SignAlgorithms.SHA384 -> new SHA384Digest();
            case SignAlgorithms.SHA512 -> new SHA512Digest();
            default -> throw new IllegalArgumentException("hash " + oid);
        };
    }

    /** Another key of the same type: a different credential's when one has the same size, else a fresh one. */
    private PrivateKey wrongKey(SandboxCredential credential) {
        return wrongKeys.computeIfAbsent(credential.id(), id -> {
            for (SandboxCredential c : credentials) {
                if (!c.id().equals(id) && c.keyAlgorithm().equals(credential.keyAlgorithm())
                        && c.keyLength() == credential.keyLength()
                        && java.util.Objects.equals(c.curve(), credential.curve())) {
                    return c.privateKey();
                }
            }
            try {
                if ("RSA".equals(credential.keyAlgorithm())) {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(((RSAPrivateKey) credential.privateKey()).getModulus().bitLength());
                    return g.generateKeyPair().getPrivate();
                }
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("P-384".equals(credential.curve()) ? "secp384r1"
                        : "P-521".equals(credential.curve()) ? "secp521r1" : "secp256r1"));
                return g.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot generate a key", e);
            }
        });
    }
}
