/**
 * cscsign's CSC client and its DSS token. Exported: {@code org.cscsign.csc} (the client and the
 * protocol's model, no DSS types), {@code org.cscsign.csc.auth} (OAuth2, DPoP, credential
 * authorization; built on {@code org.cscsign.csc}, never the reverse) and {@code org.cscsign.token}
 * (the DSS {@code SignatureTokenConnection}). Not exported: {@code org.cscsign.csc.internal}, the wire
 * DTOs and HTTP plumbing the exported packages share.
 */
module org.cscsign.csc {
    requires transitive okhttp3;                 // OkHttpClient is part of the client's configuration
    requires okio;
    requires kotlin.stdlib;                      // okhttp's runtime
    requires com.fasterxml.jackson.databind;
    requires com.nimbusds.jose.jwt;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires org.bouncycastle.pkix;
    requires jdk.httpserver;                     // the loopback redirect receiver of the code flow
    requires transitive org.cscsign.dss;          // CscException extends the library root CscSignException
    requires transitive jpms_dss_token;          // the token package implements DSS's SignatureTokenConnection
    requires transitive jpms_dss_model;
    requires transitive jpms_dss_enumerations;
    requires transitive jpms_dss_spi;

    exports org.cscsign.csc;
    exports org.cscsign.csc.auth;
    exports org.cscsign.token;
}
