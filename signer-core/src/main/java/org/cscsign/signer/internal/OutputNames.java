package org.cscsign.signer.internal;

import org.cscsign.signer.Packaging;
import org.cscsign.signer.SignatureFormat;

/**
 * The one rule for naming a signed output after its input: PAdES {@code NAME-signed.pdf}; CAdES {@code NAME.p7m}
 * (enveloping) or {@code NAME.p7s} (detached); XAdES {@code NAME-signed.xml} (enveloped) or {@code NAME.xades.xml};
 * JAdES {@code NAME.jws.json}; ASiC-E {@code NAME.asice}; NAME is the input name without its last extension.
 */
public final class OutputNames {

    private OutputNames() {
    }

    /**
     * @param inputName the input's file name
     * @param format    the signature format
     * @param packaging the packaging actually used (ignored for PAdES, JAdES and ASiC-E)
     * @return the output's file name
     * @throws NullPointerException when an argument the format needs is null
     */
    public static String of(String inputName, SignatureFormat format, Packaging packaging) {
        String stem = FormatSupport.stem(inputName);
        return switch (format) {
            case PADES -> stem + "-signed.pdf";
            case CADES -> stem + (packaging == Packaging.DETACHED ? ".p7s" : ".p7m");
            case XADES -> stem + (packaging == Packaging.ENVELOPED ? "-signed.xml" : ".xades.xml");
            case JADES -> stem + ".jws.json";
            case ASIC_E -> stem + ".asice";
        };
    }
}
