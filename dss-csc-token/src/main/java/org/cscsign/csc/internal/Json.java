package org.cscsign.csc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.cscsign.csc.CscResponseException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Strict readers over a parsed response: every failure is a {@link CscResponseException} whose
 * message names the method and the field path (e.g. {@code cert.certificates[1]}).
 */
final class Json {

    private final String method;

    Json(String method) {
        this.method = method;
    }

    CscResponseException malformed(String field, String problem) {
        return new CscResponseException(method, 200, null, null,
                "malformed " + method + " response: field '" + field + "' " + problem, null);
    }

    JsonNode object(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw malformed(path, "is missing");
        }
        if (!n.isObject()) {
            throw malformed(path, "must be an object");
        }
        return n;
    }

    Optional<JsonNode> optObject(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            throw malformed(path, "must be an object");
        }
        return Optional.of(n);
    }

    String text(JsonNode parent, String name, String path) {
        return optText(parent, name, path).orElseThrow(() -> malformed(path, "is missing"));
    }

    Optional<String> optText(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw malformed(path, "must be a string");
        }
        return Optional.of(n.asText());
    }

    boolean optBoolean(JsonNode parent, String name, String path, boolean dflt) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        // CSC v1 examples carry booleans as strings ("true")
        if (n.isTextual() && ("true".equals(n.asText()) || "false".equals(n.asText()))) {
            return Boolean.parseBoolean(n.asText());
        }
        throw malformed(path, "must be a boolean");
    }

    /** An integer given as a JSON number or as a decimal string (SCAL is "1"/"2" in the spec). */
    Optional<Integer> optInt(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return Optional.of(n.asInt());
        }
        if (n.isTextual() && n.asText().matches("\\d{1,9}")) {
            return Optional.of(Integer.parseInt(n.asText()));
        }
        throw malformed(path, "must be an integer");
    }

    List<String> optTextArray(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw malformed(path, "must be an array");
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw malformed(path + "[" + i + "]", "must be a string");
            }
            out.add(n.get(i).asText());
        }
        return out;
    }

    List<String> textArray(JsonNode parent, String name, String path) {
        if (parent.get(name) == null || parent.get(name).isNull()) {
            throw malformed(path, "is missing");
        }
        return optTextArray(parent, name, path);
    }

    byte[] base64(String value, String path) {
        try {
            return Base64.getMimeDecoder().decode(strictBase64(value, path));
        } catch (IllegalArgumentException e) {
            throw malformed(path, "is not valid Base64");
        }
    }

    List<byte[]> base64Array(JsonNode parent, String name, String path, boolean required) {
        List<String> texts = required ? textArray(parent, name, path) : optTextArray(parent, name, path);
        List<byte[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(base64(texts.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** The MIME decoder skips junk characters silently; reject anything outside the Base64 alphabet first. */
    private String strictBase64(String value, String path) {
        String s = value.replaceAll("[\\r\\n ]", "");
        if (s.isEmpty() || !s.matches("[A-Za-z0-9+/]*={0,2}") || s.length() % 4 != 0) {
            // also accept unpadded Base64url, which some services send
            if (s.matches("[A-Za-z0-9_-]+") && s.length() % 4 != 1) {
                return s.replace('-', '+').replace('_', '/') + "==".substring(0, (4 - s.length() % 4) % 4);
            }
            throw malformed(path, "is not valid Base64");
        }
        return s;
    }
}
