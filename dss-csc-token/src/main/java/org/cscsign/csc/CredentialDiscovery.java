package org.cscsign.csc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds credentials asking the service only for what is needed, the one place where the client does
 * so (the DSS token and the command line both come here):
 * <ul>
 * <li>{@code credentials/info} for the chosen credential only, with {@code certificates=chain} and
 *     {@code authInfo}, but without {@code certInfo} (the chain says everything it would);</li>
 * <li>an optional parameter the service refuses (HTTP 400 or 501) is dropped and the call made again;</li>
 * <li>{@code credentials/list} followed through {@code nextPageToken} to the end, bounded;</li>
 * <li>on CSC v1, {@code credentials/list} with v1 fields only (ids; infos then one by one);</li>
 * <li>a service without {@code credentials/info} (its {@code info} does not list it, or BankID B2B)
 *     describes a credential from {@code credentials/list} with {@code credentialInfo}.</li>
 * </ul>
 * Whether a credential can sign is {@link CredentialInfo#unusable(java.time.Instant)}, plus
 * {@link #requireCertificate(CredentialInfo)} for the chain. Thread-safe (stateless over the client).
 */
public final class CredentialDiscovery {

    /** The most {@code credentials/list} pages followed before the list counts as endless. */
    public static final int MAX_PAGES = 100;

    private final CscClient client;

    /** @param client the client to ask */
    public CredentialDiscovery(CscClient client) {
        this.client = client;
    }

    /**
     * All credential ids, page by page ({@code pageToken}) to the end.
     *
     * @return the ids in the service's order, without repeats
     * @throws CscResponseException when the list does not end within {@link #MAX_PAGES} pages or
     *     names a page twice
     */
    public List<CredentialId> ids() {
        List<CredentialId> out = new ArrayList<>();
        pages(ListRequest.idsOnly(), page -> out.addAll(page.credentialIds()));
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /**
     * The first credential the service lists, reading only the first page.
     *
     * @return its id, or empty when the service lists none
     */
    public Optional<CredentialId> first() {
        return client.listCredentials(ListRequest.idsOnly()).credentialIds().stream().findFirst();
    }

    /**
     * Every credential with its info (chain and authorization details): {@code credentials/list} with
     * {@code credentialInfo} on v2 (one call per page), otherwise — v1, a service that ignores
     * {@code credentialInfo} or refuses it — {@code credentials/info} for each id.
     *
     * @return the infos in the service's order
     */
    public List<CredentialInfo> all() {
        if (client.config().apiVersion() == CscApiVersion.V2) {
            ListRequest withInfos = new ListRequest(null, true, CertificatesMode.CHAIN, false, true, false);
            List<CredentialInfo> infos = new ArrayList<>();
            List<CredentialId> ids = new ArrayList<>();
            try {
                pages(withInfos, page -> {
                    ids.addAll(page.credentialIds());
                    infos.addAll(page.credentialInfos());
                });
                if (infos.size() == ids.size()) {
                    return List.copyOf(infos);
                }
            } catch (CscException e) {
                if (!refusesOptional(e)) {
                    throw e;
                }
            }
        }
        return ids().stream().map(this::describe).toList();
    }

    /**
     * Every credential as {@link #all()} returns it, and each one the service returned without
     * certificates described again with {@code certInfo}, so that at least its subject, issuer and
     * validity are known: what a listing of credentials shows.
     *
     * @return the infos in the service's order
     */
    public List<CredentialInfo> allDescribed() {
        return all().stream().map(c -> c.cert().certificates().isEmpty() ? describe(c.id(), true) : c).toList();
    }

    /**
     * {@code credentials/info} of one credential: the certificate chain and the authorization details.
     * Parameters the service refuses (400/501) are dropped one by one and the call is made again.
     *
     * @param id the credential
     * @return its info
     */
    public CredentialInfo describe(CredentialId id) {
        return describe(id, false);
    }

    /**
     * @param id the credential
     * @param certInfo also ask for {@code certInfo} (subject, issuer, validity as text: only worth it
     *     when the service returns no certificates)
     * @return its info
     * @throws CscException when the service's {@code info} or the credential's description cannot be read
     */
    public CredentialInfo describe(CredentialId id, boolean certInfo) {
        if (!servesCredentialInfo()) {
            return fromList(id);
        }
        try {
            return client.credentialInfo(id, CertificatesMode.CHAIN, certInfo, true);
        } catch (CscException e) {
            if (!refusesOptional(e)) {
                throw e;
            }
        }
        if (certInfo) {
            try {
                return client.credentialInfo(id, CertificatesMode.CHAIN, false, true);
            } catch (CscException e) {
                if (!refusesOptional(e)) {
                    throw e;
                }
            }
        }
        return client.credentialInfo(id, CertificatesMode.CHAIN, false, false);
    }

    /**
     * A service without {@code credentials/info} (BankID B2B) describes its credentials only in the
     * {@code credentialInfo} answer of {@code credentials/list}.
     */
    private CredentialInfo fromList(CredentialId id) {
        return all().stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new CscResponseException("credentials/list", 200, null, null,
                        "credential '" + id + "' is not listed by " + client.config().baseUrl(), null));
    }

    /**
     * The one rule for "does the service have {@code credentials/info}": its {@code info} lists it among
     * its methods (an {@code info} that lists no methods at all is taken to have every method). The one
     * exception, {@link CscProfile#servesCredentialInfo()} (BankID B2B), is known without asking.
     */
    private boolean servesCredentialInfo() {
        if (!client.config().profile().servesCredentialInfo()) {
            return false;
        }
        ServiceInfo info = client.info();
        return info.methods().isEmpty() || info.supports("credentials/info");
    }

    /**
     * @param info a credential's info
     * @return the same, when it holds at least the leaf certificate
     * @throws CscResponseException saying that the service returned no certificate chain
     */
    public static CredentialInfo requireCertificate(CredentialInfo info) {
        if (info.cert().certificates().isEmpty()) {
            throw new CscResponseException("credentials/info", 200, null, null, "credential " + info.id()
                    + " has no certificate chain: the service returned no certificates for it, so its signatures "
                    + "cannot be verified or embedded", null);
        }
        return info;
    }

    private void pages(ListRequest first, java.util.function.Consumer<CredentialList> each) {
        Set<String> seen = new HashSet<>();
        ListRequest request = first;
        for (int page = 1; ; page++) {
            CredentialList list = client.listCredentials(request);
            each.accept(list);
            String next = list.nextPageToken();
            if (next == null || next.isEmpty()) {
                return;
            }
            if (page >= MAX_PAGES || !seen.add(next)) {
                throw new CscResponseException("credentials/list", 200, null, null, "credentials/list does not end: "
                        + (page >= MAX_PAGES ? "still a next page after " + MAX_PAGES + " pages"
                        : "the same page token came twice") + "; giving up", null);
            }
            request = request.page(next);
        }
    }

    /** A service that does not implement an optional parameter answers 400 or 501. */
    private static boolean refusesOptional(CscException e) {
        return e.httpStatus() == 400 || e.httpStatus() == 501;
    }
}
