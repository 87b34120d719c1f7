package org.cscsign.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Strict reading of a CSC request body: every accessor checks the JSON type and names the field in
 * its error, so a client bug shows up as a 400 that says what is wrong.
 */
final class JsonBody {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Parses a request body; an empty body counts as {@code {}}. */
    static JsonBody parse(byte[] body) {
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new JsonBody(MAPPER.createObjectNode());
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(body);
        } catch (IOException e) {
            throw HttpError.badRequest("The request body is not valid JSON");
        }
        if (parsed == null || !parsed.isObject()) {
            throw HttpError.badRequest("The request body must be a JSON object");
        }
        return new JsonBody((ObjectNode) parsed);
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    Optional<String> string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw HttpError.badRequest("Invalid parameter " + field + ": must be a string");
        }
        return Optional.of(v.textValue());
    }

    String requiredString(String field) {
        String s = string(field).orElseThrow(() -> HttpError.badRequest("Missing (or invalid type) string parameter " + field));
        if (s.isEmpty()) {
            throw HttpError.badRequest("Invalid parameter " + field + ": must not be empty");
        }
        return s;
    }

    boolean bool(String field, boolean defaultValue) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw HttpError.badRequest("Invalid parameter " + field + ": must be a boolean");
        }
        return v.booleanValue();
    }

    Optional<Integer> integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw HttpError.badRequest("Invalid parameter " + field + ": must be an integer");
        }
        return Optional.of(v.intValue());
    }

    /** A string array, or empty when absent. */
    Optional<List<String>> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw HttpError.badRequest("Invalid parameter " + field + ": must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw HttpError.badRequest("Invalid parameter " + field + "[" + i + "]: must be a string");
            }
            out.add(v.get(i).textValue());
        }
        return Optional.of(out);
    }

    Optional<JsonNode> raw(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** Decodes standard Base64 (padding optional); the error names the field. */
    static byte[] base64(String value, String field) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Invalid parameter " + field + ": not valid Base64");
        }
    }
}
