package org.cscsign.token;

import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** Shared helpers of the protocol tests: clients for a sandbox and JDK verification over the original data. */
final class TestSupport {

    private TestSupport() {
    }

    static CscClientConfig.Builder standardConfig(Sandbox sandbox) {
        return CscClientConfig.builder().profile(CscProfile.STANDARD).baseUrl(sandbox.cscUrl())
                .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret())));
    }

    static CscClient standardClient(Sandbox sandbox) {
        return standardConfig(sandbox).buildClient();
    }

    static CscClient bankidClient(Sandbox sandbox) {
        return CscClientConfig.builder().profile(CscProfile.BANKID).baseUrl(sandbox.cscUrl())
                .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret())))
                .buildClient();
    }

    static CredentialAuthorizer pinAuthorizer(Sandbox sandbox) {
        return CredentialAuthorizer.explicit((id, object) -> switch (object.id()) {
            case "PIN" -> sandbox.pin().toCharArray();
            case "OTP" -> sandbox.lastOtp(id.value()).orElseThrow().toCharArray();
            default -> throw new IllegalStateException("unexpected auth object " + object.id());
        });
    }

    static byte[] sha(String jdkName, byte[] data) throws Exception {
        return MessageDigest.getInstance(jdkName).digest(data);
    }

    /** Verifies with the JDK over the ORIGINAL data, so it checks what a relying party checks. */
    static boolean jdkVerifies(String jcaAlgorithm, PublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature s;
        if (jcaAlgorithm.startsWith("PSS-")) {
            String hash = jcaAlgorithm.substring(4);
            int len = MessageDigest.getInstance(hash).getDigestLength();
            s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), len, 1));
        } else {
            s = Signature.getInstance(jcaAlgorithm);
        }
        s.initVerify(key);
        s.update(data);
        return s.verify(signature);
    }
}
