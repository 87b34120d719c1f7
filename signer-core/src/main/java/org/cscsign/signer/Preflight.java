package org.cscsign.signer;

import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.cscsign.csc.CredentialInfo;
import org.cscsign.token.CscKeyEntry;

import org.cscsign.signer.internal.RemoteTspSource;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The signer's part that refuses a job before any document work or remote call: a level the configuration
 * cannot reach (no TSA, no trust anchor) or a key that cannot make a valid signature. Whether a CSC credential
 * is usable is {@link CredentialInfo#unusable(Instant)}'s rule (key enabled, {@code cert.status}, validity);
 * for other keys only the certificate's validity is known here.
 */
final class Preflight {

    private final DSSPrivateKeyEntry key;
    private final Clock clock;
    private static final Duration TSA_PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final boolean hasTsa;
    private final URI tsaUrl;
    private final boolean hasTrustAnchors;

    Preflight(DSSPrivateKeyEntry key, Clock clock, boolean hasTsa, URI tsaUrl, boolean hasTrustAnchors) {
        this.key = key;
        this.clock = clock;
        this.hasTsa = hasTsa;
        this.tsaUrl = tsaUrl;
        this.hasTrustAnchors = hasTrustAnchors;
    }

    /**
     * @throws SigningException when the level needs a TSA or trust anchors that are not configured
     * @throws RemoteServiceException when the TSA the level needs does not answer
     * @throws CertificateRevokedException when the signing service reports the certificate revoked
     * @throws CertificateStatusException when the key or certificate cannot sign now (expired, not yet valid,
     *         suspended, disabled)
     */
    void check(SignatureOptions options) {
        if (options.level().needsTimestamp() && !hasTsa) {
            throw new SigningException("level " + options.level() + " needs a timestamp: configure tsa(...) on the DocumentSigner");
        }
        if (options.level().needsTimestamp() && tsaUrl != null) {
            RemoteTspSource.probe(tsaUrl, TSA_PROBE_TIMEOUT); // before anything is spent
        }
        if (options.level().needsRevocationData() && !hasTrustAnchors) {
            throw new SigningException("level " + options.level()
                    + " needs trustAnchors: DSS only collects revocation data for chains ending in a trust anchor");
        }
        checkKeyUsable();
    }

    private void checkKeyUsable() {
        Instant now = clock.instant();
        if (key instanceof CscKeyEntry csc) {
            Optional<CredentialInfo.Unusable> unusable = csc.credentialInfo().unusable(now);
            if (unusable.isPresent()) {
                String message = unusable.get().reason() + " (according to the signing service)";
                throw unusable.get().revoked() ? new CertificateRevokedException(message)
                        : new CertificateStatusException(message);
            }
        }
        X509Certificate leaf = key.getCertificate().getCertificate();
        String subject = "'" + key.getCertificate().getSubject().getRFC2253() + "'";
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new CertificateStatusException("signing certificate " + subject + " expired on "
                    + leaf.getNotAfter().toInstant());
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new CertificateStatusException("signing certificate " + subject + " is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
    }
}
