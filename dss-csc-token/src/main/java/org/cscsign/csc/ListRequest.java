package org.cscsign.csc;

import java.util.Objects;

/**
 * The parameters of {@code credentials/list}.
 *
 * @param userId the {@code userID}, may be null (most services take the user from the token)
 * @param credentialInfo ask for {@code credentialInfos}
 * @param certificates which certificates to return with the infos
 * @param certInfo ask for the certificate details
 * @param authInfo ask for the authorization details
 * @param onlyValid ask for valid credentials only
 */
public record ListRequest(String userId, boolean credentialInfo, CertificatesMode certificates, boolean certInfo,
                          boolean authInfo, boolean onlyValid) {

    /** Checks the certificates mode. */
    public ListRequest {
        Objects.requireNonNull(certificates, "certificates");
    }

    /** @return only the identifiers */
    public static ListRequest idsOnly() {
        return new ListRequest(null, false, CertificatesMode.SINGLE, false, false, false);
    }

    /** @return identifiers with full infos: chain, certInfo and authInfo */
    public static ListRequest withInfos() {
        return new ListRequest(null, true, CertificatesMode.CHAIN, true, true, false);
    }
}
