package org.cscsign.benchmarks;

import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.Packaging;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.WriteResult;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs in a child JVM (the harness starts it with a small {@code -Xmx}): signs ONE file through the CSC
 * sandbox of the parent, validates the output, and prints one line {@code OK <peak heap MiB> <seconds>} or
 * {@code FAIL <peak heap MiB> <seconds> <reason>} (seconds: signing and validating, JVM start excluded). Peak heap is the sum of the heap pools' peak usage (an upper bound
 * of the real peak). Secrets come in the environment ({@code CSC_CLIENT_SECRET}, {@code CSC_PIN}).
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    /**
     * @param args {@code pades|cades|xades|jades PACKAGING|- LEVEL INPUT OUTDIR CSC_URL CLIENT_ID TSA_URL TRUST_PEM
     *        [validate]} ({@code -}: the format's default packaging)
     */
    public static void main(String[] args) {
        String reason = null;
        long start = System.nanoTime();
        try {
            sign(args);
        } catch (Throwable e) {
            reason = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
        String seconds = String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9);
        long peak = peakHeapMiB();
        System.out.println(reason == null ? "OK " + peak + " " + seconds : "FAIL " + peak + " " + seconds + " " + reason);
        System.exit(reason == null ? 0 : 1);
    }

    private static void sign(String[] args) {
        SignatureFormat format = SignatureFormat.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
        Packaging packaging = args[1].equals("-") ? null : Packaging.valueOf(args[1].toUpperCase(java.util.Locale.ROOT));
        Level level = Level.valueOf(args[2]);
        Path input = Path.of(args[3]);
        Path out = Path.of(args[4]);
        CscClientConfig config = CscClientConfig.builder().baseUrl(URI.create(args[5]))
                .login(Login.clientCredentials(args[6], ClientAuthentication.clientSecretBasic(System.getenv("CSC_CLIENT_SECRET"))))
                .returnValidationInfo(true).build();
        boolean validate = args.length > 9 && args[9].equals("validate");
        try (CscSignatureToken token = CscSignatureToken.builder().config(config).credentialIds("rsa2048")
                .authorizer(CredentialAuthorizer.pin(System.getenv("CSC_PIN").toCharArray())).build()) {
            // self-validation is measured separately (validate): this run is about the signing path
            DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                    .tsa(URI.create(args[7])).trustAnchorFile(Path.of(args[8])).selfValidation(false).build();
            SignatureOptions.Builder options = SignatureOptions.builder(format).level(level);
            if (packaging != null) {
                options.packaging(packaging);
            }
            WriteResult result = signer.signFiles(List.of(input), out, options.build(), true, null);
            if (validate) {
                ValidationResult v = DocumentValidator.builder().trustAnchorFile(Path.of(args[8]))
                        // B carries no revocation data: fetch it; LT must validate from what it carries
                        .online(level == Level.B || level == Level.T).build()
                        .validate(result.files().get(0).output(),
                                packaging == Packaging.DETACHED ? List.of(input) : List.of());
                if (v.signatures().isEmpty() || !v.signatures().get(0).passed()) {
                    throw new IllegalStateException("the output does not validate: " + v.signatures());
                }
            }
        }
    }

    static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
