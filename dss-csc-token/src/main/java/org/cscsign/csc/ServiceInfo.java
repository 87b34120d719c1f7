package org.cscsign.csc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of the CSC {@code info} method: what the service is and what it supports.
 *
 * @param specs the CSC specification version, e.g. {@code 2.0.0.2}
 * @param name the service name
 * @param logo the logo URI, may be null
 * @param region the ISO 3166 region, may be null
 * @param lang the language, may be null
 * @param description the description, may be null
 * @param authTypes the {@code authType} entries, e.g. {@code oauth2client}
 * @param oauth2 the base URI of the OAuth2 server, may be null
 * @param oauth2Issuer the OAuth2 issuer (v2.1), may be null
 * @param asynchronousOperationMode whether mode {@code A} is supported
 * @param methods the methods the service serves, e.g. {@code signatures/signHash}
 * @param validationInfo whether {@code returnValidationInfo} is supported
 * @param signAlgorithms the {@code signAlgorithms.algos} OIDs (empty when the service does not list them)
 * @param signAlgoParams the {@code signAlgorithms.algoParams} entries
 */
public record ServiceInfo(String specs, String name, String logo, String region, String lang, String description,
                          List<String> authTypes, String oauth2, String oauth2Issuer,
                          boolean asynchronousOperationMode, List<String> methods, boolean validationInfo,
                          List<String> signAlgorithms, List<String> signAlgoParams) {

    /**
     * Copies the lists.
     *
     * @param specs the CSC specification version, e.g. {@code 2.0.0.2}
     * @param name the service name
     * @param logo the logo URI, may be null
     * @param region the ISO 3166 region, may be null
     * @param lang the language, may be null
     * @param description the description, may be null
     * @param authTypes the {@code authType} entries, e.g. {@code oauth2client}
     * @param oauth2 the base URI of the OAuth2 server, may be null
     * @param oauth2Issuer the OAuth2 issuer (v2.1), may be null
     * @param asynchronousOperationMode whether mode {@code A} is supported
     * @param methods the methods the service serves, e.g. {@code signatures/signHash}
     * @param validationInfo whether {@code returnValidationInfo} is supported
     * @param signAlgorithms the {@code signAlgorithms.algos} OIDs (empty when the service does not list them)
     * @param signAlgoParams the {@code signAlgorithms.algoParams} entries
     */
    public ServiceInfo {
        Objects.requireNonNull(specs, "specs");
        Objects.requireNonNull(name, "name");
        authTypes = List.copyOf(authTypes);
        methods = List.copyOf(methods);
        signAlgorithms = List.copyOf(signAlgorithms);
        signAlgoParams = List.copyOf(signAlgoParams);
    }

    /**
     * @param method a CSC method name, e.g. {@code credentials/authorize}
     * @return whether the service lists it in {@code methods}
     */
    public boolean supports(String method) {
        return methods.contains(method);
    }

    /** The {@code authType} values of CSC 1.0.4.0 and 2.x. */
    public static final List<String> KNOWN_AUTH_TYPES = List.of("external", "TLS", "basic", "digest", "oauth2code",
            "oauth2implicit", "oauth2client");

    /**
     * Whether a client must log in before calling the service: not when {@code authType} is empty or
     * offers {@code external} (the service authenticates by other means, or not at all).
     *
     * @return true when every offered way is a login (basic, digest, TLS, OAuth2)
     * @throws CscResponseException when {@code authType} names only types no CSC version defines
     */
    public boolean needsLogin() {
        if (authTypes.isEmpty()) {
            return false;
        }
        List<String> known = authTypes.stream()
                .filter(t -> KNOWN_AUTH_TYPES.stream().anyMatch(k -> k.equalsIgnoreCase(t))).toList();
        if (known.isEmpty()) {
            throw new CscResponseException("info", 200, null, null, "info: authType " + authTypes
                    + " names no authentication that CSC defines (" + String.join(", ", KNOWN_AUTH_TYPES) + ")", null);
        }
        return known.stream().noneMatch("external"::equalsIgnoreCase);
    }

    /** @return the OAuth2 base URI ({@code oauth2}, else {@code oauth2Issuer}) */
    public Optional<String> oauth2BaseUri() {
        return Optional.ofNullable(oauth2 != null ? oauth2 : oauth2Issuer);
    }
}
