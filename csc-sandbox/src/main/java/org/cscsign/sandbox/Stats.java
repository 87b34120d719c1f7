package org.cscsign.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters of a {@link Sandbox}, for tests that check how many calls a client makes (for
 * example one signHash per batch, or no OCSP request when signHash returned one), and a record of the
 * OAuth2 requests (which client authentication each token request used, whether an authorization
 * request came through PAR, with RAR, an {@code account_token} or {@code clientData}), so that a test
 * can tell apart the ways the sandbox accepts. Thread-safe.
 *
 * <p>Counter names besides request paths: {@code oauth:token:grant:<grant_type>},
 * {@code oauth:token:auth:<method>} (also {@code oauth:par:auth:…} and {@code oauth:revoke:auth:…}), {@code oauth:par}, {@code oauth:authorize},
 * {@code oauth:authorize:par}, {@code oauth:consent:approved|denied|wrong-pin},
 * {@code oauth:codes:issued}, {@code oauth:codes:redeemed}, {@code oauth:codes:replayed},
 * {@code oauth:revoke}, {@code oauth:revoke:revoked} and {@code signHash:sad:<source>} where the source
 * is {@code explicit} (a SAD of credentials/authorize), {@code token-as-sad} (a credential-scope access
 * token in the {@code SAD} field) or {@code bearer} (the credential-scope token as the bearer).
 */
public final class Stats {
    private static final String OCSP_PREFIX = "ocsp:";
    /** Enough for any test; a soak run does not grow the lists without bound. */
    private static final int MAX_EVENTS = 1000;

    /**
     * One request to the token, PAR or revocation endpoint that got as far as client authentication.
     *
     * @param endpoint {@code token}, {@code par} or {@code revoke}
     * @param grantType the {@code grant_type} of a token request, null for PAR and revocation
     * @param clientAuthentication {@code client_secret_basic}, {@code client_secret_post} or
     *     {@code private_key_jwt}; {@code none} when the client did not authenticate successfully
     * @param dpop whether the request carried a valid DPoP proof
     * @param outcome {@code ok}, or the OAuth2 {@code error} code it was answered with
     * @param dpopJkt the SHA-256 JWK thumbprint (RFC 7638, base64url) of the DPoP proof's key, null without one
     */
    public record TokenRequest(String endpoint, String grantType, String clientAuthentication, boolean dpop, String outcome,
            String dpopJkt) {

        /**
         * A request without a DPoP key thumbprint recorded.
         *
         * @param endpoint {@code token}, {@code par} or {@code revoke}
         * @param grantType the {@code grant_type}, or null
         * @param clientAuthentication the client authentication method, or {@code none}
         * @param dpop whether the request carried a valid DPoP proof
         * @param outcome {@code ok} or the error code
         */
        public TokenRequest(String endpoint, String grantType, String clientAuthentication, boolean dpop, String outcome) {
            this(endpoint, grantType, clientAuthentication, dpop, outcome, null);
        }
    }

    /**
     * One authorization request seen at the authorization endpoint (GET).
     *
     * @param par whether it came as a {@code request_uri} from a pushed authorization request
     * @param scope {@code service} or {@code credential} (also for RAR), null when not understood
     * @param rar whether it carried {@code authorization_details}
     * @param accountToken whether it carried an {@code account_token}
     * @param accountId the verified {@code sub} of the account_token, else null
     * @param clientData the raw {@code clientData} string as sent, else null
     * @param lang the {@code lang} parameter, else null
     * @param credentialId for scope credential, the credential the page asked to approve, else null
     * @param numSignatures for scope credential, how many signatures (hashes) it covered, else 0
     * @param outcome {@code consent} when the consent page was shown, else the {@code error} code
     */
    public record AuthorizeRequest(boolean par, String scope, boolean rar, boolean accountToken, String accountId,
            String clientData, String lang, String credentialId, int numSignatures, String outcome) {
    }

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    /** Per path: requests being answered now, and the most at any one time since the last reset. */
    private final ConcurrentHashMap<String, int[]> inFlight = new ConcurrentHashMap<>();
    private final Deque<TokenRequest> tokenRequests = new ArrayDeque<>();
    private final Deque<AuthorizeRequest> authorizeRequests = new ArrayDeque<>();
    private final Map<Object, String> sadLabels = new IdentityHashMap<>();
    private final Map<String, Long> signHashPerSad = new LinkedHashMap<>();

    Stats() {
    }

    /**
     * The number of requests received for a path, or events of a counter name, since the last reset.
     *
     * @param path a request path such as {@code /csc/v2/signatures/signHash}, {@code /ocsp} or
     *     {@code /oauth2/token} (GET OCSP requests count under {@code /ocsp}), or a counter name listed
     *     in the class description
     * @return the count, zero when none
     */
    public long count(String path) {
        LongAdder a = counters.get(path);
        return a == null ? 0 : a.sum();
    }

