package org.cscsign.signer;

import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import org.cscsign.sandbox.Sandbox;

/** Opens the package-private {@link Fixtures} to tests of {@code org.cscsign.signer.internal}. */
public final class FixturesAccess {

    private FixturesAccess() {
    }

    /** @return a local PKCS#12 token with the sandbox credential's key, see {@link Fixtures#localToken} */
    public static KeyStoreSignatureTokenConnection localToken(Sandbox sandbox, String credentialId) {
        return Fixtures.localToken(sandbox, credentialId);
    }

    /** @return a two-page PDF, see {@link Fixtures#pdfBytes} */
    public static byte[] pdfBytes() {
        return Fixtures.pdfBytes();
    }
}
