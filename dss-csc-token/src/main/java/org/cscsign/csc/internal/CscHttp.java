package org.cscsign.csc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.CscTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;

/**
 * Sends CSC calls ({@code POST <base>/<method>} with a JSON body) and returns the parsed JSON of a
 * 2xx answer; anything else becomes the typed {@link CscException}. Every response is closed.
 * Bodies are never logged (they hold SADs, PINs and OTPs).
 */
public final class CscHttp {

    private static final Logger LOG = LoggerFactory.getLogger(CscHttp.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final String baseUrl;
    private final String userAgent;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param http the client with the retry and auth interceptors
     * @param baseUrl the CSC base URL, ending before the method name
     * @param userAgent the {@code User-Agent}
     */
    public CscHttp(OkHttpClient http, URI baseUrl, String userAgent) {
        this.http = http;
        this.baseUrl = baseUrl.toString();
        this.userAgent = userAgent;
    }

    /** @return the JSON mapper (for building request bodies) */
    public ObjectMapper mapper() {
        return json;
    }

    /**
     * @param method the CSC method, e.g. {@code credentials/list}
     * @param body the JSON body
     * @param authenticated whether the call carries the access token
     * @return the parsed response body (an empty object for an empty 2xx body)
     * @throws CscException typed by the failure
     */
    public JsonNode post(String method, JsonNode body, boolean authenticated) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the request of " + method, e);
        }
        return execute(method, new Request.Builder().url(url(method)).post(RequestBody.create(bytes, JSON_TYPE)), authenticated);
    }

    /**
     * @param method the CSC method (only {@code info} is served by GET)
     * @return the parsed response body
     */
    public JsonNode get(String method) {
        return execute(method, new Request.Builder().url(url(method)).get(), false);
    }

    private String url(String method) {
        return baseUrl + "/" + method;
    }

    private JsonNode execute(String method, Request.Builder builder, boolean authenticated) {
        Request request = builder.header("User-Agent", userAgent).header("Accept", "application/json")
                .tag(CallTag.class, new CallTag(method, authenticated)).build();
        long start = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody rb = response.body();
            String text = rb == null ? "" : rb.string();
            LOG.debug("CSC {} -> HTTP {} in {} ms", method, response.code(), (System.nanoTime() - start) / 1_000_000);
            if (!response.isSuccessful()) {
                throw Errors.fromResponse(method, response.code(), text);
            }
            if (text.isBlank()) {
                return JsonNodeFactory.instance.objectNode();
            }
            try {
                JsonNode node = json.readTree(text);
                if (node == null || !node.isObject()) {
                    throw new CscResponseException(method, response.code(), null, null,
                            "malformed " + method + " response: not a JSON object", null);
                }
                return node;
            } catch (IOException e) {
                throw new CscResponseException(method, response.code(), null, null,
                        "malformed " + method + " response: not JSON (" + e.getClass().getSimpleName() + ")", e);
            }
        } catch (CscException e) {
            throw e;
        } catch (IOException e) {
            LOG.debug("CSC {} -> {}", method, e.getClass().getSimpleName());
            throw new CscTransportException(method, 0, null, null,
                    method + " failed: cannot reach " + request.url().host() + ":" + request.url().port() + " ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }
}