    /**
     * The number of OCSP requests over HTTP whose CertID names the leaf certificate of a credential.
     *
     * @param credentialId a credential id, e.g. {@code rsa2048}
     * @return the count, zero when none
     */
    public long ocspRequestsFor(String credentialId) {
        return count(OCSP_PREFIX + credentialId);
    }

    /**
     * A copy of all counters: request paths, {@code ocsp:<credentialId>} for OCSP requests per
     * credential, and the OAuth2 and signHash counters named in the class description.
     *
     * @return a sorted, unmodifiable snapshot
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The requests to the token, PAR and revocation endpoints, oldest first (the last 1000).
     *
     * @return an unmodifiable copy
     */
    public synchronized List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /**
     * The authorization requests seen at the authorization endpoint, oldest first (the last 1000).
     *
     * @return an unmodifiable copy
     */
    public synchronized List<AuthorizeRequest> authorizeRequests() {
        return List.copyOf(authorizeRequests);
    }

    /**
     * How many signHash calls each SAD (or credential-scope access token used as SAD) authorized, keyed
     * {@code sad-1}, {@code sad-2}, … in the order of their first use; the SADs themselves are never kept.
     *
     * @return an unmodifiable copy in first-use order
     */
    public synchronized Map<String, Long> signHashPerSad() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(signHashPerSad));
    }

    /**
     * The most requests for a path that the sandbox was answering at the same time (with {@code --latency-ms},
     * requests a client sends concurrently overlap; requests sent one after another never do).
     *
     * @param path a request path such as {@code /tsa} (OCSP requests count under {@code /ocsp})
     * @return the most at once since the last reset, zero when none came
     */
    public int maxInFlight(String path) {
        int[] counts = inFlight.get(path);
        if (counts == null) {
            return 0;
        }
        synchronized (counts) {
            return counts[1];
        }
    }

    /** Sets every counter back to zero and forgets the recorded requests. */
    public void reset() {
        counters.clear();
        inFlight.clear();
        synchronized (this) {
            tokenRequests.clear();
            authorizeRequests.clear();
            sadLabels.clear();
            signHashPerSad.clear();
        }
    }

    /** What {@code GET /sandbox/stats} answers: the counters, plus {@code oauth} with the recorded requests. */
    synchronized Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>(snapshot());
        Map<String, Object> oauth = new LinkedHashMap<>();
        oauth.put("tokenRequests", new ArrayList<>(tokenRequests));
        oauth.put("authorizeRequests", new ArrayList<>(authorizeRequests));
        oauth.put("signHashPerSad", new LinkedHashMap<>(signHashPerSad));
        out.put("oauth", oauth);
        return out;
    }

    void request(String path) {
        counters.computeIfAbsent(path, k -> new LongAdder()).increment();
    }

    /** A request for {@code path} starts being answered; {@link #finished} follows in a {@code finally}. */
    void started(String path) {
        int[] counts = inFlight.computeIfAbsent(path, k -> new int[2]);
        synchronized (counts) {
            counts[0]++;
            counts[1] = Math.max(counts[1], counts[0]);
        }
    }

    void finished(String path) {
        int[] counts = inFlight.get(path);
        if (counts != null) {
            synchronized (counts) {
                counts[0] = Math.max(0, counts[0] - 1);
            }
        }
    }

    void ocspFor(String credentialId) {
        request(OCSP_PREFIX + credentialId);
    }

    synchronized void tokenRequest(TokenRequest r) {
        append(tokenRequests, r);
        if (r.grantType() != null) {
            request("oauth:token:grant:" + r.grantType());
        }
        request("oauth:" + r.endpoint() + ":auth:" + r.clientAuthentication());
    }

    synchronized void authorizeRequest(AuthorizeRequest r) {
        append(authorizeRequests, r);
    }

    /** Counts one signHash call authorized by {@code authorization}, which came from {@code source}. */
    synchronized void signHashWith(Object authorization, String source) {
        String label = sadLabels.get(authorization);
        if (label == null) {
            // a soak run may use many SADs: past the cap they share one label instead of growing the map
            label = sadLabels.size() >= 10 * MAX_EVENTS ? "sad-more" : "sad-" + (sadLabels.size() + 1);
            sadLabels.put(authorization, label);
        }
        signHashPerSad.merge(label, 1L, Long::sum);
        request("signHash:sad:" + source);
    }

    private static <T> void append(Deque<T> list, T item) {
        if (list.size() >= MAX_EVENTS) {
            list.removeFirst();
        }
        list.addLast(item);
    }
}
