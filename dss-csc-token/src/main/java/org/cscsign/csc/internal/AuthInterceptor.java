package org.cscsign.csc.internal;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.cscsign.csc.AccessToken;
import org.cscsign.csc.AccessTokenSource;
import org.cscsign.csc.DpopProofs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Adds {@code Authorization: Bearer|DPoP <token>} and, with DPoP, a fresh proof (with {@code ath}
 * and the latest nonce) to every authenticated CSC call. Answers a {@code use_dpop_nonce} challenge
 * once, and a 401 for a cached token by fetching a new token once.
 */
public final class AuthInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(AuthInterceptor.class);

    private final Supplier<AccessTokenSource> tokens;

    /**
     * @param tokens gives the token source of the client's login (opened once the client is built), null
     *               for a service that needs no login
     */
    public AuthInterceptor(Supplier<AccessTokenSource> tokens) {
        this.tokens = tokens;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request original = chain.request();
        CallTag tag = original.tag(CallTag.class);
        if (tag == null || !tag.authenticated()) {
            return remember(chain.proceed(original));
        }
        AccessTokenSource source = tokens.get();
        if (source == null) {
            // a service that needs no login: no Authorization header at all
            return remember(chain.proceed(original));
        }
        AccessToken token = source.token();
        boolean nonceRetried = false;
        boolean refreshed = false;
        while (true) {
            Response response = remember(chain.proceed(authorize(original, token)));
            if (response.code() != 401) {
                return response;
            }
            String challenge = String.join(", ", response.headers("WWW-Authenticate"));
            if (dpop() != null && challenge.contains("use_dpop_nonce") && !nonceRetried
                    && response.header("DPoP-Nonce") != null) {
                LOG.debug("{}: DPoP nonce challenge, retrying with the new nonce", tag.method());
                nonceRetried = true;
                response.close();
                continue;
            }
            if (!refreshed && !challenge.contains("invalid_dpop_proof") && source.invalidate(token)) {
                LOG.debug("{}: access token rejected (HTTP 401), fetching a new one", tag.method());
                refreshed = true;
                response.close();
                token = source.token();
                continue;
            }
            return response;
        }
    }

    /** @return the DPoP proofs of the login, null without DPoP (or without login) */
    private DpopProofs dpop() {
        AccessTokenSource source = tokens.get();
        return source == null ? null : source.dpop().orElse(null);
    }

    private Request authorize(Request request, AccessToken token) {
        DpopProofs dpop = dpop();
        Request.Builder b = request.newBuilder().header("Authorization", token.authorizationHeader());
        if (dpop != null) {
            b.header("DPoP", dpop.proof(request.method(), request.url().uri(), token.value()));
        }
        return b.build();
    }

    private Response remember(Response response) {
        DpopProofs dpop = dpop();
        if (dpop != null) {
            dpop.rememberNonce(response.request().url().uri(), response.header("DPoP-Nonce"));
        }
        return response;
    }
}
