package org.cscsign.signer.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import eu.europa.esig.dss.enumerations.JWSSerializationType;
import eu.europa.esig.dss.jades.JAdESSignatureParameters;
import eu.europa.esig.dss.jades.signature.JAdESBuilder;
import eu.europa.esig.dss.jades.signature.JAdESCompactBuilder;
import eu.europa.esig.dss.jades.signature.JAdESSerializationBuilder;
import eu.europa.esig.dss.jades.signature.JAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * DSS's JAdES service, except that a JSON document which is not a JWS is signed as the payload it is without
 * first being parsed whole. DSS checks whether the document to sign is a JWS JSON serialization (to add a
 * parallel signature to it) by parsing it into a tree that records a source location for every value: a 20 MB
 * JSON document took gigabytes of heap and tens of seconds. Here one streaming pass over the top-level field
 * names (values skipped, nothing kept) tells a JWS ({@code signatures}, or the flattened {@code signature} /
 * {@code protected} with {@code payload}) from any other JSON; only a JWS, or a document that is not JSON, goes
 * through DSS's own check.
 */
final class PlainPayloadJAdESService extends JAdESService {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<String> JWS_MEMBERS = Set.of("signatures", "signature", "protected");

    private final transient CertificateVerifier verifier;

    PlainPayloadJAdESService(CertificateVerifier verifier) {
        super(verifier);
        this.verifier = verifier;
    }

    @Override
    protected JAdESBuilder getJAdESBuilder(JAdESSignatureParameters parameters, List<DSSDocument> documents) {
        if (documents.size() != 1 || !isJsonButNotJws(documents.get(0))) {
            return super.getJAdESBuilder(parameters, documents);
        }
        return parameters.getJwsSerializationType() == JWSSerializationType.COMPACT_SERIALIZATION
                ? new JAdESCompactBuilder(verifier, parameters, documents)
                : new JAdESSerializationBuilder(verifier, parameters, documents);
    }

    /**
     * @return true when the document is a JSON object or array whose top level has none of a JWS JSON
     *         serialization's members; false for a JWS, for anything that is not JSON and when in doubt
     */
    static boolean isJsonButNotJws(DSSDocument document) {
        try (InputStream in = document.openStream(); JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                parser.skipChildren();
                return parser.nextToken() == null;
            }
            if (first != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (JWS_MEMBERS.contains(parser.currentName())) {
                    return false;
                }
                parser.nextToken();
                parser.skipChildren(); // nested values are not looked at, long strings not decoded
            }
            return token == JsonToken.END_OBJECT && parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false; // not JSON (or not readable): DSS decides as it always does
        }
    }
}
