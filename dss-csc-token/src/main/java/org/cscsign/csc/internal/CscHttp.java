package org.cscsign.csc.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;

/**
 * Sends CSC calls ({@code POST <base>/<method>} with a JSON body) and returns the parsed JSON of a
 * 2xx answer; anything else becomes the typed {@link CscException}. Calls that make or authorize a
 * signature ({@link BoundedExchange#isAtMostOnce}) go out at most once: a one-shot body over a client
 * that neither retries a broken connection nor follows redirects. Every response is read within the
 * size cap and closed; the client's {@code callTimeout} bounds each call. Bodies are never logged (they
 * hold SADs, PINs and OTPs). JSON with a duplicate key is refused (which value would count is a guess).
 */
public final class CscHttp {

    private static final Logger LOG = LoggerFactory.getLogger(CscHttp.class);

    private final OkHttpClient http;
    private final OkHttpClient atMostOnce;
    private final String baseUrl;
    private final String userAgent;
    private final long maxResponseBytes;
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * @param http the client with the retry and auth interceptors, tracked by {@link BoundedExchange#track}
     * @param baseUrl the CSC base URL, ending before the method name
     * @param userAgent the {@code User-Agent}
     * @param maxResponseBytes the cap on every response body
     */
    public CscHttp(OkHttpClient http, URI baseUrl, String userAgent, long maxResponseBytes) {
        this.http = http;
        this.atMostOnce = BoundedExchange.atMostOnce(http);
        this.baseUrl = baseUrl.toString();
        this.userAgent = userAgent;
        this.maxResponseBytes = maxResponseBytes;
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
        boolean once = BoundedExchange.isAtMostOnce(method);
        return execute(once ? atMostOnce : http, method,
                new Request.Builder().url(url(method)).post(BoundedExchange.jsonBody(bytes, once)), authenticated);
    }

    /**
     * @param method the CSC method (only {@code info} is served by GET)
     * @return the parsed response body
     * @throws CscException typed by the failure
     */
    public JsonNode get(String method) {
        return execute(http, method, new Request.Builder().url(url(method)).get(), false);
    }

    private String url(String method) {
        return baseUrl + "/" + method;
    }

    private JsonNode execute(OkHttpClient client, String method, Request.Builder builder, boolean authenticated) {
        Request request = builder.header("User-Agent", userAgent).header("Accept", "application/json")
                .tag(CallTag.class, new CallTag(method, authenticated)).build();
        long start = System.nanoTime();
        BoundedExchange.Result response = BoundedExchange.execute(client, request, method, maxResponseBytes);
        LOG.debug("CSC {} -> HTTP {} in {} ms", method, response.status(), (System.nanoTime() - start) / 1_000_000);
        if (!response.successful()) {
            throw Errors.fromResponse(method, response.status(), response.body());
        }
        return parseObject(json, method, response);
    }

    /**
     * Parses a 2xx body as one JSON object (an empty body is an empty object).
     *
     * @param json the mapper (strict about duplicate keys)
     * @param method the call, for messages
     * @param response the response
     * @return the object
     * @throws CscResponseException naming the call (and the content type when the body is not JSON)
     */
    static JsonNode parseObject(ObjectMapper json, String method, BoundedExchange.Result response) {
        String text = response.body();
        if (text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new CscResponseException(method, response.status(), null, null,
                        "malformed " + method + " response: not a JSON object", null);
            }
            return node;
        } catch (IOException e) {
            String type = response.contentType();
            String why = e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "a key appears twice (" + e.getMessage().lines().findFirst().orElse("") + ")"
                    : "not JSON" + (type != null && !type.contains("json") ? " (Content-Type " + type + ")" : "");
            throw new CscResponseException(method, response.status(), null, null,
                    "malformed " + method + " response: " + why, e);
        }
    }
}
