package org.cscsign.csc;

import java.util.Objects;

/**
 * The parameters of {@code credentials/list}. On CSC v1 only {@code userID}, {@code maxResults} and
 * {@code pageToken} are sent (the v1 method knows no others).
 *
 * @param userId the {@code userID}, may be null (most services take the user from the token)
 * @param credentialInfo ask for {@code credentialInfos} (v2)
 * @param certificates which certificates to return with the infos (v2)
 * @param certInfo ask for the certificate details (v2)
 * @param authInfo ask for the authorization details (v2)
 * @param onlyValid ask for valid credentials only (v2)
 * @param maxResults the most ids per page, null to leave it to the service
 * @param pageToken the {@code nextPageToken} of the previous page, null for the first page
 */
public record ListRequest(String userId, boolean credentialInfo, CertificatesMode certificates, boolean certInfo,
                          boolean authInfo, boolean onlyValid, Integer maxResults, String pageToken) {

    /**
     * Checks the certificates mode and the page size.
     *
     * @param userId the {@code userID}, may be null (most services take the user from the token)
     * @param credentialInfo ask for {@code credentialInfos} (v2)
     * @param certificates which certificates to return with the infos (v2)
     * @param certInfo ask for the certificate details (v2)
     * @param authInfo ask for the authorization details (v2)
     * @param onlyValid ask for valid credentials only (v2)
     * @param maxResults the most ids per page, null to leave it to the service
     * @param pageToken the {@code nextPageToken} of the previous page, null for the first page
     */
    public ListRequest {
        Objects.requireNonNull(certificates, "certificates");
        if (maxResults != null && maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, was " + maxResults);
        }
    }

    /**
     * The first page, of the size the service chooses.
     *
     * @param userId the {@code userID}, may be null
     * @param credentialInfo ask for {@code credentialInfos}
     * @param certificates which certificates
     * @param certInfo ask for certificate details
     * @param authInfo ask for authorization details
     * @param onlyValid only valid credentials
     */
    public ListRequest(String userId, boolean credentialInfo, CertificatesMode certificates, boolean certInfo,
                       boolean authInfo, boolean onlyValid) {
        this(userId, credentialInfo, certificates, certInfo, authInfo, onlyValid, null, null);
    }

    /** @return only the identifiers */
    public static ListRequest idsOnly() {
        return new ListRequest(null, false, CertificatesMode.SINGLE, false, false, false);
    }

    /** @return identifiers with full infos: chain, certInfo and authInfo */
    public static ListRequest withInfos() {
        return new ListRequest(null, true, CertificatesMode.CHAIN, true, true, false);
    }

    /**
     * @param token the {@code nextPageToken} of the previous page
     * @return this request for the page after it
     */
    public ListRequest page(String token) {
        return new ListRequest(userId, credentialInfo, certificates, certInfo, authInfo, onlyValid, maxResults, token);
    }

    /**
     * @param max the most ids per page
     * @return this request with {@code maxResults}
     */
    public ListRequest maxResults(int max) {
        return new ListRequest(userId, credentialInfo, certificates, certInfo, authInfo, onlyValid, max, pageToken);
    }
}
