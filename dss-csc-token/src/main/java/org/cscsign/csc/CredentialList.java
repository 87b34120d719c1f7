package org.cscsign.csc;

import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code credentials/list}.
 *
 * @param credentialIds the identifiers, in the order of the service
 * @param credentialInfos the infos, when requested with {@code credentialInfo=true} and returned (else empty)
 * @param nextPageToken the v1 {@code nextPageToken}, may be null
 * @param onlyValid whether the service applied {@code onlyValid}
 */
public record CredentialList(List<CredentialId> credentialIds, List<CredentialInfo> credentialInfos,
                             String nextPageToken, boolean onlyValid) {

    /**
     * Copies the lists.
     *
     * @param credentialIds the identifiers, in the order of the service
     * @param credentialInfos the infos, when requested with {@code credentialInfo=true} and returned (else empty)
     * @param nextPageToken the v1 {@code nextPageToken}, may be null
     * @param onlyValid whether the service applied {@code onlyValid}
     */
    public CredentialList {
        credentialIds = List.copyOf(credentialIds);
        credentialInfos = List.copyOf(credentialInfos);
    }

    /**
     * @param id a credential identifier
     * @return its info, if it was returned
     */
    public Optional<CredentialInfo> info(CredentialId id) {
        return credentialInfos.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
