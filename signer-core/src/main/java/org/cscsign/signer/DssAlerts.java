package org.cscsign.signer;

import eu.europa.esig.dss.alert.StatusAlert;
import eu.europa.esig.dss.alert.status.Status;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;

import java.util.function.Function;

/**
 * The signer's part that reacts to DSS's own checks while it finishes a signature: DSS reports a revoked
 * certificate, missing revocation data, an invalid timestamp or a certificate outside its validity through
 * {@link StatusAlert}s on the certificate verifier; these alerts throw the signer's typed exceptions instead of
 * DSS's generic {@code AlertException}, so no caller has to read DSS's message text.
 */
final class DssAlerts {

    private DssAlerts() {
    }

    /**
     * Installs the alerts on a verifier.
     *
     * @param verifier the batch's verifier
     * @param offline  whether no revocation data can be fetched (the missing-data message then says what to give)
     */
    static void install(CertificateVerifier verifier, boolean offline) {
        verifier.setAlertOnRevokedCertificate(throwing(m -> new CertificateRevokedException(
                "a certificate of the chain is revoked: " + m)));
        verifier.setAlertOnMissingRevocationData(throwing(m -> new MissingRevocationDataException(m
                + (offline ? " Offline, the revocation data of the CA and the TSA must come with signHash or be given"
                        + " as extra validation data (or sign online)." : ""), null)));
        verifier.setAlertOnInvalidTimestamp(throwing(m -> new SigningException("the timestamp is not valid: " + m)));
        verifier.setAlertOnExpiredCertificate(throwing(m -> new CertificateStatusException(
                "a certificate of the chain has expired: " + m)));
        verifier.setAlertOnNotYetValidCertificate(throwing(m -> new CertificateStatusException(
                "a certificate of the chain is not yet valid: " + m)));
    }

    private static StatusAlert throwing(Function<String, SigningException> exception) {
        return status -> {
            throw exception.apply(describe(status));
        };
    }

    private static String describe(Status status) {
        String text = status.getErrorString() != null && !status.getErrorString().isBlank()
                ? status.getErrorString() : status.getMessage();
        String line = text == null ? "" : text.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }
}
